/** Builds small Drawflow graphs for tests: `graph(trigger('event-publish', [2]), node(2, 'tag-if', ...))`. */
import type { ModuleType, WorkflowGraph, WorkflowNode } from '../graph.ts';

export function trigger(id: string, targets: number[], params: Record<string, unknown> = {}): WorkflowNode {
  return {
    id: 1,
    class: 'block-type-trigger',
    data: { id, module_type: 'trigger', indexed_params: params },
    inputs: [],
    outputs: { output_1: { connections: targets.map((t) => ({ node: String(t), output: 'input_1' })) } },
  };
}

export function node(
  nodeId: number,
  moduleId: string,
  moduleType: ModuleType,
  outputs: number[][] = [[]],
  params: Record<string, unknown> = {},
  extra: Partial<WorkflowNode['data']> = {},
): WorkflowNode {
  return {
    id: nodeId,
    data: { id: moduleId, module_type: moduleType, indexed_params: params, ...extra },
    inputs: { input_1: { connections: [] } },
    outputs: Object.fromEntries(
      outputs.map((targets, index) => [
        `output_${index + 1}`,
        { connections: targets.map((t) => ({ node: String(t), output: 'input_1' })) },
      ]),
    ),
  };
}

export function graph(...nodes: WorkflowNode[]): WorkflowGraph {
  return Object.fromEntries(nodes.map((n) => [String(n.id), n])) as WorkflowGraph;
}
