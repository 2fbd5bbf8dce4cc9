/**
 * The settings MISP's `cake Admin securityAudit` judges and its settings API shows (the posture
 * control MISP-POSTURE-008 reads them), with MISP 2.5.1's levels, types and defaults as
 * /servers/serverSettings.json lists them. The reference server acts on three of them: the
 * password length (user saves), the browser cache and CSP enforcement (response headers,
 * server/http/security-headers.ts). The others only change what an audit reads: the reference
 * server sends no login alerts and writes no client IP into the audit log. (MISP.log_user_ips,
 * which it does honour, is registered with the request-logging settings in ../logs/log-settings.ts.)
 */
import type { SettingDefinition } from './definitions.ts';
import { flag } from '../users/user-settings.ts';

export const AUDIT_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'Security.password_policy_length',
    level: 2,
    description: 'The shortest password a user may set.',
    value: 12,
    type: 'numeric',
    test: 'testForNumeric',
  },
  flag('Security.alert_on_suspicious_logins', 'Mail a user when their account logs in from a new place.', 1),
  flag('Security.disable_browser_cache', 'Tell browsers not to cache MISP pages.', 0),
  flag('Security.check_sec_fetch_site_header', 'Refuse cross-site requests by their Sec-Fetch headers.', 0),
  flag('Security.csp_enforce', 'Enforce the content security policy instead of only reporting it.', 0),
  flag('Security.do_not_log_authkeys', 'Keep auth keys out of the audit log.', 0),
  flag('MISP.log_client_ip', "Record the client's IP address in the audit log.", 1),
];
