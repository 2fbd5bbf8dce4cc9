/**
 * Blueprints (spec §3.12): reusable parts of a graph, listed and added by the site admin. A
 * blueprint holds no trigger node; placing one on a trigger (what dragging it into the editor
 * does) renumbers its nodes after the trigger's and connects the trigger to the blueprint's
 * entry nodes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LabWorld } from '../../support/world.ts';
import type { BlueprintJson } from '../../../lab/clients/misp-types.ts';
import type { DrawflowConnection, DrawflowGraph, DrawflowNode } from './graph.ts';

const FIXTURES = new URL('../../../fixtures/workflows/', import.meta.url);

async function listBlueprints(world: LabWorld): Promise<BlueprintJson[]> {
  const answer = await world.siteAdmin.misp.workflowBlueprints();
  assert.equal(answer.status, 200, `the blueprint index answered HTTP ${answer.status}`);
  assert.ok(Array.isArray(answer.data), `the blueprint index is not a list: ${JSON.stringify(answer.data)}`);
  return answer.data.map((row) => row.WorkflowBlueprint);
}

/**
 * The blueprint MISP already has under that name (the default ones), else the fixture added. It is
 * added with /workflowBlueprints/add, not /import: real MISP 2.5.1 saves an import but answers its
 * REST call with HTTP 500 (no JSON view). An added blueprint is left in place: it is shared,
 * harmless configuration.
 */
export async function blueprintNamed(
  world: LabWorld,
  name: string,
  fixture: string,
): Promise<DrawflowNode[]> {
  let found = (await listBlueprints(world)).find((b) => b.name === name);
  if (!found) {
    const exported = JSON.parse(readFileSync(new URL(`${fixture}.json`, FIXTURES), 'utf8')) as {
      WorkflowBlueprint: BlueprintJson & { description?: string };
    };
    const { description, data } = exported.WorkflowBlueprint;
    const answer = await world.siteAdmin.misp.addWorkflowBlueprint({ name, description, data });
    assert.equal(
      answer.status,
      200,
      `adding blueprint "${name}" answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
    );
    found = (await listBlueprints(world)).find((b) => b.name === name);
    assert.ok(found, `blueprint "${name}" is not listed after its import`);
  }
  const view = await world.siteAdmin.misp.viewWorkflowBlueprint(found.id);
  assert.equal(view.status, 200, `reading blueprint "${name}" answered HTTP ${view.status}`);
  const data = view.data.WorkflowBlueprint?.data;
  const nodes = (typeof data === 'string' ? JSON.parse(data) : data) as DrawflowNode[] | undefined;
  assert.ok(Array.isArray(nodes) && nodes.length > 0, `blueprint "${name}" holds no nodes`);
  return nodes;
}

/** The trigger node followed by the blueprint's nodes, renumbered and wired to the trigger. */
export function placeOnTrigger(trigger: DrawflowNode, nodes: DrawflowNode[]): DrawflowGraph {
  const newId = new Map<string, string>();
  nodes.forEach((node, index) => newId.set(String(node.id), String(Number(trigger.id) + index + 1)));
  const rename = (connections: DrawflowConnection[]) =>
    connections
      .filter((c) => newId.has(String(c.node)))
      .map((c) => ({ ...c, node: newId.get(String(c.node))! }));
  const triggerKey = String(trigger.id);
  const graph: DrawflowGraph = { [triggerKey]: { ...trigger, outputs: { output_1: { connections: [] } } } };
  const triggerOutput = (graph[triggerKey]!.outputs as Record<string, { connections: DrawflowConnection[] }>)
    .output_1!;
  for (const node of nodes) {
    const id = newId.get(String(node.id))!;
    const inputs = Object.fromEntries(
      Object.entries(node.inputs ?? {}).map(([key, value]) => [
        key,
        { connections: rename(value.connections) },
      ]),
    );
    const outputs = Object.fromEntries(
      Object.entries(node.outputs ?? {}).map(([key, value]) => [
        key,
        { connections: rename(value.connections) },
      ]),
    );
    const isEntry = Object.values(inputs).every((input) => input.connections.length === 0);
    if (isEntry && inputs.input_1) {
      inputs.input_1.connections.push({ node: triggerKey, input: 'output_1' });
      triggerOutput.connections.push({ node: id, output: 'input_1' });
    }
    graph[id] = { ...node, id: Number(id), inputs, outputs };
  }
  assert.ok(
    triggerOutput.connections.length > 0,
    'the blueprint has no entry node to connect the trigger to',
  );
  return graph;
}
