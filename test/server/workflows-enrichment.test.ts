/**
 * The enrichment guard: with the shipped "PAP:RED and tlp:red Blocking" blueprint behind the
 * enrichment-before-query trigger, a tlp:red attribute (own or inherited tag) never reaches the
 * third-party service, and an unmarked one does. The third party is a real local HTTP server that
 * counts what it receives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTriggerWorkflow, startWorkflowLab, type Json, type Lab } from './workflows-support.ts';

let lab: Lab | undefined;
let thirdParty: Server | undefined;
let received: Json[] = [];
let thirdPartyUrl = '';

beforeEach(async () => {
  received = [];
  thirdParty = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(body) as Json);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results: [{ types: ['text'], values: ['known bad'] }] }));
    });
  });
  await new Promise<void>((resolve) => thirdParty!.listen(0, '127.0.0.1', resolve));
  thirdPartyUrl = `http://127.0.0.1:${(thirdParty.address() as AddressInfo).port}/lookup`;
});

afterEach(async () => {
  await lab?.server.stop();
  await new Promise<void>((resolve) => thirdParty?.close(() => resolve()));
  lab = undefined;
});

async function guardedLab(): Promise<Lab> {
  const l = await startWorkflowLab({
    triggers: ['enrichment-before-query'],
    extraSettings: {
      'Plugin.Enrichment_services_enable': true,
      'Plugin.Enrichment_lab_lookup_enabled': true,
      'Plugin.Enrichment_lab_lookup_url': thirdPartyUrl,
    },
  });
  const blueprints = (await l.call('GET', '/workflowBlueprints/index.json')).body as unknown as Json[];
  const blueprint = blueprints.find((b) => b.WorkflowBlueprint.name === 'PAP:RED and tlp:red Blocking')!;
  const workflow = await openTriggerWorkflow(l, 'enrichment-before-query');
  const graph = workflow.data as Json;
  for (const node of blueprint.WorkflowBlueprint.data as Json[]) graph[String(node.id)] = node;
  graph['1'].outputs.output_1.connections = [{ node: '2', output: 'input_1' }];
  graph['2'].inputs.input_1.connections = [{ node: '1', input: 'output_1' }];
  const saved = await l.call('POST', `/workflows/edit/${workflow.id}`, {
    Workflow: { data: JSON.stringify(graph) },
  });
  expect(saved.status).toBe(200);
  return l;
}

async function attribute(l: Lab, eventTag: string | null, attributeTag: string | null): Promise<Json> {
  const event = await l.addEvent({ distribution: '1' });
  if (eventTag) await l.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: eventTag });
  const added = (await l.call('POST', `/attributes/add/${event.id}`, { type: 'ip-dst', value: '192.0.2.44' }))
    .body.Attribute as Json;
  if (attributeTag) await l.call('POST', '/tags/attachTagToObject', { uuid: added.uuid, tag: attributeTag });
  return added;
}

describe('enrichment-before-query with the PAP:RED and tlp:red blueprint', () => {
  it('never sends a tlp:red attribute to the third party, and logs why', async () => {
    lab = await guardedLab();
    const red = await attribute(lab, null, 'tlp:red');
    const answer = await lab.call('POST', `/events/queryEnrichment/${red.id}/lab_lookup`);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe('Trigger `enrichment-before-query` blocked enrichment');
    expect(received).toEqual([]);
    const log = lab.server.services.logs.list(
      { model: 'Workflow', action: 'execute_workflow' },
      { order: 'asc' },
    );
    expect(log.map((row) => row.title)).toContain(
      `The workflow \`enrichment-before-query\` prevented attribute \`${red.uuid}\` (from event \`${red.event_id}\`) to query the module \`lab_lookup\``,
    );
  });

  it('also stops an attribute that only inherits PAP:RED from its event', async () => {
    lab = await guardedLab();
    const inherited = await attribute(lab, 'PAP:RED', null);
    expect((await lab.call('POST', `/events/queryEnrichment/${inherited.id}/lab_lookup`)).status).toBe(403);
    expect(received).toEqual([]);
  });

  it('lets an unmarked attribute reach the third party', async () => {
    lab = await guardedLab();
    const clear = await attribute(lab, 'tlp:green', null);
    const answer = await lab.call('POST', `/events/queryEnrichment/${clear.id}/lab_lookup`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ results: [{ types: ['text'], values: ['known bad'] }] });
    expect(received).toEqual([
      { module: 'lab_lookup', attribute: { uuid: clear.uuid, type: 'ip-dst', value: '192.0.2.44' } },
    ]);
  });

  it('refuses while enrichment is off or the module is unknown', async () => {
    lab = await startWorkflowLab();
    const clear = await attribute(lab, null, null);
    const off = await lab.call('POST', `/events/queryEnrichment/${clear.id}/lab_lookup`);
    expect(off.status).toBe(403);
    expect(off.body.message).toBe('Enrichment services are not enabled.');
    await lab.call('POST', '/servers/serverSettingsEdit/Plugin.Enrichment_services_enable', { value: true });
    expect((await lab.call('POST', `/events/queryEnrichment/${clear.id}/nope`)).status).toBe(404);
    expect(received).toEqual([]);
  });
});
