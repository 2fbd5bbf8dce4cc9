/**
 * MISP workflow graphs in Drawflow's export format (spec §3.3) and the checks MISP runs on them
 * (Workflow validation rules, GraphUtil, `/workflows/checkGraph`).
 */

export type ModuleType = 'trigger' | 'logic' | 'action';

export interface DrawflowConnection {
  node: string | number;
  /** In `outputs` this names the target's input (`input_1`); Drawflow's naming, not ours. */
  output?: string;
  /** In `inputs` this names the source's output (`output_1`). */
  input?: string;
  labels?: { id: string; name: string; variant: string }[];
}

export interface DrawflowPort {
  connections: DrawflowConnection[];
}

export interface SavedFilters {
  selector?: string;
  value?: unknown;
  operator?: string;
  path?: string;
}

export interface WorkflowNodeData {
  id: string;
  module_type: ModuleType;
  name?: string;
  module_version?: string;
  previous_module_version?: string;
  multiple_output_connection?: boolean;
  indexed_params?: Record<string, unknown> | unknown[];
  /** A node saved by the editor has the keyed form; a trigger config carries MISP's list form. */
  saved_filters?: SavedFilters | { text: string; value: unknown }[];
  [key: string]: unknown;
}

export interface WorkflowNode {
  id: number | string;
  name?: string;
  class?: string;
  typenode?: boolean;
  pos_x?: number;
  pos_y?: number;
  html?: string;
  data: WorkflowNodeData;
  /** Trigger nodes carry `[]` here (PHP's empty array). */
  inputs?: Record<string, DrawflowPort> | [];
  outputs?: Record<string, DrawflowPort> | [];
}

/** Graph keyed by node id; `_frames` (editor decoration) may sit beside the nodes. */
export type WorkflowGraph = { [nodeId: string]: WorkflowNode } & { _frames?: unknown };

export const GRAPH_ERRORS = {
  cycle: 'Cannot save a workflow containing a cycle',
  trigger: 'Cannot save a workflow containing no or more than one trigger',
  multipleOutput: 'Cannot save a workflow having more than one connection per output',
} as const;

/** The node entries of a graph, without `_frames`. */
export function graphNodes(graph: WorkflowGraph | unknown[]): WorkflowNode[] {
  if (Array.isArray(graph)) return graph as WorkflowNode[];
  return Object.entries(graph)
    .filter(([key]) => key !== '_frames')
    .map(([, node]) => node as WorkflowNode);
}

export function findNode(graph: WorkflowGraph, nodeId: number | string): WorkflowNode | undefined {
  return graphNodes(graph).find((node) => String(node.id) === String(nodeId));
}

/** Outputs in key order, each with its connections (a missing or `[]` outputs gives nothing). */
export function nodeOutputs(node: WorkflowNode): [string, DrawflowConnection[]][] {
  const outputs = node.outputs;
  if (!outputs || Array.isArray(outputs)) return [];
  return Object.entries(outputs).map(([outputId, port]) => [outputId, port?.connections ?? []]);
}

export function triggerNodes(graph: WorkflowGraph): WorkflowNode[] {
  return graphNodes(graph).filter((node) => node.data?.module_type === 'trigger');
}

/** The first trigger node, as `WorkflowGraphTool::extractTriggerFromWorkflow` picks it. */
export function triggerNode(graph: WorkflowGraph): WorkflowNode | undefined {
  return triggerNodes(graph)[0];
}

function edgeList(graph: WorkflowGraph): Map<number, number[]> {
  const edges = new Map<number, number[]>();
  for (const node of graphNodes(graph)) {
    const from = Math.trunc(Number(node.id));
    const targets: number[] = [];
    for (const [, connections] of nodeOutputs(node)) {
      for (const connection of connections) targets.push(Math.trunc(Number(connection.node)));
    }
    edges.set(from, targets);
  }
  return edges;
}

export type CycleEdge = [number, number, 'Cycle'];

/**
 * Depth-first search for a back edge, reporting the edges of the first cycle found the way
 * MISP's GraphUtil does (from the closing edge back to the loop's entry).
 */
export function findCycle(graph: WorkflowGraph): CycleEdge[] {
  const edges = edgeList(graph);
  const colour = new Map<number, 'WHITE' | 'GRAY' | 'BLACK'>();
  for (const id of edges.keys()) colour.set(id, 'WHITE');
  const cycle: CycleEdge[] = [];
  let loopNode: number | null = null;
  const visit = (nodeId: number): boolean => {
    colour.set(nodeId, 'GRAY');
    for (const next of edges.get(nodeId) ?? []) {
      if (colour.get(next) === 'GRAY') {
        loopNode = next;
        cycle.push([nodeId, next, 'Cycle']);
        return true;
      }
      if (colour.get(next) === 'WHITE' && visit(next)) {
        if (loopNode !== null) {
          cycle.push([nodeId, next, 'Cycle']);
          if (loopNode === nodeId) loopNode = null;
        }
        return true;
      }
    }
    colour.set(nodeId, 'BLACK');
    return false;
  };
  for (const id of edges.keys()) {
    if (colour.get(id) === 'WHITE' && visit(id)) return cycle;
  }
  return [];
}

/** Outputs holding more than one connection on a node that does not allow it, keyed by node id. */
export function multipleOutputConnections(graph: WorkflowGraph): Record<string, number[]> {
  const offending: Record<string, number[]> = {};
  for (const node of graphNodes(graph)) {
    for (const [, connections] of nodeOutputs(node)) {
      if (connections.length > 1 && !node.data?.multiple_output_connection) {
        offending[String(node.id)] = connections.map((connection) => Math.trunc(Number(connection.node)));
      }
    }
  }
  return offending;
}

/**
 * MISP's save validation. CakePHP stops at the first failing rule of a field, so at most one
 * message comes back, in MISP's rule order: cycle, trigger count, multiple connections.
 */
export function validateGraph(graph: WorkflowGraph): string[] {
  if (findCycle(graph).length > 0) return [GRAPH_ERRORS.cycle];
  if (triggerNodes(graph).length !== 1) return [GRAPH_ERRORS.trigger];
  if (Object.keys(multipleOutputConnections(graph)).length > 0) return [GRAPH_ERRORS.multipleOutput];
  return [];
}

/** One path warning: [source id, target id, message, blocking, module id, node id]. */
export type PathWarningEdge = [string, string, string, boolean, string, number | string];

export const PATH_WARNING = 'This path leads to a blocking node from a non-blocking context';

export interface CheckGraphResult {
  is_acyclic: { is_acyclic: boolean; cycles: CycleEdge[] };
  /** PHP encodes an empty edge map as `[]`. */
  multiple_output_connection: {
    has_multiple_output_connection: boolean;
    edges: Record<string, number[]> | [];
  };
  path_warnings: { has_path_warnings: boolean; edges: PathWarningEdge[] };
}

export interface CheckGraphOptions {
  /** Whether the module behind a node blocks; by default the node's own `data.blocking`. */
  isBlocking?: (node: WorkflowNode) => boolean;
}

/** Every node reachable from a concurrent-task that blocks, with each edge of the path to it. */
function pathWarnings(graph: WorkflowGraph, isBlocking: (node: WorkflowNode) => boolean): PathWarningEdge[] {
  const warnings: PathWarningEdge[] = [];
  const starts = graphNodes(graph).filter(
    (node) => node.data?.module_type === 'logic' && node.data.id === 'concurrent-task',
  );
  const walk = (node: WorkflowNode, path: [string, string][], seen: Set<string>): void => {
    if (isBlocking(node)) {
      for (const [source, target] of path) {
        warnings.push([source, target, PATH_WARNING, true, node.data.id, node.id]);
      }
    }
    for (const [outputId, connections] of nodeOutputs(node)) {
      connections.forEach((connection, index) => {
        const step = `${node.id}:${outputId}:${index}:${Math.trunc(Number(connection.node))}`;
        const next = findNode(graph, Math.trunc(Number(connection.node)));
        if (seen.has(step) || !next) return;
        walk(
          next,
          [...path, [String(node.id), String(Math.trunc(Number(connection.node)))]],
          new Set([...seen, step]),
        );
      });
    }
  };
  for (const start of starts) walk(start, [], new Set());
  return warnings;
}

/** The answer of `POST /workflows/checkGraph`. */
export function checkGraph(graph: WorkflowGraph, options: CheckGraphOptions = {}): CheckGraphResult {
  const cycles = findCycle(graph);
  const multiple = multipleOutputConnections(graph);
  const hasMultiple = Object.keys(multiple).length > 0;
  const warnings = pathWarnings(graph, options.isBlocking ?? ((node) => node.data?.blocking === true));
  return {
    is_acyclic: { is_acyclic: cycles.length === 0, cycles },
    multiple_output_connection: {
      has_multiple_output_connection: hasMultiple,
      edges: hasMultiple ? multiple : [],
    },
    path_warnings: { has_path_warnings: warnings.length > 0, edges: warnings },
  };
}
