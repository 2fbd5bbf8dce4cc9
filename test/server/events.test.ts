/** Events over real HTTP: add (Appendix C answers), defaults, view, edit, delete, index, the HTML form. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, shapeOf, startLab, type Json, type Lab } from './events-support.ts';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ settings: { 'MISP.background_jobs': false } });
});
afterAll(async () => {
  await lab.server.stop();
});

describe('POST /events/add', () => {
  it('answers {} with 405 "No valid event data received."', async () => {
    const answer = await lab.call('POST', '/events/add', {});
    expect(answer.status).toBe(405);
    expect(answer.body).toEqual({
      name: 'No valid event data received.',
      message: 'No valid event data received.',
      url: '/events/add',
    });
  });

  it('answers a body that is not JSON with 405 Invalid JSON', async () => {
    const answer = await lab.raw('POST', '/events/add', '{"Event": nope');
    expect(answer.status).toBe(405);
    expect(answer.body.name).toMatch(
      /^Invalid JSON input\. Make sure that the JSON input is a correctly formatted/,
    );
  });

  it('refuses a missing info with the rule name valueNotEmpty', async () => {
    const answer = await lab.call('POST', '/events/add', { Event: { distribution: 0 } });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      saved: false,
      name: 'Could not add Event',
      message: 'Could not add Event',
      url: '/events/add',
      errors: { Event: { info: ['valueNotEmpty'] } },
    });
  });

  it('reports every invalid enumeration', async () => {
    const answer = await lab.call('POST', '/events/add', {
      info: 'x',
      distribution: 7,
      threat_level_id: '9',
      analysis: 'high',
      date: '2024-02-30',
    });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.body.errors.Event).sort()).toEqual([
      'analysis',
      'date',
      'distribution',
      'threat_level_id',
    ]);
  });

  it('applies the defaults of §4.2 to a flat body posted to /events', async () => {
    const answer = await lab.call('POST', '/events', { info: 'flat event' });
    expect(answer.status).toBe(200);
    const event = answer.body.Event as Json;
    expect(event).toMatchObject({
      info: 'flat event',
      distribution: '1',
      analysis: '0',
      threat_level_id: '4',
      sharing_group_id: '0',
      published: false,
      orgc_id: '1',
      org_id: '1',
      attribute_count: '0',
      event_creator_email: lab.server.getAdmin().email,
    });
    expect(event.date).toBe(new Date().toISOString().slice(0, 10));
    expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a given uuid and answers a second add of it with 404 and a Location header', async () => {
    const uuid = '5b0c1c8e-1f3a-4a57-9d7b-0c6a0d8d3e11';
    const first = await lab.call('POST', '/events/add', { Event: { info: 'with uuid', uuid } });
    expect(first.body.Event.uuid).toBe(uuid);
    const again = await lab.call('POST', '/events/add', { Event: { info: 'with uuid', uuid } });
    expect(again.status).toBe(404);
    expect(again.body.name).toBe(
      'Event already exists, if you would like to edit it, use the url in the location header.',
    );
    expect(again.headers.get('location')).toBe(`${lab.server.getUrl()}/events/view/${first.body.Event.id}`);
  });

  it('saves attributes, objects and tags sent inside the event, dropping invalid attributes', async () => {
    const answer = await lab.call('POST', '/events/add', {
      Event: {
        info: 'nested',
        Attribute: [
          { type: 'domain', value: 'example.org' },
          { type: 'ip-dst', value: 'not an ip' },
        ],
        Tag: [{ name: 'nested:tag' }],
      },
    });
    expect(answer.status).toBe(200);
    const event = answer.body.Event as Json;
    expect(event.Attribute.map((a: Json) => a.value)).toEqual(['example.org']);
    expect(event.Tag.map((t: Json) => t.name)).toEqual(['nested:tag']);
    expect(event.attribute_count).toBe('1');
  });
});

describe('GET /events/view', () => {
  it('answers an unknown event with 404 "Invalid event"', async () => {
    const answer = await lab.call('GET', '/events/view/999999.json');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      name: 'Invalid event',
      message: 'Invalid event',
      url: '/events/view/999999.json',
    });
  });

  it('has exactly the shape of event-view.json for an event with a tag, an attribute and a file object', async () => {
    const event = await lab.addEvent({ info: 'sample event', threat_level_id: '3' });
    await lab.call('POST', `/attributes/add/${event.id}`, { type: 'ip-src', value: '198.51.100.7' });
    await lab.call('POST', `/objects/add/${event.id}`, {
      Object: {
        name: 'file',
        'meta-category': 'file',
        description: 'File object',
        template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
        template_version: '1',
        Attribute: [
          { object_relation: 'filename', type: 'filename', value: 'a.exe', to_ids: true },
          {
            object_relation: 'creation-time',
            type: 'datetime',
            value: '2024-01-01T10:00:00+00:00',
            to_ids: true,
          },
        ],
      },
    });
    await lab.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: 'tlp:red' });
    const byUuid = await lab.call('GET', `/events/view/${event.uuid}.json`);
    expect(byUuid.status).toBe(200);
    expect(shapeOf(byUuid.body)).toEqual(shapeOf(sample('event-view')));
    expect(JSON.stringify(Object.keys(byUuid.body.Event))).toBe(
      JSON.stringify(Object.keys(sample('event-view').Event)),
    );
    expect(byUuid.body.Event.attribute_count).toBe('3');
    expect(byUuid.body.Event.Object[0].Attribute[1].value).toBe('2024-01-01T10:00:00.000000+0000');
    const resource = await lab.call('GET', `/events/${event.id}`);
    expect(resource.body).toEqual(byUuid.body);
  });
});

describe('edit, delete and index', () => {
  it('edits the given fields only, through /events/edit and PUT /events/<id>', async () => {
    const event = await lab.addEvent({ info: 'before', threat_level_id: 2 });
    const edited = await lab.call('POST', `/events/edit/${event.id}`, { Event: { info: 'after' } });
    expect(edited.status).toBe(200);
    expect(edited.body.Event).toMatchObject({ info: 'after', threat_level_id: '2' });
    const put = await lab.call('PUT', `/events/${event.id}`, { analysis: 2 });
    expect(put.body.Event).toMatchObject({ info: 'after', analysis: '2' });
    const invalid = await lab.call('POST', `/events/edit/${event.id}`, { Event: { info: '' } });
    expect(invalid.status).toBe(403);
    expect(invalid.body.errors).toEqual({ Event: { info: ['valueNotEmpty'] } });
  });

  it('deletes an event, after which it is an invalid event', async () => {
    const event = await lab.addEvent();
    const deleted = await lab.call('POST', `/events/delete/${event.id}`);
    expect(deleted.body).toEqual({
      saved: true,
      success: true,
      name: 'Event deleted.',
      message: 'Event deleted.',
      url: `/events/delete/${event.id}`,
      id: String(event.id),
    });
    expect((await lab.call('GET', `/events/view/${event.id}.json`)).status).toBe(404);
  });

  it('lists events as flat records with Org, Orgc and EventTag', async () => {
    const event = await lab.addEvent({ info: 'listed' });
    const answer = await lab.call('GET', '/events/index.json');
    const listed = (answer.body as unknown as Json[]).find((e) => e.id === event.id) as Json;
    expect(listed).toMatchObject({ info: 'listed', published: false, Org: { id: '1' }, EventTag: [] });
  });

  it('hides an organisation-only event from other organisations and refuses their edits', async () => {
    const event = await lab.addEvent({ info: 'org only', distribution: 0 });
    const outsider = lab.addUser(2, 'Other org');
    expect((await lab.call('GET', `/events/view/${event.id}.json`, undefined, outsider.key)).status).toBe(
      404,
    );
    const shared = await lab.addEvent({ info: 'community', distribution: 1 });
    expect((await lab.call('GET', `/events/view/${shared.id}.json`, undefined, outsider.key)).status).toBe(
      200,
    );
    const edit = await lab.call('POST', `/events/edit/${shared.id}`, { info: 'x' }, outsider.key);
    expect(edit.status).toBe(403);
  });
});

describe('HTML pages', () => {
  function browser() {
    const session = lab.server.services.sessions.create();
    session.userId = lab.server.services.users.findByEmail(lab.server.getAdmin().email)?.id ?? null;
    const cookie = `CAKEPHP=${session.id}`;
    return (path: string, init: RequestInit = {}) =>
      fetch(lab.server.getUrl() + path, {
        redirect: 'manual',
        ...init,
        headers: { cookie, ...init.headers },
      });
  }

  const csrfToken = (form: string): string =>
    /name="data\[_Token\]\[key\]"\s+value="([0-9a-f]+)"/.exec(form)?.[1] ?? '';

  it('shows EventAddForm with MISP field names and saves a submitted event', async () => {
    const get = browser();
    const form = await (await get('/events/add')).text();
    expect(form).toContain('id="EventAddForm"');
    for (const field of [
      'date',
      'distribution',
      'sharing_group_id',
      'threat_level_id',
      'analysis',
      'info',
      'extends_uuid',
    ])
      expect(form).toContain(`name="data[Event][${field}]"`);
    const token = csrfToken(form);
    const fields = new URLSearchParams({
      _method: 'POST',
      'data[_Token][key]': token,
      'data[Event][date]': '2024-05-01',
      'data[Event][distribution]': '0',
      'data[Event][threat_level_id]': '1',
      'data[Event][analysis]': '1',
      'data[Event][info]': 'from the form',
    });
    const posted = await get('/events/add', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    expect(posted.status).toBe(302);
    const location = posted.headers.get('location') ?? '';
    expect(location).toMatch(/\/events\/view\/\d+$/);
    const page = await (await get(new URL(location, 'http://x').pathname)).text();
    expect(page).toContain('The event has been saved');
    expect(page).toContain('from the form');
    expect(page).toContain('Publish (no email)');
    expect(page).toMatch(/id="eventPublished"\s+class="notPublished label label-important/);
    const index = await (await get('/events/index')).text();
    expect(index).toContain('from the form');
  });

  it('shows the form again with the error when info is missing', async () => {
    const get = browser();
    const form = await (await get('/events/add')).text();
    const token = csrfToken(form);
    const answer = await get('/events/add', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'data[_Token][key]': token, 'data[Event][info]': '' }).toString(),
    });
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain('The event could not be saved. Please, try again.');
    expect(page).toContain('valueNotEmpty');
  });
});
