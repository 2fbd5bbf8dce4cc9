/**
 * Workflow::attachLabelToConnections: edges walked while a "Filter :: Generic" is active carry the
 * filter's label (`inputs.*.connections[].labels`) until a "Filter :: Remove filter" node, so the
 * editor can show which part of the graph sees filtered data.
 */
import { nodeOutputs, triggerNode, type WorkflowGraph, type WorkflowNode } from './engine/index.ts';

type Label = { id: string; name: string; variant: string };

function labelOf(node: WorkflowNode, key: string, fallback: string): string {
  const params = node.data?.indexed_params;
  const value = params && !Array.isArray(params) ? params[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function attachConnectionLabels(graph: WorkflowGraph | []): WorkflowGraph | [] {
  if (Array.isArray(graph)) return graph;
  const copy = JSON.parse(JSON.stringify(graph)) as WorkflowGraph;
  const start = triggerNode(copy);
  if (!start) return copy;
  const nodeById = (id: string | number) => copy[String(id)] as WorkflowNode | undefined;
  const visit = (node: WorkflowNode, active: string[], seen: Set<string>): void => {
    let labels = active;
    if (node.data?.id === 'generic-filter-data')
      labels = [...new Set([...active, labelOf(node, 'filtering-label', 'A')])];
    if (node.data?.id === 'generic-filter-reset') {
      const which = labelOf(node, 'filtering-label', 'all');
      labels = which === 'all' ? [] : active.filter((label) => label !== which);
    }
    for (const [outputId, connections] of nodeOutputs(node)) {
      for (const connection of connections) {
        const edge = `${node.id}:${outputId}:${connection.node}`;
        const target = nodeById(connection.node);
        if (!target || seen.has(edge)) continue;
        if (labels.length > 0 && target.inputs && !Array.isArray(target.inputs)) {
          for (const port of Object.values(target.inputs)) {
            for (const incoming of port.connections ?? []) {
              if (String(incoming.node) === String(node.id) && incoming.input === outputId) {
                incoming.labels = labels.map((label): Label => ({
                  id: label,
                  name: `Label ${label}`,
                  variant: 'info',
                }));
              }
            }
          }
        }
        visit(target, labels, new Set([...seen, edge]));
      }
    }
  };
  visit(start, [], new Set());
  return copy;
}
