/**
 * The enrichment modules' own settings (MISP's Plugin.Enrichment_<module>_<param>), which exist
 * only while Plugin.Enrichment_services_enable is on, as MISP lists them only when misp-modules
 * answers. Names, levels, tests and texts are real MISP 2.5.1's for misp-modules' hashlookup.
 */
import type { SettingDefinition } from '../settings/definitions.ts';

export const ENRICHMENT_MODULE_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'Plugin.Enrichment_hashlookup_enabled',
    level: 1,
    description:
      '[<span class="bold">Enable or disable the hashlookup module.</span>] An expansion module to query the CIRCL hashlookup services to find it if a hash is part of a known set such as NSRL.',
    value: false,
    type: 'boolean',
    test: 'testBool',
  },
  {
    name: 'Plugin.Enrichment_hashlookup_custom_API',
    level: 1,
    description: 'Set this required module specific setting.',
    value: '',
    type: 'string',
    test: 'testForEmpty',
  },
];

export function enrichmentSettingDefinition(name: string): SettingDefinition | undefined {
  return ENRICHMENT_MODULE_SETTINGS.find((definition) => definition.name === name);
}
