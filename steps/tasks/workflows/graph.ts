/**
 * Workflow graphs in MISP's own Drawflow JSON (spec §3.3): loaded from fixtures/workflows, or
 * built as a chain of modules from the configs MISP lists (so a graph uses the names and
 * versions of the MISP it runs on), and reduced to their meaning (modules, params, edges) so a
 * graph drawn in the editor can be compared with a fixture whatever its node ids and positions.
 */
import assert from 'node:assert/strict';
import type { ModuleConfig } from './modules.ts';
import type {
  DrawflowConnection,
  DrawflowGraph,
  DrawflowNode,
} from '../../../lab/workflows/graph-meaning.ts';

export type { DrawflowConnection, DrawflowGraph, DrawflowNode };
export { loadGraphFixture, meaningOf, paramsSetIn } from '../../../lab/workflows/graph-meaning.ts';

export function moduleIdsOf(graph: DrawflowGraph): string[] {
  return Object.entries(graph)
    .filter(([key, node]) => key !== '_frames' && node.data.module_type !== 'trigger')
    .map(([, node]) => node.data.id);
}

export function triggerNodeOf(graph: DrawflowGraph): DrawflowNode {
  const trigger = Object.values(graph).find((node) => node?.data?.module_type === 'trigger');
  assert.ok(trigger, 'the workflow has no trigger node');
  return trigger;
}

export interface ChainStep {
  module: ModuleConfig;
  params: Record<string, unknown>;
}

/** Trigger → step 1 → step 2 …, each on output_1, every param filled as MISP's editor saves it. */
export function chainGraph(trigger: DrawflowNode, steps: ChainStep[]): DrawflowGraph {
  const graph: DrawflowGraph = {
    [String(trigger.id)]: { ...trigger, outputs: { output_1: { connections: [] } } },
  };
  let previous = graph[String(trigger.id)]!;
  steps.forEach((step, index) => {
    const id = Number(trigger.id) + index + 1;
    const node = moduleNode(id, step, previous.id);
    (previous.outputs as Record<string, { connections: DrawflowConnection[] }>).output_1!.connections.push({
      node: String(id),
      output: 'input_1',
    });
    graph[String(id)] = node;
    previous = node;
  });
  return graph;
}

function moduleNode(id: number, step: ChainStep, from: number): DrawflowNode {
  const { module } = step;
  const indexed: Record<string, unknown> = {};
  for (const param of module.params ?? []) indexed[param.id] = param.default ?? '';
  Object.assign(indexed, step.params);
  const outputs: DrawflowNode['outputs'] = {};
  for (let n = 1; n <= (module.outputs ?? 1); n++) outputs[`output_${n}`] = { connections: [] };
  return {
    id,
    name: module.name,
    class: module.module_type === 'logic' ? 'block-type-logic' : 'block-type-default',
    typenode: false,
    pos_x: 300 * (id - 1),
    pos_y: 0,
    data: {
      id: module.id,
      name: module.name,
      module_type: module.module_type,
      module_version: module.version ?? '0.1',
      previous_module_version: module.version ?? '0.1',
      multiple_output_connection: module.multiple_output_connection ?? false,
      indexed_params: indexed,
      saved_filters: { selector: '', value: '', operator: '', path: '' },
      node_uid: `lab-node-${id}`,
    },
    inputs: { input_1: { connections: [{ node: String(from), input: 'output_1' }] } },
    outputs,
  };
}
