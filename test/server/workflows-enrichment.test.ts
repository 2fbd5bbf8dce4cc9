/**
 * The enrichment guard: with the shipped "PAP:RED and tlp:red Blocking" blueprint behind the
 * enrichment-before-query trigger, a tlp:red attribute (own or inherited tag) never reaches the
 * third-party service, and an unmarked one does. The module is misp-modules' hashlookup, pointed at
 * a real local HTTP server (its custom_API) that counts what it receives. Answers are real MISP
 * 2.5.1's: a browser gets "Enrichment Results" (200) or the internal-error page (500, blocked); REST
 * gets 500 once the module was asked, and 405 before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MispWebSession } from '../../lab/clients/misp-web-session.ts';
import { PASSWORD } from './support/lab-server.ts';
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
      received.push({ method: req.method, path: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'SHA-1': 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', source: 'test' }));
    });
  });
  await new Promise<void>((resolve) => thirdParty!.listen(0, '127.0.0.1', resolve));
  thirdPartyUrl = `http://127.0.0.1:${(thirdParty.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await lab?.server.stop();
  await new Promise<void>((resolve) => thirdParty?.close(() => resolve()));
  lab = undefined;
});

async function guardedLab(): Promise<Lab> {
  const l = await startWorkflowLab({
    admin: { password: PASSWORD },
    triggers: ['enrichment-before-query'],
    extraSettings: {
      'Plugin.Enrichment_services_enable': true,
      'Plugin.Enrichment_hashlookup_enabled': true,
      'Plugin.Enrichment_hashlookup_custom_API': thirdPartyUrl,
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

const MD5 = '5d41402abc4b2a76b9719d911017c592';

async function browserEnrich(l: Lab, attributeId: unknown): Promise<{ status: number; body: string }> {
  const session = await MispWebSession.logIn(
    { baseUrl: l.server.getUrl() },
    l.server.getAdmin().email,
    PASSWORD,
  );
  try {
    return await session.get(`/events/queryEnrichment/${String(attributeId)}/hashlookup/Enrichment`);
  } finally {
    await session.close();
  }
}

async function attribute(l: Lab, eventTag: string | null, attributeTag: string | null): Promise<Json> {
  const event = await l.addEvent({ distribution: '1' });
  if (eventTag) await l.call('POST', '/tags/attachTagToObject', { uuid: event.uuid, tag: eventTag });
  const added = (await l.call('POST', `/attributes/add/${event.id}`, { type: 'md5', value: MD5 })).body
    .Attribute as Json;
  if (attributeTag) await l.call('POST', '/tags/attachTagToObject', { uuid: added.uuid, tag: attributeTag });
  return added;
}

describe('enrichment-before-query with the PAP:RED and tlp:red blueprint', () => {
  it('never sends a tlp:red attribute to the third party, and logs why', async () => {
    lab = await guardedLab();
    const red = await attribute(lab, null, 'tlp:red');
    const page = await browserEnrich(lab, red.id);
    expect(page.status).toBe(500);
    expect(page.body).toContain('An Internal Error Has Occurred.');
    expect((await lab.call('POST', `/events/queryEnrichment/${red.id}/hashlookup`)).status).toBe(500);
    expect(received).toEqual([]);
    const log = lab.server.services.logs.list(
      { model: 'Workflow', action: 'execute_workflow' },
      { order: 'asc' },
    );
    expect(log.map((row) => row.title)).toContain(
      `The workflow \`enrichment-before-query\` prevented attribute \`${red.id}\` (from event \`${red.event_id}\`) to query the module \`hashlookup\``,
    );
  });

  it('also stops an attribute that only inherits PAP:RED from its event', async () => {
    lab = await guardedLab();
    const inherited = await attribute(lab, 'PAP:RED', null);
    expect((await browserEnrich(lab, inherited.id)).status).toBe(500);
    expect(received).toEqual([]);
  });

  it("lets an unmarked attribute reach the third party, as misp-modules' hashlookup asks it", async () => {
    lab = await guardedLab();
    const clear = await attribute(lab, 'tlp:green', null);
    const page = await browserEnrich(lab, clear.id);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Enrichment Results - MISP</title>');
    expect(page.body).toContain('DA39A3EE5E6B4B0D3255BFEF95601890AFD80709');
    // Over REST MISP 2.5.1 asks the module, then fails for want of a JSON view.
    expect((await lab.call('POST', `/events/queryEnrichment/${clear.id}/hashlookup`)).status).toBe(500);
    expect(received).toEqual([
      { method: 'GET', path: `//lookup/md5/${MD5}`, body: '' },
      { method: 'GET', path: `//lookup/md5/${MD5}`, body: '' },
    ]);
  });

  it('refuses with 405 while enrichment is off, and asks nobody for an unknown module', async () => {
    lab = await startWorkflowLab();
    const clear = await attribute(lab, null, null);
    const off = await lab.call('POST', `/events/queryEnrichment/${clear.id}/hashlookup`);
    expect(off.status).toBe(405);
    expect(off.body.message).toBe('Enrichment services are not enabled.');
    await lab.call('POST', '/servers/serverSettingsEdit/Plugin.Enrichment_services_enable', { value: true });
    const none = await lab.call('POST', `/events/queryEnrichment/${clear.id}/hashlookup`);
    expect(none.status).toBe(405);
    expect(none.body.message).toBe('No valid Enrichment options found for this attribute.');
    expect(received).toEqual([]);
  });
});
