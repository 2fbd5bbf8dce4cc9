/**
 * The workflow of a trigger, reached as MISP offers it (spec §3.3): there is no add action, so
 * the editor page creates it on first visit. Real MISP 2.5.1 serves that page to web sessions
 * only (its JSON form answers HTTP 500), so the site admin opens it logged in, as a person does.
 * Its id comes from the workflow index; its graph is saved with the Drawflow JSON as a string in
 * Workflow.data. The graph found before the first save goes to the ledger.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import type { SavedAnswer, WorkflowJson } from '../../../lab/clients/misp-types.ts';
import type { DrawflowGraph } from './graph.ts';

export interface SavedWorkflow {
  id: string;
  name: string;
  description: string;
  trigger_id: string;
  counter?: string;
  data: DrawflowGraph;
}

interface WorkflowRow {
  Workflow?: WorkflowJson;
}

function normalise(row: WorkflowJson | undefined): SavedWorkflow {
  assert.ok(row, 'MISP answered no Workflow');
  const raw = typeof row.data === 'string' ? (JSON.parse(row.data || '{}') as unknown) : row.data;
  // PHP encodes an empty graph as [] rather than {}.
  const data = (Array.isArray(raw) ? {} : raw) as DrawflowGraph;
  return { ...row, id: String(row.id), description: row.description ?? '', data };
}

export async function viewWorkflow(world: LabWorld, id: string): Promise<SavedWorkflow> {
  const answer = await world.siteAdmin.misp.viewWorkflow(id);
  assert.equal(answer.status, 200, `reading workflow ${id} answered HTTP ${answer.status}`);
  return normalise(answer.data.Workflow);
}

/** The workflow listening to a trigger, created by visiting its editor if there is none yet. */
export async function workflowForTrigger(world: LabWorld, triggerId: string): Promise<SavedWorkflow> {
  let row = await findWorkflowRow(world, triggerId);
  if (!row) {
    const opened = await (await world.siteAdmin.webSession()).openWorkflowEditor(triggerId);
    assert.equal(
      opened.status,
      200,
      `the editor of ${triggerId} answered HTTP ${opened.status} (on ${opened.finalPath})`,
    );
    row = await findWorkflowRow(world, triggerId);
  }
  assert.ok(row?.Workflow, `no workflow for trigger ${triggerId} after opening its editor`);
  const workflow = await viewWorkflow(world, String(row.Workflow.id));
  world.workflowId = workflow.id;
  return workflow;
}

async function findWorkflowRow(world: LabWorld, triggerId: string): Promise<WorkflowRow | undefined> {
  const index = await world.siteAdmin.misp.workflowsIndex();
  assert.equal(index.status, 200, `the workflow index answered HTTP ${index.status}`);
  assert.ok(Array.isArray(index.data), `the workflow index is not a list: ${JSON.stringify(index.data)}`);
  return index.data.find((r) => r.Workflow?.trigger_id === triggerId);
}

/** Puts the workflow's current name, description and graph in the ledger (once per workflow). */
function rememberWorkflow(world: LabWorld, workflow: SavedWorkflow): void {
  if (world.rememberedWorkflows.has(workflow.id)) return;
  world.rememberedWorkflows.add(workflow.id);
  world.ledger.record({
    kind: 'workflow',
    id: workflow.id,
    previousData: JSON.stringify(workflow.data),
    name: workflow.name,
    description: workflow.description,
  });
}

export interface SaveAnswer {
  status: number;
  data: SavedAnswer & { Workflow?: unknown };
}

/** The site admin saves the graph over REST; the answer is returned for the caller to judge. */
export async function postGraph(
  world: LabWorld,
  workflow: SavedWorkflow,
  graph: DrawflowGraph,
  name = workflow.name,
): Promise<SaveAnswer> {
  rememberWorkflow(world, workflow);
  return world.siteAdmin.misp.editWorkflow(workflow.id, {
    name,
    description: workflow.description,
    data: JSON.stringify(graph),
  });
}

/** Saves a graph on the trigger's workflow and checks MISP kept it. */
export async function saveGraphForTrigger(
  world: LabWorld,
  triggerId: string,
  graph: DrawflowGraph,
  name: string,
): Promise<SavedWorkflow> {
  const workflow = await workflowForTrigger(world, triggerId);
  const answer = await postGraph(world, workflow, graph, name);
  assert.equal(
    answer.status,
    200,
    `saving workflow "${name}" answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  const saved = await viewWorkflow(world, workflow.id);
  // The reports draw the graph MISP kept, not the fixture that was sent (lab/reporting/workflow-svg.ts).
  world.attach(JSON.stringify({ Workflow: saved }), {
    mediaType: 'application/json',
    fileName: `saved-workflow-${triggerId}.json`,
  });
  assert.equal(saved.name, name, 'MISP did not keep the workflow name');
  assert.deepEqual(
    Object.keys(saved.data)
      .filter((key) => key !== '_frames')
      .sort(),
    Object.keys(graph).sort(),
    'MISP did not keep the nodes of the graph',
  );
  return saved;
}
