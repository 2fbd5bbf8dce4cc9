/**
 * How /servers/serverSettings arranges settings (Server::serverSettingsRead): sorted by level
 * (Critical first), each with a row id `k` (its index in that order), a tab (branch, merged as
 * MISP merges GnuPG/SMIME/misc/Session/LinOTPAuth) and a sub-group ("general", or the Plugin family).
 */
import type { SettingDefinition, SettingValue } from '../../settings/definitions.ts';
import { settingTab } from '../../settings/definitions.ts';
import type { SettingsService } from '../../settings/settings-service.ts';

const TAB_MERGE_RULES: Record<string, string> = {
  GnuPG: 'Encryption',
  SMIME: 'Encryption',
  misc: 'Security',
  Security: 'Security',
  Session: 'Security',
  LinOTPAuth: 'Security',
};

/** MISP's fixed tabs first, then any other branch in order of appearance (SecureAuth). */
const FIXED_TABS = ['MISP', 'Encryption', 'Proxy', 'Security', 'Plugin', 'SimpleBackgroundJobs'];

export const PRIORITIES = ['Critical', 'Recommended', 'Optional', 'Deprecated'] as const;

export interface SettingRow {
  k: number;
  definition: SettingDefinition;
  tab: string;
  subGroup: string;
  value: SettingValue;
}

export function tabOf(name: string): string {
  const branch = settingTab(name);
  return TAB_MERGE_RULES[branch] ?? branch;
}

/** getSubGroupFromSetting in misp.js: Plugin.<Family>_x → Family, everything else "general". */
export function subGroupOf(name: string): string {
  const [branch, rest = ''] = name.split('.', 2);
  if (branch === 'Plugin' && rest.includes('_')) return rest.split('_')[0] ?? 'general';
  return 'general';
}

export function settingRows(settings: SettingsService): SettingRow[] {
  const definitions = settings.definitions();
  const sorted = [0, 1, 2, 3].flatMap((level) => definitions.filter((d) => d.level === level));
  return sorted.map((definition, k) => ({
    k,
    definition,
    tab: tabOf(definition.name),
    subGroup: subGroupOf(definition.name),
    value: settings.get(definition.name) ?? null,
  }));
}

export function tabsOf(rows: SettingRow[]): string[] {
  const present = new Set(rows.map((r) => r.tab));
  const extra = [...present].filter((t) => !FIXED_TABS.includes(t));
  return [...FIXED_TABS.filter((t) => present.has(t)), ...extra];
}

/** The cell text: booleans as true/false, option labels, ***** for redacted values. */
export function displayValue(definition: SettingDefinition, value: SettingValue): string {
  if (definition.redacted) return '*****';
  if (definition.type === 'boolean') return value === true ? 'true' : 'false';
  if (definition.options) return definition.options[String(value)] ?? '';
  return value === null ? '' : String(value);
}
