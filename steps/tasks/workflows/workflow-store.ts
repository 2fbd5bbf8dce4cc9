/**
 * The workflow of a trigger, reached as MISP offers it (spec §3.3): there is no add action, so
 * the editor page creates it on first visit. Real MISP 2.5.1 serves that page to web sessions
 * only (its JSON form answers HTTP 500), so the site admin opens it logged in, as a person does.
 * Its id comes from /workflows/index.json; its graph is saved with POST /workflows/edit/<id> and the Drawflow JSON
 * as a string in data[Workflow][data]. The graph found before the first save goes to the ledger.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
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
  Workflow?: Omit<SavedWorkflow, 'data'> & { id: string | number; data: DrawflowGraph | string | unknown[] };
}

function normalise(row: WorkflowRow['Workflow']): SavedWorkflow {
  assert.ok(row, 'MISP answered no Workflow');
  const raw = typeof row.data === 'string' ? (JSON.parse(row.data || '{}') as unknown) : row.data;
  // PHP encodes an empty graph as [] rather than {}.
  const data = (Array.isArray(raw) ? {} : raw) as DrawflowGraph;
  return { ...row, id: String(row.id), description: row.description ?? '', data };
}

export async function viewWorkflow(world: LabWorld, id: string): Promise<SavedWorkflow> {
  const answer = await world.admin.get<WorkflowRow>(`/workflows/view/${id}.json`);
  assert.equal(answer.status, 200, `GET /workflows/view/${id}.json answered HTTP ${answer.status}`);
  return normalise(answer.data.Workflow);
}

/** The workflow listening to a trigger, created by visiting its editor if there is none yet. */
export async function workflowForTrigger(world: LabWorld, triggerId: string): Promise<SavedWorkflow> {
  let row = await findWorkflowRow(world, triggerId);
  if (!row) {
    const opened = await (await world.adminWebSession()).get(`/workflows/editor/${triggerId}`);
    assert.equal(
      opened.status,
      200,
      `the editor of ${triggerId} answered HTTP ${opened.status} (on ${opened.finalPath})`,
    );
    row = await findWorkflowRow(world, triggerId);
  }
  assert.ok(row?.Workflow, `no workflow for trigger ${triggerId} after opening its editor`);
  const workflow = await viewWorkflow(world, String(row.Workflow.id));
  world.memory.set('workflow.id', workflow.id);
  return workflow;
}

async function findWorkflowRow(world: LabWorld, triggerId: string): Promise<WorkflowRow | undefined> {
  const index = await world.admin.get<WorkflowRow[]>('/workflows/index.json');
  assert.equal(index.status, 200, `GET /workflows/index.json answered HTTP ${index.status}`);
  assert.ok(Array.isArray(index.data), `/workflows/index.json is not a list: ${JSON.stringify(index.data)}`);
  return index.data.find((r) => r.Workflow?.trigger_id === triggerId);
}

/** Puts the workflow's current name, description and graph in the ledger (once per workflow). */
export function rememberWorkflow(world: LabWorld, workflow: SavedWorkflow): void {
  const remembered =
    (world.memory.get('workflow.remembered') as Set<string> | undefined) ?? new Set<string>();
  if (remembered.has(workflow.id)) return;
  remembered.add(workflow.id);
  world.memory.set('workflow.remembered', remembered);
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
  data: { saved?: boolean; errors?: unknown; message?: string; Workflow?: unknown };
}

/** POST /workflows/edit/<id> as a REST client; the answer is returned for the caller to judge. */
export async function postGraph(
  world: LabWorld,
  workflow: SavedWorkflow,
  graph: DrawflowGraph,
  name = workflow.name,
): Promise<SaveAnswer> {
  rememberWorkflow(world, workflow);
  const body = { Workflow: { name, description: workflow.description, data: JSON.stringify(graph) } };
  return world.admin.post<SaveAnswer['data']>(`/workflows/edit/${workflow.id}`, body);
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
