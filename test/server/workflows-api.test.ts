/**
 * The /workflows and /workflowBlueprints REST answers of spec §3.3 and §3.12 on a real server: the
 * access gate, trigger and module lists against the recorded MISP samples, toggles, saving with
 * MISP's validation messages and nothing half-saved, malformed JSON, unknown modules, checkGraph,
 * blueprints export/import, site-admin only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sample, shapeOf, startLab } from './events-support.ts';
import {
  openTriggerWorkflow,
  fixtureGraph,
  saveWorkflow,
  startWorkflowLab,
  workflowLogs,
  type Json,
  type Lab,
} from './workflows-support.ts';

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.server.stop();
  lab = undefined;
});

describe('the access gate', () => {
  /** Observed on a real MISP 2.5.1: HTTP 500, the error view's fragment then the JSON error, no reason. */
  async function gated(path: string, accept: string): Promise<{ status: number; text: string }> {
    const answer = await fetch(`${lab!.server.getUrl()}${path}`, {
      headers: { Authorization: lab!.server.getAdmin().authKey, Accept: accept },
    });
    return { status: answer.status, text: await answer.text() };
  }

  it.each([
    ['background jobs', { 'MISP.background_jobs': false }],
    ['the plugin', { 'Plugin.Workflow_enable': false }],
  ])('answers 500 "Could not access Workflow system" without %s, naming neither', async (_what, settings) => {
    lab = await startLab({
      settings: { 'MISP.background_jobs': true, 'Plugin.Workflow_enable': true, ...settings },
    });
    for (const path of ['/workflows/triggers.json', '/workflows/index', '/workflows/editor/event-publish']) {
      const rest = await gated(path, 'application/json');
      expect(rest.status).toBe(500);
      expect(rest.text).toContain('<strong>Could not access Workflow system</strong>');
      expect(rest.text).toContain(
        `{"name":"An Internal Error Has Occurred.","message":"An Internal Error Has Occurred.","url":"${path}"}`,
      );
      expect(rest.text).not.toContain('must be enabled');
    }
    expect(lab.server.services.db.prepare('SELECT COUNT(*) AS n FROM workflows').get()).toEqual({ n: 0 });
  });

  it('is site-admin only', async () => {
    lab = await startWorkflowLab();
    const user = lab.addUser(2);
    const answer = await lab.call('GET', '/workflows/index.json', undefined, user.key);
    expect(answer.status).toBe(403);
    expect((await lab.call('GET', '/workflowBlueprints/index.json', undefined, user.key)).status).toBe(403);
  });
});

describe('trigger and module lists', () => {
  it('/workflows/triggers.json has the sample shape, with the workflow attached', async () => {
    lab = await startWorkflowLab({ triggers: [] });
    await saveWorkflow(lab, 'event-publish', fixtureGraph('example-a'));
    const triggers = (await lab.call('GET', '/workflows/triggers.json')).body as unknown as Json[];
    const expected = sample('workflows-triggers') as unknown as Json[];
    expect(triggers.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    for (const trigger of expected) {
      const ours = triggers.find((t) => t.id === trigger.id)!;
      expect(Object.keys(ours).sort()).toEqual(Object.keys(trigger).sort());
      const { Workflow: _ours, ...oursConfig } = ours;
      const { Workflow: _theirs, ...theirConfig } = trigger;
      expect(oursConfig).toEqual(theirConfig);
    }
    const attached = triggers.find((t) => t.id === 'event-publish')!.Workflow as Json;
    const sampled = expected.find((t) => t.id === 'event-publish')!.Workflow as Json;
    expect(Object.keys(attached)).toEqual(Object.keys(sampled));
    expect(shapeOf(attached.listening_triggers)).toEqual(shapeOf(sampled.listening_triggers));
  });

  it('filters triggers with scope:, enabled: and blocking:', async () => {
    lab = await startWorkflowLab({ triggers: ['event-publish'] });
    const ids = async (path: string) =>
      ((await lab!.call('GET', path)).body as unknown as Json[]).map((t) => t.id);
    expect(await ids('/workflows/triggers/enabled:1.json')).toEqual(['event-publish']);
    expect(await ids('/workflows/triggers/scope:user.json')).toEqual(['user-after-save', 'user-before-save']);
    expect(await ids('/workflows/triggers/blocking:1.json')).toEqual([
      'enrichment-before-query',
      'event-before-save',
      'event-publish',
      'shadow-attribute-before-save',
      'user-before-save',
    ]);
  });

  it('/workflows/moduleIndex/type:all.json answers entries shaped as the sample', async () => {
    lab = await startWorkflowLab();
    const modules = (await lab.call('GET', '/workflows/moduleIndex/type:all.json')).body as unknown as Json[];
    const expected = sample('workflows-moduleIndex') as unknown as Json[];
    expect(modules.length).toBeGreaterThan(10);
    for (const module of modules) {
      const theirs = expected.find((m) => m.id === module.id);
      expect(theirs, module.id as string).toBeDefined();
      expect(Object.keys(module).sort()).toEqual(Object.keys(theirs!).sort());
      expect(module.module_type).toBe(theirs!.module_type);
    }
    const enabled = (await lab.call('GET', '/workflows/moduleIndex/type:all/enabled:1.json'))
      .body as unknown as Json[];
    expect(enabled.map((m) => m.id).sort()).toEqual(
      [
        'concurrent-task',
        'distribution-if',
        'generic-if',
        'organisation-if',
        'published-if',
        'stop-execution',
        'tag-if',
        'webhook',
      ].sort(),
    );
    const logic = (await lab.call('GET', '/workflows/moduleIndex/type:logic.json')).body as unknown as Json[];
    expect(logic.every((m) => m.module_type === 'logic')).toBe(true);
  });

  it('toggles modules and triggers with MISP messages', async () => {
    lab = await startWorkflowLab({ triggers: [] });
    expect((await lab.call('POST', '/workflows/toggleModule/send-mail/1')).body).toMatchObject({
      success: true,
      message: 'Enabled module send-mail',
    });
    expect((await lab.call('GET', '/workflows/moduleView/send-mail.json')).body.disabled).toBe(false);
    expect((await lab.call('POST', '/workflows/toggleModule/event-publish/1/1')).body.message).toBe(
      'Enabled module event-publish',
    );
    expect(lab.server.services.settings.get('Plugin.Workflow_triggers_event-publish')).toBe(true);
    expect((await lab.call('POST', '/workflows/toggleModule/nope/1')).status).toBe(404);
    const mass = await lab.call('POST', '/workflows/massToggleField/enabled/0', {
      Workflow: { module_ids: JSON.stringify(['tag-if', 'generic-if']) },
    });
    expect(mass.body.success).toBe(true);
    const enabled = (await lab.call('GET', '/workflows/moduleIndex/type:logic/enabled:1.json'))
      .body as unknown as Json[];
    expect(enabled.map((m) => m.id)).not.toContain('tag-if');
  });
});

describe('saving workflows', () => {
  async function opened(l: Lab): Promise<{ id: string; before: Json }> {
    const workflow = await openTriggerWorkflow(l, 'event-publish');
    return { id: String(workflow.id), before: workflow };
  }

  it('creates "Workflow for trigger <id>" with only the trigger node on first visit', async () => {
    lab = await startWorkflowLab();
    const { before } = await opened(lab);
    expect(before.name).toBe('Workflow for trigger event-publish');
    expect(Object.keys(before.data as Json)).toEqual(['1']);
    const unknown = await lab.call('GET', '/workflows/editor/not-a-trigger');
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual({
      saved: false,
      name: 'Could not add Workflow',
      message: 'Could not add Workflow',
      url: '/workflows/add/not-a-trigger',
      errors: 'Unkown trigger not-a-trigger',
      id: 'not-a-trigger',
    });
  });

  it.each([
    ['a cycle', 'cycle', 'Cannot save a workflow containing a cycle'],
    ['two triggers', 'twoTriggers', 'Cannot save a workflow containing no or more than one trigger'],
    [
      'two connections on one output',
      'fanOut',
      'Cannot save a workflow having more than one connection per output',
    ],
  ])('refuses %s and keeps the saved graph', async (_label, kind, message) => {
    lab = await startWorkflowLab();
    const { id } = await opened(lab);
    await lab.call('POST', `/workflows/edit/${id}`, {
      Workflow: { data: JSON.stringify(fixtureGraph('example-a')) },
    });
    const graph = fixtureGraph('example-a');
    if (kind === 'cycle')
      graph['4'].outputs = { output_1: { connections: [{ node: '2', output: 'input_1' }] } };
    if (kind === 'twoTriggers')
      graph['9'] = { ...graph['1'], id: 9, outputs: { output_1: { connections: [] } } };
    if (kind === 'fanOut') graph['2'].outputs.output_1.connections.push({ node: '4', output: 'input_1' });
    const answer = await lab.call('POST', `/workflows/edit/${id}`, {
      Workflow: { name: 'Renamed', data: JSON.stringify(graph) },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ saved: false, name: 'Could not edit Workflow', errors: message });
    const after = (await lab.call('GET', `/workflows/view/${id}.json`)).body.Workflow as Json;
    expect(after.name).toBe('Workflow for trigger event-publish');
    expect(after.data).toEqual(fixtureGraph('example-a'));
  });

  it('refuses malformed JSON and node lists that are not Drawflow nodes', async () => {
    lab = await startWorkflowLab();
    const { id } = await opened(lab);
    const broken = await lab.call('POST', `/workflows/edit/${id}`, { Workflow: { data: '{"1": {' } });
    expect(broken.status).toBe(403);
    expect(broken.body.errors).toMatch(/^Invalid JSON/);
    const junk = await lab.call('POST', `/workflows/edit/${id}`, { Workflow: { data: '{"1": null}' } });
    expect(junk.status).toBe(403);
    const raw = await lab.raw('POST', `/workflows/edit/${id}`, 'not json at all');
    expect(raw.status).toBe(405);
    expect((await lab.call('GET', '/servers/getVersion.json')).status).toBe(200);
  });

  it('saves a graph with an unknown module and logs it when it runs', async () => {
    lab = await startWorkflowLab();
    const graph = fixtureGraph('example-a');
    graph['4'].data.id = 'no-such-module';
    const id = await saveWorkflow(lab, 'event-publish', graph);
    const event = await lab.addEvent({ distribution: '1' });
    await lab.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: 'tlp:red' });
    // An unknown module cannot be known to block, so the failure is logged and publishing goes on.
    const answer = await lab.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    expect(answer.body.message).toBe('Event published without alerts');
    expect(workflowLogs(lab, id)).toEqual([
      'Could not load class for module: no-such-module',
      `Execution encountered an error but continued. \nNode \`no-such-module\` (4) from Workflow \`Workflow for trigger event-publish\` (${id}) returned the following error: Could not load class for module: no-such-module`,
    ]);
  });

  it('answers view.json with labels behind a filter, and deletes', async () => {
    lab = await startWorkflowLab();
    const id = await saveWorkflow(lab, 'event-publish', fixtureGraph('example-b'));
    const view = (await lab.call('GET', `/workflows/view/${id}.json`)).body.Workflow as Json;
    expect(Object.keys(view)).toEqual(Object.keys(sample('workflows-view').Workflow as Json));
    const data = view.data as Json;
    expect(data['3'].inputs.input_1.connections[0].labels).toEqual([
      { id: 'A', name: 'Label A', variant: 'info' },
    ]);
    expect(data['2'].inputs.input_1.connections[0].labels).toBeUndefined();
    expect((await lab.call('POST', `/workflows/delete/${id}`)).body.message).toBe('Workflow deleted.');
    expect((await lab.call('GET', `/workflows/view/${id}.json`)).status).toBe(404);
  });

  it('checkGraph reports cycles, fan-outs and blocking nodes behind a concurrent task', async () => {
    lab = await startWorkflowLab();
    const graph = fixtureGraph('example-a');
    graph['4'].outputs = { output_1: { connections: [{ node: '2', output: 'input_1' }] } };
    const answer = await lab.call('POST', '/workflows/checkGraph', { graph: JSON.stringify(graph) });
    expect(answer.body.is_acyclic.is_acyclic).toBe(false);
    expect(answer.body.multiple_output_connection).toEqual({
      has_multiple_output_connection: false,
      edges: [],
    });
    expect((await lab.call('POST', '/workflows/checkGraph', { graph: '{' })).status).toBe(400);
  });

  it('executeWorkflow runs a workflow by hand', async () => {
    lab = await startWorkflowLab();
    const id = await saveWorkflow(lab, 'event-publish', fixtureGraph('example-a'));
    const event = await lab.addEvent({ distribution: '1' });
    await lab.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: 'tlp:red' });
    const data = (await lab.call('GET', `/events/view/${event.id}.json`)).body;
    const answer = await lab.call('POST', `/workflows/executeWorkflow/${id}`, {
      Workflow: { data: JSON.stringify(data) },
    });
    expect(answer.body).toEqual({ success: false, outcome: 'blocked' });
  });
});

describe('blueprints', () => {
  it('ships the PAP:RED and tlp:red blueprint and round-trips export and import', async () => {
    lab = await startWorkflowLab();
    const list = (await lab.call('GET', '/workflowBlueprints/index.json')).body as unknown as Json[];
    const shipped = list.find((b) => b.WorkflowBlueprint.name === 'PAP:RED and tlp:red Blocking')!;
    expect(shipped.WorkflowBlueprint.default).toBe(true);
    const response = await fetch(
      `${lab.server.getUrl()}/workflowBlueprints/export/${shipped.WorkflowBlueprint.id}`,
      {
        headers: { Authorization: lab.server.getAdmin().authKey, Accept: 'application/json' },
      },
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="blueprint_pap-red-and-tlp-red-blocking_\d+\.json"$/,
    );
    const exported = (await response.json()) as Json;
    expect(exported.WorkflowBlueprint.mermaid).toMatch(
      /^flowchart LR\n {4}2\[\/"fas:fa-.+IF :: Tag"\/\] --> 3\["/,
    );
    const copy = { WorkflowBlueprint: { ...exported.WorkflowBlueprint, uuid: undefined, name: 'Copy' } };
    const imported = await lab.call('POST', '/workflowBlueprints/import', {
      WorkflowBlueprint: { json: JSON.stringify(copy) },
    });
    expect(imported.body.WorkflowBlueprint).toMatchObject({
      name: 'Copy',
      default: false,
      data: exported.WorkflowBlueprint.data,
    });
    const bad = await lab.call('POST', '/workflowBlueprints/import', {
      WorkflowBlueprint: { json: '{oops' },
    });
    expect(bad.status).toBe(403);
    const sameUuid = await lab.call('POST', '/workflowBlueprints/import', {
      WorkflowBlueprint: { json: JSON.stringify(exported) },
    });
    expect(sameUuid.body.errors).toBe('The UUID provided is not unique');
  });
});
