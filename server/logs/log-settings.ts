/**
 * Settings of request logging (paranoid logging, user IPs), registered here by the access
 * monitor that reads them. Wording, levels, tests and defaults as MISP 2.5.1's
 * Server::generateServerSettings has them.
 */
import type { SettingDefinition } from '../settings/definitions.ts';
import { flagSetting } from '../settings/flag-setting.ts';

const flag = (
  name: string,
  description: string,
  test: SettingDefinition['test'] = 'testBool',
  level: 0 | 1 = 0,
): SettingDefinition => flagSetting(name, description, { level, test, null: true });

export const LOG_SETTINGS: readonly SettingDefinition[] = [
  flag(
    'MISP.log_paranoid',
    'If this functionality is enabled all page requests will be logged. Keep in mind this is extremely verbose and will become a burden to your database.',
    'testBoolFalse',
  ),
  flag(
    'MISP.log_paranoid_api',
    'If this functionality is enabled all API requests will be logged.',
    'testBoolFalse',
  ),
  flag(
    'MISP.log_paranoid_skip_db',
    'You can decide to skip the logging of the paranoid logs to the database. Logs will be just published to ZMQ or Kafka.',
    'testParanoidSkipDb',
  ),
  flag(
    'MISP.log_paranoid_include_post_body',
    'If paranoid logging is enabled, include the POST body in the entries.',
  ),
  flag(
    'MISP.log_user_ips',
    'Log user IPs on each request. 30 day retention for lookups by IP to get the last authenticated user ID for the given IP, whilst on the reverse, indefinitely stores all associated IPs for a user ID.',
  ),
  flag(
    'MISP.log_user_ips_authkeys',
    'Log user IP and key usage on each API request. All logs for given keys are deleted after one year when this key is not used.',
    'testBool',
    1,
  ),
];
