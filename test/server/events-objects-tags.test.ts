/** Objects (all or nothing) and tags (§4.4) over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, shapeOf, startLab, type Json, type Lab } from './events-support.ts';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ settings: { 'MISP.background_jobs': false } });
});
afterAll(async () => {
  await lab.server.stop();
});

const fileObject = (attributes: Json[], extra: Json = {}): Json => ({
  Object: {
    name: 'file',
    'meta-category': 'file',
    description: 'File object',
    template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
    template_version: '1',
    Attribute: attributes,
    ...extra,
  },
});

const count = (table: string, eventId: string): number =>
  (
    lab.server.services.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE event_id = ?`).get(eventId) as {
      n: number;
    }
  ).n;

describe('POST /objects/add', () => {
  it('answers the shape of object-add.json', async () => {
    const event = await lab.addEvent();
    const answer = await lab.call(
      'POST',
      `/objects/add/${event.id}`,
      fileObject([
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
          value: '2024-01-01T10:00:00+00:00',
          to_ids: true,
        },
      ]),
    );
    expect(answer.status).toBe(200);
    expect(shapeOf(answer.body)).toEqual(shapeOf(sample('object-add')));
    expect(answer.body.Object.Attribute[1]).toMatchObject({
      object_relation: 'creation-time',
      value: '2024-01-01T10:00:00.000000+0000',
      distribution: '5',
    });
  });

  it('refuses an object without template_version, saving nothing', async () => {
    const event = await lab.addEvent();
    const body = fileObject([{ object_relation: 'filename', type: 'filename', value: 'b.exe' }]);
    delete (body.Object as Json).template_version;
    const answer = await lab.call('POST', `/objects/add/${event.id}`, body);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      saved: false,
      name: 'Could not add Object',
      message: 'Could not add Object',
      url: `/objects/add/${event.id}`,
      // As MISP 2.5.1 words it (PyMISP battery): the controller prefixes saveObject's field error.
      errors:
        'Object could not be saved.\ntemplate: No valid template found and object lacking template information. (template_version)',
      id: String(event.id),
    });
    expect(count('objects', event.id)).toBe(0);
  });

  it('refuses the whole object when one attribute is bad: no object and no attribute saved', async () => {
    const event = await lab.addEvent();
    const answer = await lab.call(
      'POST',
      `/objects/add/${event.id}`,
      fileObject([
        { object_relation: 'filename', type: 'filename', value: 'c.exe' },
        { object_relation: 'md5', type: 'md5', value: 'not-a-hash' },
      ]),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toMatch(
      /^Could not save object as at least one attribute has failed validation \(md5\)\./,
    );
    expect(count('objects', event.id)).toBe(0);
    expect(count('attributes', event.id)).toBe(0);
    const view = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect(view.Object).toEqual([]);
    expect(view.attribute_count).toBe('0');
  });

  it('deletes an object, which leaves the event JSON', async () => {
    const event = await lab.addEvent();
    const added = await lab.call(
      'POST',
      `/objects/add/${event.id}`,
      fileObject([{ object_relation: 'filename', type: 'filename', value: 'd.exe' }]),
    );
    const deleted = await lab.call('POST', `/objects/delete/${added.body.Object.id}`);
    expect(deleted.body).toMatchObject({ saved: true, success: true, message: 'Object deleted' });
    const view = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect(view.Object).toEqual([]);
    expect(view.attribute_count).toBe('0');
  });
});

describe('tags', () => {
  it('attaches a global tag to an event as tag-attach.json says, unpublishing it', async () => {
    const event = await lab.addEvent();
    await lab.call('POST', `/events/publish/${event.id}`);
    const answer = await lab.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: 'tlp:amber' });
    const tag = lab.server.services.db.prepare("SELECT id FROM tags WHERE name = 'tlp:amber'").get() as {
      id: number;
    };
    const message = `Global tag tlp:amber(${tag.id}) successfully attached to Event(${event.id}).`;
    expect(answer.body).toEqual({
      saved: true,
      success: true,
      name: message,
      message,
      url: '/tags/attachTagToObject',
    });
    expect(shapeOf(answer.body)).toEqual(shapeOf(sample('tag-attach')));
    const view = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect(view.published).toBe(false);
    expect(shapeOf(view.Tag)).toEqual(shapeOf(sample('event-view').Event.Tag));
    expect(view.Tag[0]).toMatchObject({ name: 'tlp:amber', local: false, relationship_type: null });

    const again = await lab.call('POST', '/tags/attachTagToObject', {
      uuid: event.uuid,
      tag: String(tag.id),
    });
    expect(again.body.message).toBe(
      'Event already has the requested tag attached, no changes had to be made for tag tlp:amber.',
    );
  });

  it('attaches a list of tags locally to an attribute, which keeps the event published', async () => {
    const event = await lab.addEvent();
    const attribute = (await lab.call('POST', `/attributes/add/${event.id}`, { type: 'text', value: 'x' }))
      .body.Attribute as Json;
    await lab.call('POST', `/events/publish/${event.id}`);
    const answer = await lab.call('POST', '/tags/attachTagToObject', {
      uuid: attribute.uuid,
      tag: '["local:one","local:two"]',
      local: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.message).toMatch(
      /^Local tag local:one\(\d+\) successfully attached to Attribute\(\d+\)\./,
    );
    const view = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect(view.published).toBe(true);
    expect((view.Attribute[0].Tag as Json[]).map((t) => [t.name, t.local])).toEqual([
      ['local:one', true],
      ['local:two', true],
    ]);
    const removed = await lab.call('POST', '/tags/removeTagFromObject', {
      uuid: attribute.uuid,
      tag: 'local:one',
    });
    expect(removed.body.message).toMatch(
      /^Tag local:one\(\d+\) successfully removed from Attribute\(\d+\)\.$/,
    );
  });

  it('refuses to create a tag for a user without perm_tag_editor', async () => {
    const user = lab.addUser(3);
    const event = await lab.addEvent({ info: 'user event' }, user.key);
    const answer = await lab.call(
      'POST',
      '/tags/attachTagToObject',
      { uuid: event.uuid, tag: 'brand:new' },
      user.key,
    );
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toBe(
      'Failed to attach 1 tags. Reasons: {"brand:new":"Tag not found and insufficient privileges to create it."}',
    );
  });

  it('refuses local tags from users outside the host organisation', async () => {
    const outsider = lab.addUser(2, 'Outside org');
    const event = await lab.addEvent({ info: 'outside' }, outsider.key);
    const answer = await lab.call(
      'POST',
      '/tags/attachTagToObject',
      { uuid: event.uuid, tag: 'x', local: 1 },
      outsider.key,
    );
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe('Local tags can only be added by users of the host organisation.');
  });

  it('lists and adds tags', async () => {
    const added = await lab.call('POST', '/tags/add', { Tag: { name: 'added:tag', colour: '#123456' } });
    expect(added.body.Tag).toMatchObject({ name: 'added:tag', colour: '#123456', exportable: true });
    const duplicate = await lab.call('POST', '/tags/add', { name: 'added:tag' });
    expect(duplicate.status).toBe(403);
    const index = await lab.call('GET', '/tags/index.json');
    expect((index.body.Tag as Json[]).map((t) => t.name)).toContain('added:tag');
  });
});
