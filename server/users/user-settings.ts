/**
 * Settings of user and organisation management, registered here by the feature that reads
 * them (definitions.ts lists them with the others). Wording and defaults as MISP 2.5.1's
 * Server::generateServerSettings has them.
 */
import type { SettingDefinition } from '../settings/definitions.ts';
import { flagSetting } from '../settings/flag-setting.ts';

/** A boolean setting, off by default (also used by ../settings/audit-settings.ts). */
export const flag = (name: string, description: string, level: 0 | 1 | 2 = 2): SettingDefinition =>
  flagSetting(name, description, { level });

export const USER_MANAGEMENT_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'MISP.maintenance_message',
    level: 2,
    description: 'The message that users will see if the instance is not live.',
    value:
      'Great things are happening! MISP is undergoing maintenance, but will return shortly. You can contact the administration at $email.',
    type: 'string',
  },
  flag(
    'MISP.disable_user_add',
    'Disable the ability for organisation administrators to add users to their organisation. Site admins are unaffected.',
  ),
  flag(
    'MISP.disable_user_login_change',
    'When enabled only Site admins can change user email. This should be enabled if you manage user logins by external system.',
  ),
  flag(
    'MISP.disable_user_password_change',
    'When enabled only Site admins can change user password. This should be enabled if you manage user passwords by external system.',
  ),
  flag(
    'Security.hide_organisation_index_from_users',
    'Enabling this setting will block the organisation index from being visible to anyone besides site administrators on the current instance. Keep in mind that users can still see organisations that produce data via events, proposals, event history log entries, etc.',
    1,
  ),
];
