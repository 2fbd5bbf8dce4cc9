import { describe, expect, it } from 'vitest';
import { toCoreFormat } from '../../engine/core-format.ts';
import type { PhpMap } from '../../engine/php.ts';
import { FakeWorkflowServices } from '../../engine/testing/fake-workflow-services.ts';
import { runModule } from '../../engine/testing/run-module.ts';
import { sampleEvent } from '../../engine/testing/workflow-fixtures.ts';
import { attributeIdsFlagOperation } from './attribute-ids-flag-operation.ts';
import { publishEvent } from './publish-event.ts';
import { reloadFullEvent } from './reload-full-event.ts';
import { sendMail } from './send-mail.ts';
import { stopExecution } from './stop-execution.ts';
import { tagOperation } from './tag-operation.ts';
import { webhook } from './webhook.ts';

const coreEvent = () => toCoreFormat(sampleEvent());

describe('stop-execution', () => {
  it('fails with the default message when none is saved', async () => {
    expect(await runModule(stopExecution, {}, await coreEvent())).toMatchObject({
      result: false,
      errors: ['Execution stopped'],
    });
  });

  it('renders a saved message as a Jinja template over the data', async () => {
    const run = await runModule(
      stopExecution,
      { message: 'Blocked {{ Event.info }} ({{ Event.Tag[0].name }})' },
      await coreEvent(),
    );
    expect(run.errors).toEqual(['Blocked sample event (tlp:red)']);
  });

  it('falls back to the default when the template renders empty', async () => {
    expect((await runModule(stopExecution, { message: '{{ nothing }}' }, await coreEvent())).errors).toEqual([
      'Execution stopped',
    ]);
  });
});

describe('attribute_ids_flag_operation', () => {
  it('sets to_ids on every attribute without a saved filter and edits the roaming data', async () => {
    const data = await coreEvent();
    for (const attribute of (data.Event as PhpMap)._AttributeFlattened as PhpMap[]) attribute.to_ids = false;
    const run = await runModule(attributeIdsFlagOperation, {}, data);
    expect(run.result).toBe(true);
    expect(run.services.savedAttributes.map((a) => [a.id, a.to_ids])).toEqual([
      ['16', true],
      ['17', true],
      ['18', true],
    ]);
    const event = run.roamingData.getData().Event as PhpMap;
    expect(((event.Object as PhpMap[])[0]!.Attribute as PhpMap[]).map((a) => a.to_ids)).toEqual([true, true]);
  });

  it('acts only on the saved filter matches', async () => {
    const run = await runModule(attributeIdsFlagOperation, { action: 'remove' }, await coreEvent(), {
      savedFilters: {
        selector: 'Event._AttributeFlattened.{n}',
        value: 'filename',
        operator: 'equals',
        path: 'type',
      },
    });
    expect(run.services.savedAttributes.map((a) => [a.id, a.to_ids])).toEqual([['17', false]]);
    const flattened = (run.roamingData.getData().Event as PhpMap)._AttributeFlattened as PhpMap[];
    expect(flattened.map((a) => a.to_ids)).toEqual([true, false, true]);
  });

  it('is false when no save succeeds', async () => {
    const services = new FakeWorkflowServices();
    services.rejectAttributeIds = new Set(['16', '17', '18']);
    expect((await runModule(attributeIdsFlagOperation, {}, await coreEvent(), { services })).result).toBe(
      false,
    );
  });
});

describe('tag_operation', () => {
  it('adds local tags to the event by default', async () => {
    const run = await runModule(tagOperation, { tags: ['tlp:amber'] }, await coreEvent());
    expect(run.result).toBe(true);
    expect(run.services.attachedTags).toEqual([
      { scope: 'event', eventId: '15', tags: ['tlp:amber'], local: true, relationshipType: '' },
    ]);
  });

  it('removes tags from the filtered attributes with any locality', async () => {
    const run = await runModule(
      tagOperation,
      { scope: 'attribute', action: 'remove', locality: 'any', tags: ['x'] },
      await coreEvent(),
      {
        savedFilters: {
          selector: 'Event._AttributeFlattened.{n}',
          value: 'ip-src',
          operator: 'equals',
          path: 'type',
        },
      },
    );
    expect(run.services.removedTags).toEqual([
      {
        scope: 'attribute',
        eventId: '15',
        attributeId: '16',
        tags: ['x'],
        local: null,
        relationshipType: '',
      },
    ]);
  });

  it('tags every flattened attribute without a filter', async () => {
    const run = await runModule(
      tagOperation,
      { scope: 'attribute', locality: 'global', tags: ['x'] },
      await coreEvent(),
    );
    expect(run.services.attachedTags.map((c) => [c.attributeId, c.local])).toEqual([
      ['16', false],
      ['17', false],
      ['18', false],
    ]);
  });
});

describe('send-mail', () => {
  function withUsers() {
    const services = new FakeWorkflowServices();
    services.users = [
      { id: 1, email: 'admin@admin.test', siteAdmin: true },
      { id: 2, email: 'analyst@org.test', siteAdmin: false },
      { id: 3, email: 'other@org.test', siteAdmin: false },
    ];
    return services;
  }

  it('needs recipients and a subject', async () => {
    expect(await runModule(sendMail, { recipients: [] }, await coreEvent())).toMatchObject({
      result: false,
      errors: ['No recipient set.'],
    });
    expect(await runModule(sendMail, {}, await coreEvent())).toMatchObject({
      result: false,
      errors: ['The mail template is empty.'],
    });
  });

  it('mails the admins by default, rendering subject and body', async () => {
    const services = withUsers();
    const params = {
      mail_template_subject: 'Published: {{ Event.info }}',
      mail_template_body: '{{ Event._AttributeFlattened | length }} attributes',
    };
    const run = await runModule(sendMail, params, await coreEvent(), { services });
    expect(run.result).toBe(true);
    expect(services.mails).toEqual([
      { to: ['admin@admin.test'], subject: 'Published: sample event', body: '3 attributes' },
    ]);
  });

  it('mails everybody for "All accounts" and picked users otherwise', async () => {
    const all = withUsers();
    await runModule(
      sendMail,
      { recipients: ['All accounts'], mail_template_subject: 's' },
      await coreEvent(),
      { services: all },
    );
    expect(all.mails.map((m) => m.to[0])).toEqual(['admin@admin.test', 'analyst@org.test', 'other@org.test']);
    const picked = withUsers();
    await runModule(
      sendMail,
      { recipients: ['All admins', 'other@org.test'], mail_template_subject: 's' },
      await coreEvent(),
      { services: picked },
    );
    expect(picked.mails.map((m) => m.to[0])).toEqual(['admin@admin.test', 'other@org.test']);
  });
});

describe('webhook', () => {
  function allowed() {
    const services = new FakeWorkflowServices();
    services.settings['Security.rest_client_enable_arbitrary_urls'] = true;
    return services;
  }

  it('refuses while arbitrary URLs are turned off', async () => {
    const run = await runModule(webhook, { url: 'http://127.0.0.1:1/hook' }, await coreEvent());
    expect(run).toMatchObject({
      result: false,
      errors: ['`Security.rest_client_enable_arbitrary_urls` is turned off'],
    });
    expect(run.services.httpRequests).toEqual([]);
  });

  it('posts the roaming data as JSON with MISP headers plus the configured ones', async () => {
    const services = allowed();
    const data = await coreEvent();
    const run = await runModule(
      webhook,
      { url: 'http://127.0.0.1:9/{{ Event.id }}', headers: 'Authorization: secret\r\nbroken line' },
      data,
      { services },
    );
    expect(run.result).toBe(true);
    const [request] = services.httpRequests;
    expect(request).toMatchObject({
      url: 'http://127.0.0.1:9/15',
      method: 'POST',
      contentType: 'json',
      allowSelfSigned: false,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'MISP 2.5.1',
        Authorization: 'secret',
      },
    });
    expect(JSON.parse(request!.body!)).toEqual(data);
  });

  it('sends a JSON payload template decoded, and form data url-encoded', async () => {
    const services = allowed();
    await runModule(
      webhook,
      { url: 'http://h/', payload: '{"info": "{{ Event.info }}"}' },
      await coreEvent(),
      { services },
    );
    expect(services.httpRequests[0]!.body).toBe('{"info":"sample event"}');
    await runModule(
      webhook,
      { url: 'http://h/', content_type: 'form', payload: '' },
      { a: { b: 'c d' } },
      { services },
    );
    expect(services.httpRequests[1]).toMatchObject({
      body: 'a%5Bb%5D=c+d',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  });

  it.each([
    [401, 'Authentication failed.'],
    [403, 'Authentication failed.'],
    [500, 'Something went wrong with the request or the remote side is having issues. Body returned: oops'],
  ])('fails on HTTP %i', async (status, message) => {
    const services = allowed();
    services.httpResponse = { status, body: 'oops' };
    expect(await runModule(webhook, { url: 'http://h/' }, {}, { services })).toMatchObject({
      result: false,
      errors: [message],
    });
  });

  it('reports a request that could not be sent', async () => {
    const services = allowed();
    services.httpResponse = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const run = await runModule(webhook, { url: 'http://127.0.0.1:1/' }, {}, { services });
    expect(run.errors).toEqual([
      'Something went wrong while sending the request. Error returned: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });

  it('needs a URL', async () => {
    expect((await runModule(webhook, {}, {}, { services: allowed() })).errors).toEqual(['URL not provided.']);
  });
});

describe('publish-event and reload-full-event', () => {
  it('publishes the event of the data', async () => {
    const run = await runModule(publishEvent, {}, await coreEvent());
    expect(run).toMatchObject({ result: true });
    expect(run.services.published).toEqual(['15']);
    const refused = new FakeWorkflowServices();
    refused.publishResult = 'Could not publish';
    expect((await runModule(publishEvent, {}, await coreEvent(), { services: refused })).result).toBe(false);
  });

  it('replaces the roaming data with the event from storage, converted', async () => {
    const services = new FakeWorkflowServices();
    const stored = sampleEvent();
    stored.Event.info = 'reloaded';
    services.events.set('15', stored);
    const run = await runModule(reloadFullEvent, {}, await coreEvent(), {
      services,
      triggerNode: { id: 1, data: { id: 'event-publish', module_type: 'trigger', misp_core_format: true } },
    });
    expect(run.result).toBe(true);
    const event = run.roamingData.getData().Event as PhpMap;
    expect(event.info).toBe('reloaded');
    expect((event._AttributeFlattened as unknown[]).length).toBe(3);
  });
});
