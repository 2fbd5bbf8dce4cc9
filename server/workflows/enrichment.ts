/**
 * A minimal enrichment path (MISP's Module::queryModuleServer for the Enrichment family) with one
 * module of misp-modules: `hashlookup` (v2.4.198), which asks a hashlookup service
 * (Plugin.Enrichment_hashlookup_custom_API, by default CIRCL's) about an md5, sha1 or sha256. It
 * is the module the workshop's enrichment guard is proven with on a real MISP too. Before any
 * query the blocking enrichment-before-query trigger sees the attribute (all its tags) plus
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
  /** Sends the attribute out; resolves the module's `{results}` or throws its error message. */
  query(attribute: AttributeRow, services: ServerServices): Promise<unknown>;
}

const HASHLOOKUP_DEFAULT_API = 'https://hashlookup.circl.lu/';
const HASH_TYPES = ['md5', 'sha1', 'sha256'];

/** misp-modules' hashlookup: GET <api>/lookup/<type>/<hash>, its errors word for word. */
const hashlookup: EnrichmentModule = {
  name: 'hashlookup',
  description:
    'An expansion module to query the CIRCL hashlookup services to find it if a hash is part of a known set such as NSRL.',
  async query(attribute, services) {
    if (!HASH_TYPES.includes(attribute.type)) throw new Error('md5 or sha1 or sha256 is missing.');
    const configured = services.settings.string('Plugin.Enrichment_hashlookup_custom_API');
    // The module's check_url appends "/" and its format string another: MISP really asks "//lookup".
    const api =
      configured === '' ? HASHLOOKUP_DEFAULT_API : configured.endsWith('/') ? configured : `${configured}/`;
    const response = await sendRequest({
      url: `${api}/lookup/${attribute.type}/${attribute.value1}`,
      method: 'GET',
      headers: { Accept: 'application/json' },
    });
    if (response.status === 404) throw new Error('Non existing hash');
    if (response.status !== 200) throw new Error('API not accessible');
    let found: unknown;
    try {
      found = JSON.parse(response.body);
    } catch {
      throw new Error('API not accessible');
    }
    if (!found || typeof found !== 'object' || Object.keys(found).length === 0)
      throw new Error('Empty result');
    return {
      results: {
        Object: [{ name: 'hashlookup', Attribute: hashlookupAttributes(found as Record<string, unknown>) }],
      },
    };
  },
};

const HASHLOOKUP_FIELDS: Array<[string, string]> = [
  ['source', 'text'],
  ['KnownMalicious', 'text'],
  ['MD5', 'md5'],
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
  ['SSDEEP', 'ssdeep'],
  ['TLSH', 'tlsh'],
  ['FileName', 'filename'],
  ['FileSize', 'size-in-bytes'],
];

function hashlookupAttributes(found: Record<string, unknown>): Array<Record<string, string>> {
  return HASHLOOKUP_FIELDS.filter(([field]) => found[field] !== undefined).map(([field, type]) => ({
    object_relation: field,
    type,
    value: String(found[field]),
  }));
}

export const ENRICHMENT_MODULES: readonly EnrichmentModule[] = [hashlookup];

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
      // Real MISP 2.5.1 names the attribute by its id here (Module.php reads Attribute.id), not its uuid.
      title: `The workflow \`enrichment-before-query\` prevented attribute \`${attribute.id}\` (from event \`${attribute.event_id}\`) to query the module \`${module.name}\``,
      model: 'Workflow',
      action: 'execute_workflow',
      change: `Returned message: ${outcome.errors.join(', ')}`,
    });
    return { kind: 'blocked', message: ENRICHMENT_BLOCKED, errors: outcome.errors };
  }
  try {
    return { kind: 'results', module: module.name, results: await module.query(attribute, services) };
  } catch (error) {
    return { kind: 'failed', message: (error as Error).message };
  }
}
