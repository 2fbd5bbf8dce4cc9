/**
 * The enrichment guard (spec §3.4, §3.12): the "PAP:RED and tlp:red Blocking" blueprint on the
 * blocking trigger enrichment-before-query keeps a tlp:red attribute from being sent to an
 * enrichment service; an unmarked attribute is sent. The service is the lab's third party.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { ThirdPartyService } from '../../support/third-party.ts';
import {
  attachTag,
  flattenedAttributes,
  viewEvent,
  type EventAttribute,
  type EventJson,
} from '../events/seed-events.ts';
import { blueprintNamed, placeOnTrigger } from './blueprints.ts';
import { triggerNodeOf } from './graph.ts';
import { installGraph } from './install.ts';
import { logIds, newLogs } from './logs.ts';
import { changeSetting } from './settings.ts';
import { workflowForTrigger } from './workflow-store.ts';

async function startThirdParty(world: LabWorld): Promise<ThirdPartyService> {
  const service = await ThirdPartyService.start();
  world.thirdParty = service;
  return service;
}

function thirdParty(world: LabWorld): ThirdPartyService {
  const service = world.thirdParty;
  if (!service) throw new Error('the third-party service was not started in this scenario');
  return service;
}

export async function stopThirdParty(world: LabWorld): Promise<void> {
  const service = world.thirdParty;
  world.thirdParty = undefined;
  await service?.stop();
}

export const ENRICHMENT_SERVICES = 'Plugin.Enrichment_services_enable';

/**
 * Points misp-modules' hashlookup at the third party (its custom_API setting). A MISP whose
 * misp-modules lacks the module has no such setting: the scenario is then skipped with the
 * reason rather than failed.
 */
export async function useThirdPartyForEnrichment(
  world: LabWorld,
  moduleName: string,
): Promise<'skipped' | undefined> {
  await changeSetting(world, ENRICHMENT_SERVICES, true);
  const urlSetting = `Plugin.Enrichment_${moduleName}_custom_API`;
  const probe = await world.siteAdmin.misp.getSetting(urlSetting);
  if (probe.status !== 200) {
    world.attach(
      `SKIPPED[no-enrichment-module]: this MISP has no enrichment module "${moduleName}" with a configurable URL (${urlSetting} answered HTTP ${probe.status}). ` +
        'Run a misp-modules expansion module that calls the third party, or use the embedded or containers target.',
      'text/plain',
    );
    return 'skipped';
  }
  const service = await startThirdParty(world);
  await changeSetting(world, `Plugin.Enrichment_${moduleName}_enabled`, true);
  await changeSetting(world, urlSetting, service.url);
  return undefined;
}

/** The blueprint placed on its trigger, as dragging it into the editor does. */
export async function installBlueprint(
  world: LabWorld,
  name: string,
  fixture: string,
  triggerId: string,
): Promise<void> {
  const nodes = await blueprintNamed(world, name, fixture);
  const current = await workflowForTrigger(world, triggerId);
  await installGraph(world, placeOnTrigger(triggerNodeOf(current.data), nodes), name);
}

function attributeByValue(event: EventJson, value: string): EventAttribute {
  const attribute = flattenedAttributes(event).find((a) => a.value === value);
  assert.ok(attribute, `the event has no attribute "${value}"`);
  return attribute;
}

export async function tagAttribute(world: LabWorld, value: string, tag: string): Promise<void> {
  await attachTag(world, attributeByValue(await viewEvent(world), value).uuid, tag);
}

export interface EnrichmentAttempt {
  value: string;
  attributeId: string;
  status: number;
  page: string;
  logsBefore: Set<string>;
}

export const RESULTS_TITLE = 'Enrichment Results';

/**
 * The analyst's "Enrich" on one attribute, from MISP's pages: the site admin's web session opens
 * the enrichment page of the attribute and module. (Over REST MISP 2.5.1 answers HTTP 500
 * whether the query was blocked or not: it has no JSON view for the results.)
 */
export async function enrich(world: LabWorld, value: string, moduleName: string): Promise<void> {
  const attribute = attributeByValue(await viewEvent(world), value);
  const logsBefore = await logIds(world, { model: 'Workflow', action: 'execute_workflow' });
  const answer = await (await world.siteAdmin.webSession()).queryEnrichment(String(attribute.id), moduleName);
  world.enrichmentAttempt = {
    value,
    attributeId: String(attribute.id),
    status: answer.status,
    page: answer.body,
    logsBefore,
  };
}

function lastEnrichment(world: LabWorld): EnrichmentAttempt {
  const attempt = world.enrichmentAttempt;
  assert.ok(attempt, 'no attribute was enriched in this scenario');
  return attempt;
}

export async function expectEnrichmentBlocked(world: LabWorld): Promise<void> {
  const attempt = lastEnrichment(world);
  // MISP turns the trigger's "blocked enrichment" into an internal error page.
  assert.equal(attempt.status, 500, `the enrichment was not refused: HTTP ${attempt.status}`);
  assert.ok(!attempt.page.includes(`<title>${RESULTS_TITLE}`), 'MISP shows enrichment results');
  const lines = await newLogs(world, { model: 'Workflow', action: 'execute_workflow' }, attempt.logsBefore);
  const prevented = lines.find((line) =>
    line.title.includes(`prevented attribute \`${attempt.attributeId}\``),
  );
  assert.ok(
    prevented,
    `no log line says the workflow prevented the query (new lines: ${JSON.stringify(lines.map((l) => l.title))})`,
  );
  world.attach(JSON.stringify({ status: attempt.status, log: prevented }, null, 2), {
    mediaType: 'application/json',
    fileName: 'enrichment-blocked.json',
  });
}

export function expectEnrichmentAnswered(world: LabWorld): void {
  const attempt = lastEnrichment(world);
  assert.equal(attempt.status, 200, `the enrichment failed: HTTP ${attempt.status}`);
  assert.ok(attempt.page.includes(`<title>${RESULTS_TITLE}`), `MISP does not show "${RESULTS_TITLE}"`);
}

/** What the third party received, as evidence, whether or not the value is among it. */
export function expectThirdPartySaw(world: LabWorld, value: string, seen: boolean): void {
  const service = thirdParty(world);
  world.attach(JSON.stringify(service.received, null, 2), {
    mediaType: 'application/json',
    fileName: 'third-party-requests.json',
  });
  const mentioning = service.requestsMentioning(value);
  if (seen) assert.ok(mentioning.length > 0, `the third party never received "${value}"`);
  else assert.deepEqual(mentioning, [], `"${value}" reached the third party`);
}
