/**
 * Settings of sharing groups, registered here by the feature that reads them. Wording, level and
 * default as MISP 2.5.1's Server::generateServerSettings has them.
 */
import type { SettingDefinition } from '../settings/definitions.ts';
import { flagSetting } from '../settings/flag-setting.ts';

export const HIDE_ORGS_IN_SHARING_GROUPS = 'Security.hide_organisations_in_sharing_groups';

export const SHARING_GROUP_SETTINGS: readonly SettingDefinition[] = [
  flagSetting(
    HIDE_ORGS_IN_SHARING_GROUPS,
    'Enabling this setting will block the organisation list from being visible in sharing group besides user with sharing group permission.',
    { level: 1, null: true },
  ),
];
