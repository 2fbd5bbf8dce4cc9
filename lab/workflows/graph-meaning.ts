/**
 * What a saved workflow means, whatever its layout: MISP's own Drawflow JSON (spec §3.3) reduced
 * to modules, the params a reference sets and the wires between them. The editor scenario uses it
 * to compare a graph drawn in MISP's editor with a fixture, the posture audit to decide whether a
 * deployment's saved workflow is Example A or B (lab/posture/workflow-checks.ts).
 */
import { readFileSync } from 'node:fs';

export interface DrawflowConnection {
  node: string;
  output?: string;
  input?: string;
}

export interface DrawflowNode {
  id: number;
  name?: string;
  class?: string;
  typenode?: boolean;
  pos_x?: number;
  pos_y?: number;
  data: {
    id: string;
    module_type?: string;
    indexed_params?: Record<string, unknown>;
    [key: string]: unknown;
  };
  inputs: Record<string, { connections: DrawflowConnection[] }> | [];
  outputs: Record<string, { connections: DrawflowConnection[] }> | [];
}

export type DrawflowGraph = Record<string, DrawflowNode>;

const FIXTURES = new URL('../../fixtures/workflows/', import.meta.url);

export function loadGraphFixture(name: string): DrawflowGraph {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as DrawflowGraph;
}

/** What a graph means: each node's module and params, each edge by module and output. */
export interface GraphMeaning {
  nodes: string[];
  edges: string[];
}

export function meaningOf(graph: DrawflowGraph, paramsOf: (node: DrawflowNode) => string[]): GraphMeaning {
  const entries = Object.entries(graph).filter(([key]) => key !== '_frames');
  const moduleById = new Map(entries.map(([key, node]) => [key, node.data.id]));
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const [, node] of entries) {
    const params = node.data.module_type === 'trigger' ? {} : (node.data.indexed_params ?? {});
    const shown = paramsOf(node).map((key) => `${key}=${canonical(params[key])}`);
    nodes.push(`${node.data.id}(${shown.join(', ')})`);
    for (const [output, { connections }] of Object.entries(node.outputs ?? {})) {
      for (const connection of connections)
        edges.push(
          `${node.data.id}.${output} -> ${moduleById.get(String(connection.node)) ?? `?${connection.node}`}`,
        );
    }
  }
  return { nodes: nodes.sort(), edges: edges.sort() };
}

/** Scalars as strings ("0" and 0 are one value in PHP), lists sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(', ')}]`;
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * The params a fixture node sets to something, so the comparison ignores params left empty
 * (an editor may save an untouched picker as [] or as "").
 */
export function paramsSetIn(fixture: DrawflowGraph): (node: DrawflowNode) => string[] {
  const byModule = new Map<string, string[]>();
  for (const node of Object.values(fixture)) {
    if (node.data?.module_type === 'trigger') continue;
    const params = node.data.indexed_params ?? {};
    byModule.set(
      node.data.id,
      Object.keys(params)
        .filter((key) => canonical(params[key]) !== '' && canonical(params[key]) !== '[]')
        .sort(),
    );
  }
  return (node) => byModule.get(node.data.id) ?? [];
}

/**
 * Whether a saved graph holds a reference workflow's meaning, when other steps share its trigger
 * (the workshop chains A and B on "Event Publish"): every node of the reference (module and the
 * params it sets) and every wire between them is there, and the reference's first step is reached
 * on every path from the trigger that does not end in "Stop execution" first. A wire the reference
 * leaves open (A's "else") may lead on; a step put between two of its steps breaks the meaning.
 * Returns what is missing, empty when the saved graph holds it.
 */
export function missingMeaning(saved: DrawflowGraph, reference: DrawflowGraph): string[] {
  const params = paramsSetIn(reference);
  const want = meaningOf(reference, params);
  const have = meaningOf(saved, params);
  const missing: string[] = [];
  for (const node of want.nodes) if (!have.nodes.includes(node)) missing.push(`step ${node}`);
  const referenceTrigger = nodesOf(reference).find((n) => n.data.module_type === 'trigger');
  const first = referenceTrigger ? successors(reference, referenceTrigger)[0] : undefined;
  const triggerModule = referenceTrigger?.data.id;
  for (const edge of want.edges) {
    if (triggerModule && edge.startsWith(`${triggerModule}.`)) continue; // judged by reachability below
    if (!have.edges.includes(edge)) missing.push(`wire ${edge}`);
  }
  if (first && triggerModule) {
    const savedTrigger = nodesOf(saved).find((n) => n.data.id === triggerModule);
    if (!savedTrigger) missing.push(`trigger ${triggerModule}`);
    else if (!reachedOnEveryPath(saved, savedTrigger, first.data.id))
      missing.push(`${first.data.id} is not reached on every path from ${triggerModule} that goes on`);
  }
  return missing;
}

function nodesOf(graph: DrawflowGraph): DrawflowNode[] {
  return Object.entries(graph)
    .filter(([key]) => key !== '_frames')
    .map(([, node]) => node);
}

function successors(graph: DrawflowGraph, node: DrawflowNode): DrawflowNode[] {
  return Object.values(node.outputs ?? {})
    .flatMap(({ connections }) => connections)
    .map((c) => graph[String(c.node)])
    .filter((n): n is DrawflowNode => n !== undefined);
}

/** Every output of every step walked from `from` leads to `moduleId` or ends in stop-execution. */
function reachedOnEveryPath(graph: DrawflowGraph, from: DrawflowNode, moduleId: string): boolean {
  const walk = (node: DrawflowNode, path: Set<number>): boolean => {
    if (node.data.id === moduleId) return true;
    if (node.data.id === 'stop-execution') return true;
    if (path.has(node.id)) return false; // a loop never reaches it
    const onPath = new Set([...path, node.id]);
    const outputs = Object.values(node.outputs ?? {});
    if (outputs.length === 0) return false;
    return outputs.every(({ connections }) =>
      connections.length === 0
        ? false
        : connections.every((c) => {
            const next = graph[String(c.node)];
            return next !== undefined && walk(next, onPath);
          }),
    );
  };
  return walk(from, new Set());
}
