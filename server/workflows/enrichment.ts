/**
 * A minimal enrichment path (MISP's Module::queryModuleServer for the Enrichment family): a module
 * registry with `lab_lookup`, which sends the attribute to a configurable third-party URL. Before
 * any query the blocking enrichment-before-query trigger sees the attribute (all its tags) plus
 * `_module`; a blocked query never leaves the server and is logged as spec §3.11 says.
 */
import type { ServerServices } from '../services.ts';
import { TriggerFirer } from '../events/triggers.ts';
import type { AttributeRow } from '../events/event-repository.ts';
import { eventsOf } from '../events/module.ts';
import { sendRequest } from './outbound-http.ts';

export const ENRICHMENT_BLOCKED = 'Trigger `enrichment-before-query` blocked enrichment';

export interface EnrichmentModule {
  name: string;
  description: string;
  /** Sends the attribute out; resolves MISP's `{results}` or throws a readable Error. */
  query(attribute: AttributeRow, services: ServerServices): Promise<unknown>;
}

const labLookup: EnrichmentModule = {
  name: 'lab_lookup',
  description: 'Looks the attribute value up at a third-party service (Plugin.Enrichment_lab_lookup_url).',
  async query(attribute, services) {
    const url = services.settings.string('Plugin.Enrichment_lab_lookup_url');
    if (url === '') throw new Error('lab_lookup has no URL configured (Plugin.Enrichment_lab_lookup_url).');
    const value = attribute.value2 ? `${attribute.value1}|${attribute.value2}` : attribute.value1;
    const response = await sendRequest({
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        module: 'lab_lookup',
        attribute: { uuid: attribute.uuid, type: attribute.type, value },
      }),
    });
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`the third-party service answered HTTP ${response.status}`);
    }
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      return { results: response.body };
    }
  },
};

export const ENRICHMENT_MODULES: readonly EnrichmentModule[] = [labLookup];

export type EnrichmentResult =
  | { kind: 'results'; module: string; results: unknown }
  | { kind: 'blocked'; message: string; errors: string[] }
  | { kind: 'failed'; message: string };

/** Modules usable right now: the service switch and each module's `_enabled` setting. */
export function enabledEnrichmentModules(services: ServerServices): EnrichmentModule[] {
  if (!services.settings.bool('Plugin.Enrichment_services_enable')) return [];
  return ENRICHMENT_MODULES.filter((module) =>
    services.settings.bool(`Plugin.Enrichment_${module.name}_enabled`),
  );
}

export async function queryEnrichment(
  services: ServerServices,
  attribute: AttributeRow,
  module: EnrichmentModule,
): Promise<EnrichmentResult> {
  const { attributes } = eventsOf(services);
  const outcome = await new TriggerFirer(services).blocking(
    'enrichment-before-query',
    () => ({ Attribute: attributes.triggerJson(attribute), _module: module.name }),
    { eventId: attribute.event_id },
  );
  if (outcome && !outcome.success) {
    services.logs.write({
      title: `The workflow \`enrichment-before-query\` prevented attribute \`${attribute.uuid}\` (from event \`${attribute.event_id}\`) to query the module \`${module.name}\``,
      model: 'Workflow',
      action: 'execute_workflow',
      change: `Returned message: ${outcome.errors.join(', ')}`,
    });
    return { kind: 'blocked', message: ENRICHMENT_BLOCKED, errors: outcome.errors };
  }
  try {
    return { kind: 'results', module: module.name, results: await module.query(attribute, services) };
  } catch (error) {
    return {
      kind: 'failed',
      message: `Enrichment module \`${module.name}\` failed: ${(error as Error).message}`,
    };
  }
}
