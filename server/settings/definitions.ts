/**
 * The settings the reference server knows, shaped as MISP's getSetting answers them
 * (app/Model/Server.php::generateServerSettings). Only the settings this lab's features touch;
 * an unknown name is refused exactly as MISP refuses it.
 */
import { USER_MANAGEMENT_SETTINGS } from '../users/user-settings.ts';
import { AUTH_SETTINGS } from '../auth/auth-settings.ts';
import { LOG_SETTINGS } from '../logs/log-settings.ts';
import { EVENT_SETTINGS } from '../events/event-settings.ts';
import { SHARING_GROUP_SETTINGS } from '../sharing-groups/sharing-group-settings.ts';
import { SIGHTING_SETTINGS } from '../events/sighting-policy.ts';
import { AUDIT_SETTINGS } from './audit-settings.ts';

export type SettingType = 'boolean' | 'numeric' | 'string';
export type SettingValue = boolean | number | string | null;

export interface SettingDefinition {
  name: string;
  level: 0 | 1 | 2 | 3;
  description: string;
  value: SettingValue;
  type: SettingType;
  test?:
    | 'testBool'
    | 'testBoolFalse'
    | 'testForNumeric'
    | 'testForEmpty'
    | 'testBaseURL'
    | 'testForStyling'
    | 'testParanoidSkipDb';
  null?: boolean;
  beforeHook?: string;
  afterHook?: string;
  options?: Record<string, string>;
  bigField?: boolean;
  redacted?: boolean;
  cli_only?: boolean;
}

const bool = (name: string, value: boolean, description: string, extra: Partial<SettingDefinition> = {}) =>
  ({ name, level: 2, description, value, type: 'boolean', test: 'testBool', ...extra }) as SettingDefinition;
const num = (name: string, value: number, description: string, extra: Partial<SettingDefinition> = {}) =>
  ({
    name,
    level: 2,
    description,
    value,
    type: 'numeric',
    test: 'testForNumeric',
    ...extra,
  }) as SettingDefinition;
const str = (name: string, value: string, description: string, extra: Partial<SettingDefinition> = {}) =>
  ({ name, level: 2, description, value, type: 'string', ...extra }) as SettingDefinition;

export const STATIC_SETTINGS: readonly SettingDefinition[] = [
  num('debug', 0, 'The debug level of the instance, always use 0 for production instances.', { level: 0 }),
  str('MISP.baseurl', '', 'The base url of the application (in the format https://www.mymispinstance.com).', {
    level: 0,
    test: 'testBaseURL',
  }),
  str(
    'MISP.org',
    'ORGNAME',
    'The organisation tag of the hosting organisation. This is used in the e-mail subjects.',
    {
      level: 1,
      test: 'testForEmpty',
    },
  ),
  num('MISP.host_org_id', 1, 'The hosting organisation of this instance.', { level: 0 }),
  str('MISP.email', 'root@localhost', 'The e-mail address that MISP should use for all notifications.', {
    level: 0,
    test: 'testForEmpty',
  }),
  bool('MISP.background_jobs', true, "Enables the use of MISP's background processing.", { level: 1 }),
  bool('MISP.disable_emailing', false, 'You can disable all e-mailing using this setting.', { level: 0 }),
  bool('MISP.live', true, 'Unless set to true, the instance will only be accessible by site admins.', {
    level: 0,
  }),
  num('MISP.default_event_distribution', 1, 'The default distribution setting for events (0-3).', {
    level: 0,
    options: {
      '0': 'Your organisation only',
      '1': 'This community only',
      '2': 'Connected communities',
      '3': 'All communities',
    },
  }),
  num('MISP.default_event_threat_level', 4, 'The default threat level setting when creating events.', {
    level: 1,
    options: { '1': 'High', '2': 'Medium', '3': 'Low', '4': 'undefined' },
  }),
  bool('MISP.block_publishing_for_same_creator', false, 'Enforce the four-eyes principle for publishing.', {
    level: 1,
  }),
  bool('MISP.log_new_audit', false, 'Enable new audit log system.', { level: 1 }),
  num(
    'MISP.max_correlations_per_event',
    5000,
    'Sets the maximum number of correlations that can be fetched with a single event. For extreme edge cases this can prevent memory issues. The default value is 5k.',
    { level: 1, null: true },
  ),
  bool('Security.otp_disabled', false, 'Disable the built-in TOTP two-factor authentication.'),
  bool(
    'Security.otp_required',
    false,
    'Require authentication with OTP. Users that do not have (T/H)OTP configured will be forced to create a token at first login. You cannot use it in combination with external authentication plugins.',
    { beforeHook: 'otpBeforeHook', null: true },
  ),
  str(
    'Security.otp_issuer',
    '',
    'If OTP is enabled, set the issuer string to an arbitrary value. Otherwise, MISP will default to "[MISP.org] MISP".',
    {
      test: 'testForEmpty',
      null: true,
    },
  ),
  bool(
    'Security.email_otp_enabled',
    false,
    'Enable two step authentication with a OTP sent by email. Requires e-mailing to be enabled.',
    {
      beforeHook: 'email_otpBeforeHook',
      null: true,
    },
  ),
  num('Security.email_otp_length', 6, 'Define the length of the OTP code sent by email.', { null: true }),
  num('Security.email_otp_validity', 5, 'Define the validity (in minutes) of the OTP code sent by email.', {
    null: true,
  }),
  str(
    'Security.email_otp_text',
    '',
    'The text sent with the email OTP; variables: $otp, $username, $org, $misp, $contact, $ip, $validity.',
    {
      bigField: true,
      null: true,
    },
  ),
  str(
    'Security.email_otp_exceptions',
    '',
    'A comma separated list of emails for which the OTP is disabled.',
    {
      bigField: true,
      null: true,
    },
  ),
  bool(
    'Security.rest_client_enable_arbitrary_urls',
    false,
    'Enable this setting if you wish for users to be able to query any arbitrary URL via the rest client or other means.',
    // Real MISP 2.5.1: serverSettingsEdit answers 405 "This setting can only be edited via the CLI."
    { level: 0, cli_only: true },
  ),
  // MISP 2.5.1's own fallback (Server.php) is false, but every install starts from
  // config.default.php, which sets it true; the CI instance (build.sh leaves it alone) has it true.
  bool(
    'Security.advanced_authkeys',
    true,
    'Advanced authkeys will allow each user to create and manage a set of authkeys for themselves.',
    { level: 0 },
  ),
  bool('LinOTPAuth.enabled', false, 'Enable / Disable LinOTP.', { level: 2 }),
  num(
    'SecureAuth.amount',
    5,
    'The number of tries a user can try to login and fail before the bruteforce protection kicks in.',
    { level: 0 },
  ),
  num(
    'SecureAuth.expire',
    300,
    'The duration (in seconds) of how long the user will be locked out when the allowed number of login attempts are exhausted.',
    { level: 0 },
  ),
  bool('Plugin.Workflow_enable', false, '[experimental] Enable/disable workflow feature. [experimental]', {
    level: 1,
  }),
  str(
    'Plugin.Workflow_debug_url',
    'http://127.0.0.1:27051',
    'Set the URL where to post events recorded in debug mode.',
    { level: 1 },
  ),
  bool('Plugin.Enrichment_services_enable', false, 'Enable/disable the enrichment services', { level: 0 }),
  str(
    'Plugin.Enrichment_services_url',
    'http://127.0.0.1',
    'The url used to access the enrichment services.',
    { level: 1 },
  ),
  num('Plugin.Enrichment_services_port', 6666, 'The port used to access the enrichment services.', {
    level: 1,
  }),
  bool('Plugin.Action_services_enable', false, 'Enable/disable the action services', { level: 0 }),
  str('Plugin.Action_services_url', 'http://127.0.0.1', 'The url used to access the action services.', {
    level: 1,
  }),
  num('Plugin.Action_services_port', 6666, 'The port used to access the action services.', { level: 1 }),
  ...USER_MANAGEMENT_SETTINGS,
  ...AUTH_SETTINGS,
  ...LOG_SETTINGS,
  ...EVENT_SETTINGS,
  ...SHARING_GROUP_SETTINGS,
  ...SIGHTING_SETTINGS,
  ...AUDIT_SETTINGS,
];

/** Trigger switches exist only while the workflow plugin is on (Server::readModuleSettings). */
export function triggerSettingDefinition(triggerId: string): SettingDefinition {
  return bool(`Plugin.Workflow_triggers_${triggerId}`, false, `Enable the workflow trigger ${triggerId}.`, {
    level: 1,
  });
}

/** The top-level branch of a name is the tab it appears on in /servers/serverSettings/<tab>. */
export function settingTab(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? 'misc' : name.slice(0, dot);
}
