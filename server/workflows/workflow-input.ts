/**
 * Reading what clients send to /workflows/edit and friends: `data[Workflow][data]` is a JSON string
 * (MISP's editor and REST both send it so); a graph must be an object of Drawflow nodes. Anything
 * else is refused with a sentence, never a crash.
 */
import type { Body } from '../http/form-data.ts';
import type { WorkflowGraph } from './engine/index.ts';

export type GraphParse = { ok: true; graph: WorkflowGraph | [] } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a workflow graph given as JSON text (or, leniently, as an already parsed object). */
export function parseGraph(raw: unknown): GraphParse {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { ok: false, error: 'Invalid JSON: the workflow data could not be decoded' };
    }
  }
  if (Array.isArray(value) && value.length === 0) return { ok: true, graph: [] };
  if (!isObject(value)) return { ok: false, error: 'Invalid workflow data: expected an object of nodes' };
  for (const [key, node] of Object.entries(value)) {
    if (key === '_frames') continue;
    if (!isObject(node) || !isObject(node.data) || typeof node.data.id !== 'string') {
      return {
        ok: false,
        error: `Invalid workflow data: node \`${key}\` is not a Drawflow node with module data`,
      };
    }
    if (node.outputs !== undefined && !isObject(node.outputs) && !Array.isArray(node.outputs)) {
      return { ok: false, error: `Invalid workflow data: node \`${key}\` has malformed outputs` };
    }
    for (const port of isObject(node.outputs) ? Object.values(node.outputs) : []) {
      if (!isObject(port) || (port.connections !== undefined && !Array.isArray(port.connections))) {
        return { ok: false, error: `Invalid workflow data: node \`${key}\` has malformed outputs` };
      }
    }
  }
  return { ok: true, graph: value as WorkflowGraph };
}

/** `body.Workflow` (form or REST), or the flat body. */
export function workflowFields(body: Body): Record<string, unknown> {
  const wrapped = body.Workflow;
  return isObject(wrapped) ? wrapped : body;
}
