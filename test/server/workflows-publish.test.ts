/**
 * Examples A and B of the workflow slides through real publishes on a real server: the four
 * distribution × tag cases of Example A, synchronous and background publishing (the "Job queued"
 * quirk), Example B on top-level and object attributes, A and B chained, disabled modules, and
 * an attribute-after-save workflow that edits attributes without feeding itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  openTriggerWorkflow,
  eventView,
  fixtureGraph,
  saveWorkflow,
  startWorkflowLab,
  tagEvent,
  workflowLogs,
  type Json,
  type Lab,
} from './workflows-support.ts';

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.server.stop();
  lab = undefined;
});

const STOP_ERROR = (workflowId: string) =>
  `Node \`stop-execution\` (4) from Workflow \`Example A\` (${workflowId}) returned the following error: Execution stopped`;

async function exampleA(backgroundJobs = true): Promise<{ lab: Lab; workflowId: string }> {
  lab = await startWorkflowLab({ backgroundJobs });
  const workflowId = await saveWorkflow(lab, 'event-publish', fixtureGraph('example-a'), 'Example A');
  return { lab, workflowId };
}

async function enable(l: Lab, ...modules: string[]): Promise<void> {
  for (const module of modules) {
    const answer = await l.call('POST', `/workflows/toggleModule/${module}/1`);
    expect(answer.body.message).toBe(`Enabled module ${module}`);
  }
}

describe('Example A on a synchronous publish', () => {
  it.each([
    ['1', 'tlp:red', true],
    ['1', 'tlp:green', false],
    ['0', 'tlp:red', false],
    ['0', null, false],
  ] as const)('distribution %s, tag %s: blocked=%s', async (distribution, tag, blocked) => {
    const { lab: l, workflowId } = await exampleA();
    const event = await l.addEvent({ distribution });
    if (tag) await tagEvent(l, event.uuid as string, tag);
    const answer = await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    const view = await eventView(l, event.id as string);
    if (blocked) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        saved: false,
        name: 'Could not publish Event',
        errors: { Module: 'Module failure.' },
      });
      expect(view.published).toBe(false);
      expect(view.publish_timestamp).toBe(event.publish_timestamp);
      expect(workflowLogs(l, workflowId)).toEqual([`Execution stopped. \n${STOP_ERROR(workflowId)}`]);
      const reason = l.server.services.logs.list({ model: 'Event', action: 'publish' })[0];
      expect(reason).toMatchObject({
        title: 'Publishing stopped by a blocking workflow.',
        change: `Returned message: ${STOP_ERROR(workflowId)}`,
        email: 'SYSTEM',
      });
    } else {
      expect(answer.body.message).toBe('Event published without alerts');
      expect(view.published).toBe(true);
      expect(workflowLogs(l, workflowId)).toEqual([]);
    }
    const workflow = (await l.call('GET', `/workflows/view/${workflowId}.json`)).body.Workflow as Json;
    expect(workflow.counter).toBe('1');
  });

  it('appends the stop to workflow-execution.log', async () => {
    const { lab: l, workflowId } = await exampleA();
    const event = await l.addEvent({ distribution: '3' });
    await tagEvent(l, event.uuid as string, 'tlp:red');
    await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    const file = (await import('../../server/workflows/workflow-system.ts')).workflowsOf(
      l.server.services,
    ).logFile;
    expect(file.read()).toMatch(
      new RegExp(
        `^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] Workflow\\(event-publish:${workflowId}\\)\\. Execution stopped\\. \\n`,
      ),
    );
  });
});

describe('Example A with background jobs', () => {
  it('answers "Job queued", leaves the event unpublished, and the job still says published', async () => {
    const { lab: l, workflowId } = await exampleA(true);
    const event = await l.addEvent({ distribution: '1' });
    await tagEvent(l, event.uuid as string, 'tlp:red');
    const answer = await l.call('POST', `/events/publish/${event.id}`);
    expect(answer.body).toMatchObject({ success: true, message: 'Job queued' });
    await l.server.services.jobs.idle();
    const view = await eventView(l, event.id as string);
    expect(view.published).toBe(false);
    expect(view.publish_timestamp).toBe(event.publish_timestamp);
    const job = l.server.services.jobs.list().find((row) => row.job_type === 'publish_event');
    expect(job).toMatchObject({ status: 4, message: 'Event published.' });
    expect(workflowLogs(l, workflowId)).toEqual([`Execution stopped. \n${STOP_ERROR(workflowId)}`]);
  });
});

async function eventForExampleB(l: Lab): Promise<{ id: string; attributes: Record<string, Json> }> {
  const event = await l.addEvent({ distribution: '1' });
  const id = event.id as string;
  const add = async (type: string, value: string, category: string) =>
    (await l.call('POST', `/attributes/add/${id}`, { type, value, category, to_ids: true })).body
      .Attribute as Json;
  const ip = await add('ip-src', '203.0.113.7', 'Network activity');
  const seen = await add('datetime', '2024-01-01T10:00:00+00:00', 'Other');
  const object = await l.call('POST', `/objects/add/${id}`, {
    Object: {
      name: 'file',
      'meta-category': 'file',
      description: 'File object',
      template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
      template_version: '24',
      Attribute: [
        {
          object_relation: 'filename',
          type: 'filename',
          category: 'Payload delivery',
          value: 'a.exe',
          to_ids: true,
        },
        {
          object_relation: 'creation-time',
          type: 'datetime',
          category: 'Other',
          value: '2024-02-02T00:00:00+00:00',
          to_ids: true,
        },
      ],
    },
  });
  expect(object.status).toBe(200);
  return { id, attributes: { ip, seen } };
}

function toIdsByValue(view: Json): Record<string, boolean> {
  const all = [
    ...(view.Attribute as Json[]),
    ...(view.Object as Json[]).flatMap((object) => object.Attribute as Json[]),
  ];
  return Object.fromEntries(
    all.map((attribute) => [attribute.type + ':' + attribute.object_relation, attribute.to_ids]),
  );
}

describe('Example B', () => {
  it('removes the IDS flag from datetime attributes only, inside objects too', async () => {
    lab = await startWorkflowLab();
    await enable(lab, 'generic-filter-data', 'generic-filter-reset', 'attribute_ids_flag_operation');
    await saveWorkflow(lab, 'event-publish', fixtureGraph('example-b'), 'Example B');
    const { id } = await eventForExampleB(lab);
    const answer = await lab.call('POST', `/events/publish/${id}/disable_background_processing:1`);
    expect(answer.body.message).toBe('Event published without alerts');
    const view = await eventView(lab, id);
    expect(view.published).toBe(true);
    expect(toIdsByValue(view)).toEqual({
      'ip-src:null': true,
      'datetime:null': false,
      'filename:filename': true,
      'datetime:creation-time': false,
    });
  });

  it('does nothing while its modules are disabled, and logs why', async () => {
    lab = await startWorkflowLab();
    const workflowId = await saveWorkflow(lab, 'event-publish', fixtureGraph('example-b'), 'Example B');
    const { id } = await eventForExampleB(lab);
    await lab.call('POST', `/events/publish/${id}/disable_background_processing:1`);
    const view = await eventView(lab, id);
    expect(view.published).toBe(true);
    expect(Object.values(toIdsByValue(view))).toEqual([true, true, true, true]);
    expect(workflowLogs(lab, workflowId).join('\n')).toContain(
      'Could not execute disabled module `generic-filter-data`.',
    );
  });
});

describe('Examples A and B chained', () => {
  it('blocks a shared tlp:red event and strips datetime IDS flags on the others', async () => {
    lab = await startWorkflowLab();
    await enable(lab, 'generic-filter-data', 'generic-filter-reset', 'attribute_ids_flag_operation');
    await saveWorkflow(lab, 'event-publish', fixtureGraph('example-a-and-b'), 'Example A and B');
    const red = await eventForExampleB(lab);
    const redEvent = await eventView(lab, red.id);
    await tagEvent(lab, redEvent.uuid as string, 'tlp:red');
    const blocked = await lab.call('POST', `/events/publish/${red.id}/disable_background_processing:1`);
    expect(blocked.status).toBe(403);
    expect(Object.values(toIdsByValue(await eventView(lab, red.id)))).toEqual([true, true, true, true]);

    const green = await eventForExampleB(lab);
    const published = await lab.call('POST', `/events/publish/${green.id}/disable_background_processing:1`);
    expect(published.body.message).toBe('Event published without alerts');
    expect(toIdsByValue(await eventView(lab, green.id))).toMatchObject({
      'datetime:null': false,
      'ip-src:null': true,
    });
  });
});

describe('disabled modules', () => {
  it('a disabled stop-execution still stops a blocking workflow', async () => {
    const { lab: l, workflowId } = await exampleA();
    expect((await l.call('POST', '/workflows/toggleModule/stop-execution/0')).body.message).toBe(
      'Disabled module stop-execution',
    );
    const event = await l.addEvent({ distribution: '1' });
    await tagEvent(l, event.uuid as string, 'tlp:red');
    const answer = await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    expect(answer.status).toBe(403);
    expect(workflowLogs(l, workflowId)).toContain('Could not execute disabled module `stop-execution`.');
  });

  it('a disabled IF takes its else branch', async () => {
    const { lab: l } = await exampleA();
    await l.call('POST', '/workflows/toggleModule/tag-if/0');
    const event = await l.addEvent({ distribution: '1' });
    await tagEvent(l, event.uuid as string, 'tlp:red');
    const answer = await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    expect(answer.body.message).toBe('Event published without alerts');
  });

  it('runs nothing while the trigger is switched off', async () => {
    const { lab: l, workflowId } = await exampleA();
    expect((await l.call('POST', '/workflows/toggleModule/event-publish/0/1')).body.message).toBe(
      'Disabled module event-publish',
    );
    const event = await l.addEvent({ distribution: '1' });
    await tagEvent(l, event.uuid as string, 'tlp:red');
    const answer = await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
    expect(answer.body.message).toBe('Event published without alerts');
    expect((await l.call('GET', `/workflows/view/${workflowId}.json`)).body.Workflow.counter).toBe('0');
  });
});

describe('attribute-after-save', () => {
  it('edits attributes with fast update, without re-running itself', async () => {
    lab = await startWorkflowLab({ triggers: ['attribute-after-save'] });
    await enable(lab, 'attribute_ids_flag_operation');
    const workflow = await openTriggerWorkflow(lab, 'attribute-after-save');
    const graph = workflow.data as Json;
    graph['1'].outputs.output_1.connections = [{ node: '2', output: 'input_1' }];
    graph['2'] = {
      id: 2,
      name: 'Attribute IDS Flag operation',
      class: 'block-type-default',
      typenode: false,
      pos_x: 300,
      pos_y: 0,
      data: {
        id: 'attribute_ids_flag_operation',
        name: 'Attribute IDS Flag operation',
        module_type: 'action',
        indexed_params: { action: 'remove' },
        saved_filters: { selector: '', value: '', operator: '', path: '' },
      },
      inputs: { input_1: { connections: [{ node: '1', input: 'output_1' }] } },
      outputs: { output_1: { connections: [] } },
    };
    const id = String(workflow.id);
    expect(
      (await lab.call('POST', `/workflows/edit/${id}`, { Workflow: { data: JSON.stringify(graph) } })).status,
    ).toBe(200);
    const event = await lab.addEvent();
    const added = await lab.call('POST', `/attributes/add/${event.id}`, {
      type: 'ip-dst',
      value: '198.51.100.1',
      to_ids: true,
    });
    expect(added.body.Attribute.to_ids).toBe(true);
    await lab.server.services.jobs.idle();
    const view = await eventView(lab, event.id as string);
    expect((view.Attribute as Json[])[0]!.to_ids).toBe(false);
    expect((await lab.call('GET', `/workflows/view/${id}.json`)).body.Workflow.counter).toBe('1');
  });
});
