/**
 * The event page's by-hand flows over HTTP, as MISP 2.5.1's pages post them (observed:
 * fixtures/misp-samples-observed/workshop-pages.json): the tag picker's fragments, addTag and
 * removeTag with the CSRF token and MISP's JSON answers, Add Attribute's form and flash, the
 * "Publish Event" prompt, /logs/index and the lab's help page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Json, type Lab } from './events-support.ts';

let lab: Lab;
let tagId: string;

beforeAll(async () => {
  lab = await startLab({ settings: { 'MISP.background_jobs': false, 'Plugin.Workflow_enable': true } });
  const tag = await lab.call('POST', '/tags/add', { Tag: { name: 'tlp:red', colour: '#CC0033' } });
  tagId = String((tag.body.Tag as Json).id);
});
afterAll(async () => {
  await lab.server.stop();
});

function browser() {
  const session = lab.server.services.sessions.create();
  session.userId = lab.server.services.users.findByEmail(lab.server.getAdmin().email)?.id ?? null;
  const cookie = `CAKEPHP=${session.id}`;
  return (path: string, init: RequestInit = {}) =>
    fetch(lab.server.getUrl() + path, { redirect: 'manual', ...init, headers: { cookie, ...init.headers } });
}

const tokenOf = (markup: string): string =>
  /name="data\[_Token\]\[key\]"\s+value="([0-9a-f]+)"/.exec(markup)?.[1] ?? '';

function formPost(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'XMLHttpRequest' },
    body: new URLSearchParams({ _method: 'POST', ...fields }).toString(),
  };
}

describe('the tag picker', () => {
  it('adds a tag to an event as the picker posts it, then removes it through the prompt', async () => {
    const get = browser();
    const event = await lab.addEvent({ distribution: 3 });
    const view = await (await get(`/events/view/${event.id}`)).text();
    expect(view).toContain(`data-popover-popup="/tags/selectTaxonomy/${event.id}"`);
    expect(view).toContain('class="addTagButton addButton btn btn-inverse noPrint"');

    const pills = await (await get(`/tags/selectTaxonomy/${event.id}`)).text();
    expect(pills).toContain(`data-endpoint="/tags/selectTag/${event.id}/all/event"`);
    expect(pills).toMatch(/>\s*All Tags\s*</);
    const list = await (await get(`/tags/selectTag/${event.id}/all/event`)).text();
    expect(list).toContain(`<option value="${tagId}">tlp:red</option>`);

    const form = await (await get(`/events/addTag/${event.id}`)).text();
    const added = await get(
      `/events/addTag/${event.id}`,
      formPost({ 'data[_Token][key]': tokenOf(form), 'data[Event][tag]': JSON.stringify([tagId]) }),
    );
    expect(await added.json()).toEqual({ saved: true, success: 'Tag added.', check_publish: true });
    const tags = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event.Tag as Json[];
    expect(tags.map((t) => t.name)).toEqual(['tlp:red']);

    const prompt = await (await get(`/events/removeTag/${event.id}/${tagId}`)).text();
    expect(prompt).toContain('id="PromptForm"');
    expect(prompt).toContain('id="PromptYesButton"');
    const removed = await get(
      `/events/removeTag/${event.id}/${tagId}`,
      formPost({ 'data[_Token][key]': tokenOf(prompt) }),
    );
    expect(await removed.json()).toEqual({ saved: true, success: 'Tag removed.', check_publish: true });
    expect((await lab.call('GET', `/events/view/${event.id}.json`)).body.Event.Tag ?? []).toEqual([]);
  });

  it('refuses a post without the CSRF token, as MISP black-holes it', async () => {
    const event = await lab.addEvent();
    const answer = await browser()(
      `/events/addTag/${event.id}`,
      formPost({ 'data[Event][tag]': JSON.stringify([tagId]) }),
    );
    expect(answer.status).toBe(400);
    expect((await lab.call('GET', `/events/view/${event.id}.json`)).body.Event.Tag ?? []).toEqual([]);
  });

  it('tags an attribute with data[Attribute][tag]', async () => {
    const get = browser();
    const event = await lab.addEvent();
    const attribute = await lab.call('POST', `/attributes/add/${event.id}`, {
      type: 'ip-src',
      value: '10.0.0.1',
    });
    const attributeId = String((attribute.body.Attribute as Json).id);
    const form = await (await get(`/attributes/addTag/${attributeId}`)).text();
    expect(form).toContain('name="data[Attribute][attribute_ids]"');
    const added = await get(
      `/attributes/addTag/${attributeId}`,
      formPost({
        'data[_Token][key]': tokenOf(form),
        'data[Attribute][attribute_ids]': '',
        'data[Attribute][tag]': JSON.stringify([tagId]),
      }),
    );
    expect(await added.json()).toEqual({ saved: true, success: 'Tag added.', check_publish: true });
    const view = (await lab.call('GET', `/attributes/view/${attributeId}.json`)).body.Attribute as Json;
    expect((view.Tag as Json[]).map((t) => t.name)).toEqual(['tlp:red']);

    const prompt = await (await get(`/attributes/removeTag/${attributeId}/${tagId}`)).text();
    expect(prompt).toContain(`action="/attributes/removeTag/${attributeId}/${tagId}"`);
    const removed = await get(
      `/attributes/removeTag/${attributeId}/${tagId}`,
      formPost({ 'data[_Token][key]': tokenOf(prompt) }),
    );
    expect(await removed.json()).toEqual({ saved: true, success: 'Tag removed.', check_publish: true });
    const after = (await lab.call('GET', `/attributes/view/${attributeId}.json`)).body.Attribute as Json;
    expect(after.Tag ?? []).toEqual([]);
  });

  it('answers an unknown tag id with saved:false, not a 500', async () => {
    const get = browser();
    const event = await lab.addEvent();
    const form = await (await get(`/events/addTag/${event.id}`)).text();
    const answer = await get(
      `/events/addTag/${event.id}`,
      formPost({ 'data[_Token][key]': tokenOf(form), 'data[Event][tag]': '["99999"]' }),
    );
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Json;
    expect(body.saved).not.toBe(true);
  });
});

describe('Add Object', () => {
  it('walks meta-category, template, form and review, and saves a file object with a datetime inside', async () => {
    const get = browser();
    const event = await lab.addEvent();
    const meta = await (await get(`/objectTemplates/objectMetaChoice/${event.id}`)).text();
    expect(meta).toContain(`<option value="/objectTemplates/objectChoice/${event.id}/file">file</option>`);
    const templates = await (await get(`/objectTemplates/objectChoice/${event.id}/file`)).text();
    expect(templates).toContain('data-functionname="redirectAddObject"');
    const templateId = /<option value="(\d+)">file<\/option>/.exec(templates)?.[1];
    expect(templateId).toBeDefined();

    const form = await (await get(`/objects/add/${event.id}/${templateId}`)).text();
    expect(form).toContain(`action="/objects/revise_object/add/${event.id}/${templateId}"`);
    const indexOf = (relation: string) =>
      new RegExp(`name="data\\[Attribute\\]\\[(\\d+)\\]\\[object_relation\\]" value="${relation}"`).exec(
        form,
      )?.[1] ?? '';
    const filename = indexOf('filename');
    const created = indexOf('creation-time');
    expect([filename, created].every(Boolean)).toBe(true);
    const row = (index: string, relation: string, type: string, category: string, value: string) => [
      [`data[Attribute][${index}][object_relation]`, relation],
      [`data[Attribute][${index}][type]`, type],
      [`data[Attribute][${index}][category]`, category],
      [`data[Attribute][${index}][value]`, value],
      [`data[Attribute][${index}][to_ids]`, '0'],
      [`data[Attribute][${index}][to_ids]`, '1'],
      [`data[Attribute][${index}][distribution]`, '5'],
    ];
    const review = await get(`/objects/revise_object/add/${event.id}/${templateId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_method', 'POST'],
        ['data[_Token][key]', tokenOf(form)],
        ['data[Object][distribution]', '5'],
        ...row(filename, 'filename', 'filename', 'Payload delivery', 'dropper.exe'),
        ...row(created, 'creation-time', 'datetime', 'Other', '2026-12-01T09:00:00+00:00'),
      ]).toString(),
    });
    const reviewed = await review.text();
    expect(reviewed).toContain('Create new object');
    const data = /name="data\[Object\]\[data\]" value="([^"]+)"/.exec(reviewed)?.[1] ?? '';
    const saved = await get(`/objects/add/${event.id}/${templateId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _method: 'POST',
        'data[_Token][key]': tokenOf(reviewed),
        'data[Object][data]': data.replace(/&#(\d+);/g, (_, code: string) =>
          String.fromCharCode(Number(code)),
        ),
      }).toString(),
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toContain(`/events/view/${event.id}`);
    const objects = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event.Object as Json[];
    expect(objects.map((o) => o.name)).toEqual(['file']);
    const inside = (objects[0]!.Attribute as Json[]).map((a) => [a.object_relation, a.type, a.to_ids]);
    expect(inside).toEqual(
      expect.arrayContaining([
        ['filename', 'filename', true],
        ['creation-time', 'datetime', true],
      ]),
    );
    expect(inside).toHaveLength(2);
  });
});

describe("the editor's look", () => {
  it('labels the IF outputs and styles nodes and disabled modules as MISP 2.5.1 computes them', async () => {
    // MISP opens the editor only with background jobs on (this file's lab runs them inline).
    await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: true });
    const editor = await (await browser()('/workflows/editor/event-publish')).text();
    await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: false });
    expect(editor).toContain('.block-type-if .output_1::before{content:"Condition satisfied"}');
    expect(editor).toContain('.block-type-if .output_2::before{content:"Condition not satisfied";top:26px}');
    expect(editor).toContain('.output:hover::before{display:block}');
    expect(editor).toContain('.drawflow-node.block-type-if{border-left:4px solid rgb(116,201,115)}');
    expect(editor).toContain('.sidebar-workflow-block.disabled{background:#ffd4d4');
    expect(editor).toContain('title="This module is disabled"');
  });
});

describe('Add Attribute, Publish Event, logs and help pages', () => {
  it('saves a datetime attribute posted by the AttributeAddForm and flashes "Attributes saved."', async () => {
    const get = browser();
    const event = await lab.addEvent();
    const form = await (await get(`/attributes/add/${event.id}`)).text();
    for (const field of ['category', 'type', 'distribution', 'value', 'comment', 'to_ids', 'batch_import'])
      expect(form).toContain(`name="data[Attribute][${field}]"`);
    const posted = await get(`/attributes/add/${event.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_method', 'POST'],
        ['data[_Token][key]', tokenOf(form)],
        ['data[Attribute][category]', 'Other'],
        ['data[Attribute][type]', 'datetime'],
        ['data[Attribute][distribution]', '5'],
        ['data[Attribute][value]', '2026-12-01T10:00:00+00:00'],
        ['data[Attribute][to_ids]', '0'],
        ['data[Attribute][to_ids]', '1'],
      ]).toString(),
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toContain(`/events/view/${event.id}`);
    const page = await (await get(`/events/view/${event.id}`)).text();
    expect(page).toContain('Attributes saved.');
    const attributes = (await lab.call('GET', `/events/view/${event.id}.json`)).body.Event
      .Attribute as Json[];
    expect(attributes.map((a) => [a.type, a.to_ids])).toEqual([['datetime', true]]);
  });

  it('shows the "Publish Event" prompt in MISP\'s words and lists the logs at /logs/index', async () => {
    const get = browser();
    const event = await lab.addEvent();
    const prompt = await (await get(`/events/alert/${event.id}`)).text();
    expect(prompt).toContain('Are you sure this event is complete and everyone should be informed?');
    expect(prompt).toContain(`action="/events/alert/${event.id}"`);
    const logs = await get('/logs/index');
    expect(logs.status).toBe(200);
    expect(await logs.text()).toContain('<th>Model ID</th>');
  });

  it('explains the "published" line after a blocked publish in English and pt-BR', async () => {
    const english = await (await fetch(`${lab.server.getUrl()}/lab/help`)).text();
    expect(english).toContain('Event (N): published.');
    expect(english).toContain('does not mean the event was published');
    const portuguese = await (await fetch(`${lab.server.getUrl()}/lab/help?lang=pt-BR`)).text();
    expect(portuguese).toContain('Não quer dizer que o evento foi publicado');
  });
});
