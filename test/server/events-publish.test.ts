/**
 * Publishing (§4.5, §3.11) and the workflow trigger seam: synchronous and queued publishing, the
 * permission answer, the confirmation form, blocked publishes in both modes (with the Appendix B 9
 * quirk), event-before-save, and the data each trigger receives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCKED, RecordingPort, sample, shapeOf, startLab, type Json, type Lab } from './events-support.ts';

let lab: Lab | undefined;

afterEach(async () => {
  await lab?.server.stop();
  lab = undefined;
});

async function start(backgroundJobs: boolean, port?: RecordingPort): Promise<Lab> {
  lab = await startLab({ settings: { 'MISP.background_jobs': backgroundJobs }, workflows: port });
  return lab;
}

const logs = (l: Lab, action: string, modelId: string) =>
  l.server.services.logs.list({ model: 'Event', action, model_id: Number(modelId) }, { order: 'asc' });

describe('publishing without workflows', () => {
  it('publishes synchronously with background jobs off, as publish-sync.json', async () => {
    const l = await start(false);
    const event = await l.addEvent();
    const answer = await l.call('POST', `/events/publish/${event.id}`);
    expect(answer.body).toEqual({
      ...sample('publish-sync'),
      url: `/events/publish/${event.id}`,
      id: String(event.id),
    });
    const view = (await l.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect(view.published).toBe(true);
    expect(Number(view.publish_timestamp)).toBeGreaterThan(0);
    expect(logs(l, 'publish', event.id).map((row) => row.title)).toEqual([`Event (${event.id}): published.`]);
  });

  it('queues a job with background jobs on; disable_background_processing:1 forces the synchronous path', async () => {
    const l = await start(true);
    const event = await l.addEvent();
    const queued = await l.call('POST', `/events/publish/${event.id}`);
    const url = `/events/publish/${event.id}`;
    expect(queued.body).toEqual({
      saved: true,
      success: true,
      name: 'Job queued',
      message: 'Job queued',
      url,
      id: String(event.id),
    });
    await l.server.services.jobs.idle();
    expect((await l.call('GET', `/events/view/${event.id}.json`)).body.Event.published).toBe(true);
    const job = l.server.services.jobs.list()[0];
    expect(job).toMatchObject({ job_type: 'publish_event', status: 4, message: 'Event published.' });

    const other = await l.addEvent();
    const sync = await l.call('POST', `/events/publish/${other.id}/disable_background_processing:1`);
    expect(sync.body.message).toBe('Event published without alerts');
    expect(sync.body.url).toBe(`/events/publish/${other.id}`);
  });

  // Real MISP 2.5.1 (role User, perm_publish off): the ACL answers first, 403 (auth-key-restrictions.json).
  it('refuses users without perm_publish with the ACL 403', async () => {
    const l = await start(false);
    const user = l.addUser(3);
    const event = await l.addEvent({}, user.key);
    const answer = await l.call('POST', `/events/publish/${event.id}`, undefined, user.key);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe('You do not have permission to use this functionality.');
  });

  it('unpublishes', async () => {
    const l = await start(false);
    const event = await l.addEvent();
    await l.call('POST', `/events/publish/${event.id}`);
    const answer = await l.call('POST', `/events/unpublish/${event.id}`);
    expect(answer.body).toMatchObject({ success: true, message: 'Event unpublished.' });
    expect((await l.call('GET', `/events/view/${event.id}.json`)).body.Event.published).toBe(false);
  });

  it('shows the confirmation form PromptForm to a browser', async () => {
    const l = await start(false);
    const event = await l.addEvent();
    const session = l.server.services.sessions.create();
    session.userId = 1;
    const page = await (
      await fetch(`${l.server.getUrl()}/events/publish/${event.id}`, {
        headers: { cookie: `CAKEPHP=${session.id}` },
      })
    ).text();
    expect(page).toContain('id="PromptForm"');
    expect(page).toContain(`action="/events/publish/${event.id}"`);
    expect(page).toContain('Publish Event (no email)');
    expect(page).toMatch(/id="PromptYesButton"[^>]*>\s*Yes\s*</);
    expect(page).toMatch(/id="PromptNoButton"[^>]*>\s*No\s*<\/a/);
  });
});

describe('the event-publish trigger', () => {
  it('hands the full event to the trigger before publishing', async () => {
    const port = new RecordingPort(['event-publish']);
    const l = await start(false, port);
    const event = await l.addEvent({ info: 'seen by the workflow' });
    await l.call('POST', `/attributes/add/${event.id}`, { type: 'domain', value: 'seen.example' });
    await l.call('POST', `/events/publish/${event.id}`);
    const [run] = port.of('event-publish');
    expect(run?.options.eventId).toBe(Number(event.id));
    expect(run?.data.Event).toMatchObject({ info: 'seen by the workflow', published: false });
    expect(run?.data.Event.Attribute[0].value).toBe('seen.example');
    expect(shapeOf(Object.keys(run?.data.Event ?? {}))).toEqual(
      shapeOf(Object.keys(sample('event-view').Event)),
    );
  });

  it('answers a blocked synchronous publish with 403 errors.Module and keeps the event unpublished', async () => {
    const l = await start(false, new RecordingPort(['event-publish'], { 'event-publish': BLOCKED }));
    const event = await l.addEvent();
    const answer = await l.call('POST', `/events/publish/${event.id}`);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      saved: false,
      name: 'Could not publish Event',
      message: 'Could not publish Event',
      url: `/events/publish/${event.id}`,
      errors: { Module: 'Module failure.' },
      id: String(event.id),
    });
    expect((await l.call('GET', `/events/view/${event.id}.json`)).body.Event.published).toBe(false);
    const [stopped, ...others] = logs(l, 'publish', event.id);
    expect(others).toEqual([]);
    expect(stopped).toMatchObject({
      title: 'Publishing stopped by a blocking workflow.',
      change: `Returned message: ${BLOCKED.errors[0]}`,
      email: 'SYSTEM',
      user_id: 0,
    });
  });

  it('says "Job queued" in background mode, leaves the event unpublished, and the job still says published', async () => {
    const l = await start(true, new RecordingPort(['event-publish'], { 'event-publish': BLOCKED }));
    const event = await l.addEvent();
    const answer = await l.call('POST', `/events/publish/${event.id}`);
    expect(answer.body.message).toBe('Job queued');
    await l.server.services.jobs.idle();
    expect((await l.call('GET', `/events/view/${event.id}.json`)).body.Event.published).toBe(false);
    expect(l.server.services.jobs.list()[0]).toMatchObject({ status: 4, message: 'Event published.' });
    expect(logs(l, 'publish', event.id).map((row) => row.title)).toEqual([
      'Publishing stopped by a blocking workflow.',
      `Event (${event.id}): published.`,
    ]);
  });
});

describe('the other triggers', () => {
  it('refuses an add blocked by event-before-save with errors {"Event":{}} and saves nothing', async () => {
    const port = new RecordingPort(['event-before-save'], { 'event-before-save': BLOCKED });
    const l = await start(false, port);
    const answer = await l.call('POST', '/events/add', { Event: { info: 'never saved' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      saved: false,
      name: 'Could not add Event',
      message: 'Could not add Event',
      url: '/events/add',
      errors: { Event: {} },
    });
    expect(port.of('event-before-save')[0]?.data.Event).toMatchObject({ info: 'never saved' });
    expect(l.server.services.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
    const [log] = l.server.services.logs.list({ model: 'Event', action: 'add' });
    expect(log?.title).toMatch(
      /^The workflow `event-before-save` prevented the saving of event \([0-9a-f-]{36}\)$/,
    );
  });

  it('refuses an edit blocked by event-before-save', async () => {
    const l = await start(false);
    const event = await l.addEvent({ info: 'unchanged' });
    l.server.services.workflows = new RecordingPort(['event-before-save'], { 'event-before-save': BLOCKED });
    const answer = await l.call('POST', `/events/edit/${event.id}`, { info: 'changed' });
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toEqual({ Event: {} });
    expect((await l.call('GET', `/events/view/${event.id}.json`)).body.Event.info).toBe('unchanged');
  });

  it('queues the non-blocking triggers as jobs with their data, never affecting the caller', async () => {
    const triggers = [
      'event-after-save',
      'event-after-save-new',
      'attribute-after-save',
      'object-after-save',
      'tag-attached-after-save',
    ];
    const port = new RecordingPort(triggers, { 'attribute-after-save': new Error('engine exploded') });
    const l = await start(true, port);
    const event = await l.addEvent({ info: 'triggers' });
    const attribute = await l.call('POST', `/attributes/add/${event.id}`, {
      type: 'ip-src',
      value: '192.0.2.7',
    });
    expect(attribute.status).toBe(200);
    await l.call('POST', `/objects/add/${event.id}`, {
      Object: {
        name: 'file',
        'meta-category': 'file',
        description: 'File object',
        template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
        template_version: '1',
        Attribute: [{ object_relation: 'filename', type: 'filename', value: 'e.exe' }],
      },
    });
    await l.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: 'tlp:green', local: true });
    await l.server.services.jobs.idle();

    expect(port.of('event-after-save-new')[0]?.data.Event.info).toBe('triggers');
    expect(port.of('event-after-save')).toHaveLength(1);
    expect(port.of('attribute-after-save').map((run) => run.data.Attribute.value)).toEqual([
      '192.0.2.7',
      'e.exe',
    ]);
    expect(port.of('object-after-save')[0]?.data.Object).toMatchObject({
      name: 'file',
      event_id: String(event.id),
    });
    expect(port.of('tag-attached-after-save')[0]?.data.Tag).toMatchObject({
      name: 'tlp:green',
      local: true,
      event_id: String(event.id),
    });
    const jobs = l.server.services.jobs
      .list(100)
      .filter((job) => job.job_type === 'executeWorkflowForTrigger');
    expect(jobs.map((job) => job.job_input)).toContain('Workflow for trigger `attribute-after-save`');
    const failed = jobs.find((job) => job.job_input === 'Workflow for trigger `attribute-after-save`');
    expect(failed).toMatchObject({ status: 3, message: 'engine exploded' });
    const fine = jobs.find((job) => job.job_input === 'Workflow for trigger `object-after-save`');
    expect(fine).toMatchObject({
      status: 4,
      message: 'Workflow for trigger `object-after-save` completed execution',
    });
  });

  it('runs non-blocking triggers inline with background jobs off, and never when not callable', async () => {
    const port = new RecordingPort(['attribute-after-save']);
    const l = await start(false, port);
    const event = await l.addEvent();
    await l.call('POST', `/attributes/add/${event.id}`, { type: 'text', value: 'inline' });
    expect(port.of('attribute-after-save').map((run) => run.data.Attribute.value)).toEqual(['inline']);
    expect(port.of('event-after-save')).toEqual([]);
    expect(l.server.services.jobs.list()).toEqual([]);
  });
});
