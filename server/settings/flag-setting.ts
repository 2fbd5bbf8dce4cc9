/** The shape most of MISP's switches share: a boolean, off by default, checked with testBool. */
import type { SettingDefinition } from './definitions.ts';

export function flagSetting(
  name: string,
  description: string,
  extra: Partial<SettingDefinition> = {},
): SettingDefinition {
  return { name, level: 2, description, value: false, type: 'boolean', test: 'testBool', ...extra };
}
