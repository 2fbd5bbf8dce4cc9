/**
 * The enrichment modules' own settings (MISP's Plugin.Enrichment_<module>_<param>), which exist
 * only while Plugin.Enrichment_services_enable is on, as MISP lists them only when misp-modules
 * answers. `lab_lookup` is the lab's one enrichment module: it asks a configurable third party.
 */
import type { SettingDefinition } from '../settings/definitions.ts';

export const ENRICHMENT_MODULE_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'Plugin.Enrichment_lab_lookup_enabled',
    level: 1,
    description: 'Enable or disable the lab_lookup module.',
    value: false,
    type: 'boolean',
    test: 'testBool',
  },
  {
    name: 'Plugin.Enrichment_lab_lookup_url',
    level: 2,
    description: 'The third-party URL lab_lookup sends the attribute to (POST, JSON).',
    value: '',
    type: 'string',
  },
];

export function enrichmentSettingDefinition(name: string): SettingDefinition | undefined {
  return ENRICHMENT_MODULE_SETTINGS.find((definition) => definition.name === name);
}
