/** Attributes over real HTTP: the attribute-add shape, defaults, value rules, batches, edit, delete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, shapeOf, startLab, type Json, type Lab } from './events-support.ts';

let lab: Lab;
let event: Json;

beforeAll(async () => {
  lab = await startLab({ settings: { 'MISP.background_jobs': false } });
  event = await lab.addEvent({ info: 'attributes' });
});
afterAll(async () => {
  await lab.server.stop();
});

const add = (body: unknown, eventRef: string = event.id) =>
  lab.call('POST', `/attributes/add/${eventRef}`, body);

describe('POST /attributes/add', () => {
  it('answers the shape of attribute-add.json with the defaults of describeTypes', async () => {
    const answer = await add({ type: 'ip-src', value: '198.51.100.7' });
    expect(answer.status).toBe(200);
    expect(shapeOf(answer.body)).toEqual(shapeOf(sample('attribute-add')));
    expect(JSON.stringify(Object.keys(answer.body.Attribute))).toBe(
      JSON.stringify(Object.keys(sample('attribute-add').Attribute)),
    );
    expect(answer.body.Attribute).toMatchObject({
      category: 'Network activity',
      to_ids: true,
      distribution: '5',
      object_id: '0',
      value1: '198.51.100.7',
      value2: '',
      value: '198.51.100.7',
      event_id: String(event.id),
    });
  });

  it('takes the {"Attribute":{…}} form and an event uuid', async () => {
    const answer = await add({ Attribute: { type: 'comment', value: 'just words' } }, event.uuid);
    expect(answer.status).toBe(200);
    expect(answer.body.Attribute).toMatchObject({ category: 'Other', to_ids: false, type: 'comment' });
  });

  it('normalises a datetime to microseconds and a numeric offset (Appendix C)', async () => {
    const answer = await add({ type: 'datetime', value: '2024-01-01T10:00:00+00:00' });
    expect(answer.body.Attribute.value).toBe('2024-01-01T10:00:00.000000+0000');
    expect(answer.body.Attribute.value1).toBe('2024-01-01T10:00:00.000000+0000');
  });

  it.each([
    ['ip-dst', '203.0.113.0/24', '203.0.113.0/24', ''],
    ['ip-dst', '2001:DB8:0:0::1', '2001:db8::1', ''],
    ['ip-dst|port', '203.0.113.9:443', '203.0.113.9', '443'],
    ['domain|ip', 'Example.ORG|203.0.113.9', 'example.org', '203.0.113.9'],
    ['filename|sha256', `Report.pdf|${'AB'.repeat(32)}`, 'Report.pdf', 'ab'.repeat(32)],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e', ''],
    ['AS', 'AS64496', '64496', ''],
    ['email-src', 'Phish@Example.org', 'phish@example.org', ''],
  ])('stores %s %s as value1 %s and value2 %s', async (type, value, value1, value2) => {
    const answer = await add({ type, value });
    expect(answer.status).toBe(200);
    expect(answer.body.Attribute).toMatchObject({ value1, value2 });
  });

  it.each([
    ['ip-src', '999.1.1.1', 'IP address has an invalid format.'],
    ['ip-src', '10.0.0.0/33', 'Invalid CIDR notation value found, for IPv4 must be lower or equal 32.'],
    ['ip-dst|port', '203.0.113.9|99999', 'Port numbers have to be integers between 1 and 65535.'],
    [
      'domain',
      'no_dot',
      'Domain has an invalid format. Please double check the value or select type "other".',
    ],
    [
      'hostname',
      'bad host',
      'Hostname has an invalid format. Please double check the value or select type "other".',
    ],
    [
      'sha1',
      'abc',
      'Checksum has an invalid length or format (expected: 40 hexadecimal characters). Please double check the value or select type "other".',
    ],
    [
      'email-dst',
      'nobody',
      'Email address has an invalid format. Please double check the value or select type "other".',
    ],
    [
      'link',
      'not a url',
      'Value not in the right type/format. Please double check the value or select type "other".',
    ],
    ['datetime', 'yesterday-ish', 'Datetime has to be in the ISO 8601 format.'],
    [
      'domain|ip',
      'example.org',
      'Composite type found but the value not in the composite (value1|value2) format.',
    ],
  ])("refuses %s %s with MISP's message", async (type, value, message) => {
    const answer = await add({ type, value });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      saved: false,
      name: 'Could not add Attribute',
      message: 'Could not add Attribute',
      url: '/attributes/add',
      errors: { value: [message] },
    });
  });

  it('refuses a category that does not fit the type', async () => {
    const answer = await add({ type: 'ip-src', category: 'Person', value: '192.0.2.1' });
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toEqual({ category: ['Options depend on the selected category.'] });
    const unknown = await add({ type: 'no-such-type', value: 'x' });
    expect(unknown.body.errors).toEqual({ type: ['Options depend on the selected category.'] });
  });

  it('answers an unknown event with 404 "Invalid event"', async () => {
    const answer = await add({ type: 'text', value: 'x' }, '999999');
    expect(answer.status).toBe(404);
    expect(answer.body.message).toBe('Invalid event');
  });

  it('saves a batch of values and a list, reporting the ones that failed per attribute_<n>', async () => {
    const batch = await add({ type: 'domain', value: ['a.example', 'b.example'] });
    expect(batch.status).toBe(200);
    expect((batch.body.Attribute as Json[]).map((a) => a.value)).toEqual(['a.example', 'b.example']);
    expect(batch.body.errors).toBeUndefined();
    const list = await add([
      { type: 'url', value: 'https://c.example/x' },
      { type: 'ip-src', value: 'nope' },
    ]);
    expect(list.status).toBe(200);
    expect((list.body.Attribute as Json[]).map((a) => a.value)).toEqual(['https://c.example/x']);
    expect(list.body.errors).toEqual({ attribute_1: { value: ['IP address has an invalid format.'] } });
  });

  it('refuses the same value twice in one event', async () => {
    await add({ type: 'hostname', value: 'twice.example' });
    const again = await add({ type: 'hostname', value: 'twice.example' });
    expect(again.status).toBe(403);
    expect(again.body.errors).toEqual({ value: ['A similar attribute already exists for this event.'] });
  });

  it('unpublishes the event it is added to', async () => {
    const published = await lab.addEvent({ info: 'published one' });
    await lab.call('POST', `/events/publish/${published.id}`);
    expect((await lab.call('GET', `/events/view/${published.id}.json`)).body.Event.published).toBe(true);
    await add({ type: 'text', value: 'late addition' }, published.id);
    expect((await lab.call('GET', `/events/view/${published.id}.json`)).body.Event.published).toBe(false);
  });

  it("refuses a read-only user with MISP's permission message", async () => {
    const reader = lab.addUser(6);
    const answer = await lab.call(
      'POST',
      `/attributes/add/${event.id}`,
      { type: 'text', value: 'x' },
      reader.key,
    );
    // What real MISP 2.5.1 answers a Read Only role (the ACL, before the controller runs).
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe('You do not have permission to use this functionality.');
  });
});

describe('view, edit, delete, describeTypes', () => {
  it('edits, views and soft-deletes an attribute', async () => {
    const created = (await add({ type: 'ip-dst', value: '192.0.2.44', comment: 'first' })).body
      .Attribute as Json;
    const edited = await lab.call('POST', `/attributes/edit/${created.id}`, {
      Attribute: { comment: 'second' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.Attribute).toMatchObject({
      comment: 'second',
      value: '192.0.2.44',
      uuid: created.uuid,
    });
    const bad = await lab.call('POST', `/attributes/edit/${created.id}`, { value: 'nope' });
    expect(bad.status).toBe(403);
    expect(bad.body.errors).toEqual({ value: ['IP address has an invalid format.'] });
    const viewed = await lab.call('GET', `/attributes/view/${created.id}.json`);
    expect(viewed.body.Attribute.comment).toBe('second');
    const deleted = await lab.call('POST', `/attributes/delete/${created.id}`);
    expect(deleted.body).toMatchObject({ saved: true, success: true, message: 'Attribute deleted.' });
    const eventJson = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event as Json;
    expect((eventJson.Attribute as Json[]).some((a) => a.id === created.id)).toBe(false);
    expect((await lab.call('GET', `/attributes/view/${created.id}.json`)).status).toBe(404);
  });

  it('answers describeTypes exactly as the sample', async () => {
    const answer = await lab.call('GET', '/attributes/describeTypes.json');
    expect(answer.body).toEqual(sample('describeTypes'));
  });
});
