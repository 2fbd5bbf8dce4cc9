/**
 * Building a workflow in MISP's editor as the slides do: Administration → Workflows → the
 * trigger's editor, modules dragged from the palette onto the canvas, their params chosen by
 * their labels, wires drawn from "then" outputs, Save. The graph MISP stored is then compared
 * by meaning with the fixture exported from a real MISP.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { WorkflowTriggersPage } from '../../pages/workflow-triggers-page.ts';
import { WorkflowEditorPage } from '../../pages/workflow-editor-page.ts';
import { currentPath } from '../../pages/navigation.ts';
import { listModules } from './modules.ts';
import { loadGraphFixture, meaningOf, paramsSetIn, triggerNodeOf } from './graph.ts';
import { postGraph, viewWorkflow, workflowForTrigger } from './workflow-store.ts';

/**
 * Where blocks are dropped (from the canvas's top left, right of the sidebar), away from where
 * MISP puts the trigger's node (the middle). MISP centres a dropped node on the mouse, so these
 * keep every node clear of the sidebar and of each other, and wires stay visible.
 */
const SPOTS = [
  { x: 190, y: 40 },
  { x: 190, y: 440 },
  { x: 880, y: 560 },
  { x: 880, y: 40 },
];

const OUTPUTS: Record<string, number> = { output: 1, then: 1, else: 2 };

async function editorPage(admin: Actor): Promise<WorkflowEditorPage> {
  return new WorkflowEditorPage(await admin.page());
}

export async function openEditorFromMenu(world: LabWorld, admin: Actor, triggerId: string): Promise<void> {
  // Set-up by REST: the workflow goes to the ledger, and the canvas starts with the trigger only.
  const workflow = await workflowForTrigger(world, triggerId);
  const reset = await postGraph(world, workflow, {
    [String(triggerNodeOf(workflow.data).id)]: triggerNodeOf(workflow.data),
  });
  assert.equal(reset.status, 200, `clearing the ${triggerId} workflow answered HTTP ${reset.status}`);
  const page = await admin.page();
  const triggers = new WorkflowTriggersPage(page);
  await triggers.openFromMenu();
  assert.equal(
    currentPath(page),
    WorkflowTriggersPage.path,
    'Administration → Workflows did not open the trigger list',
  );
  await triggers.openEditor(triggerId);
  assert.equal(
    currentPath(page),
    WorkflowEditorPage.pathFor(triggerId),
    'the trigger list did not open the editor',
  );
  await new WorkflowEditorPage(page).waitUntilReady();
  world.editorPlacedNodes = 0;
}

export async function addModule(
  world: LabWorld,
  admin: Actor,
  moduleName: string,
  params: Record<string, string>,
): Promise<void> {
  const module = (await listModules(world)).find((m) => m.name === moduleName);
  assert.ok(module, `MISP lists no module named "${moduleName}"`);
  const editor = await editorPage(admin);
  const placed = world.editorPlacedNodes;
  const nodeId = await editor.dragModule(module.id, SPOTS[placed % SPOTS.length]!);
  world.editorPlacedNodes = placed + 1;
  for (const [label, value] of Object.entries(params)) await editor.setParam(nodeId, label, value);
}

export async function connect(admin: Actor, from: string, output: string, to: string): Promise<void> {
  const outputNumber = OUTPUTS[output];
  assert.ok(outputNumber, `no output "${output}" (known: ${Object.keys(OUTPUTS).join(', ')})`);
  const editor = await editorPage(admin);
  await editor.connect(await editor.nodeIdByName(from), outputNumber, await editor.nodeIdByName(to));
}

export async function save(admin: Actor): Promise<void> {
  const { response, message, savedState } = await (await editorPage(admin)).save();
  assert.equal(response.status(), 200, `saving answered HTTP ${response.status()}: ${message}`);
  assert.equal(message, 'Workflow saved.', 'MISP did not confirm the save');
  assert.equal(savedState, 'saved', 'the editor does not show the workflow as saved');
}

/** Same modules, same params the fixture sets, same wires: whatever the ids and positions. */
export async function expectSavedGraphMeans(
  world: LabWorld,
  triggerId: string,
  fixture: string,
): Promise<void> {
  const id = world.workflowId;
  assert.ok(id, `the ${triggerId} workflow was not opened in this scenario`);
  const saved = await viewWorkflow(world, id);
  assert.equal(saved.trigger_id, triggerId, 'the saved workflow belongs to another trigger');
  const expected = loadGraphFixture(fixture);
  const params = paramsSetIn(expected);
  world.attach(JSON.stringify(saved.data, null, 2), {
    mediaType: 'application/json',
    fileName: 'saved-workflow.json',
  });
  assert.deepEqual(
    meaningOf(saved.data, params),
    meaningOf(expected, params),
    `the saved graph is not ${fixture}`,
  );
}
