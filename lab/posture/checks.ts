/**
 * The read-only posture controls over PostureData (posture-data.ts): pure functions, one per
 * control, each answering one precise finding per gap ("2 active users without TOTP: …"), so a
 * Gherkin step, a report or a trainer's board can state what is wrong and where.
 */
import type { PostureData, UserPosture } from './posture-data.ts';

export interface PostureResult {
  control: string;
  /** Each gap, in words an auditor can sign; empty when the control holds. */
  findings: string[];
  /** What was checked and what could not be (e.g. a probe skipped and why). */
  notes: string[];
}

export const passed = (result: PostureResult): boolean => result.findings.length === 0;

/** MISP's defaults for its brute-force guard (Bruteforce model: 5 failures, 300 seconds). */
export const BRUTEFORCE_DEFAULTS = { amount: 5, expire: 300 };

/** The key age an audit accepts unless told otherwise (MISP_POSTURE_MAX_KEY_AGE_DAYS). */
export const DEFAULT_MAX_KEY_AGE_DAYS = 365;

const on = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

function date(unixSeconds: number): string {
  return unixSeconds > 0
    ? new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
    : 'never';
}

export function otpMandatory(data: PostureData): PostureResult {
  const findings: string[] = [];
  if (!on(data.settings['Security.otp_required']))
    findings.push(
      `Security.otp_required is ${String(data.settings['Security.otp_required'])}: OTP is not mandatory`,
    );
  if (on(data.settings['Security.otp_disabled']))
    findings.push('Security.otp_disabled is true: MISP ignores every second factor');
  return { control: 'MISP-POSTURE-001', findings, notes: [] };
}

/** Site admins first, then org admins, then everyone else; by email within each. */
function adminsFirst(a: UserPosture, b: UserPosture): number {
  const rank = (u: UserPosture) => (u.siteAdmin ? 0 : u.orgAdmin ? 1 : 2);
  return rank(a) - rank(b) || a.email.localeCompare(b.email);
}

export function everyUserHasTotp(data: PostureData): PostureResult {
  const without = data.activeUsers.filter((u) => !u.totpSet).sort(adminsFirst);
  const notes = [`${data.activeUsers.length} active users read, ${without.length} without TOTP`];
  if (without.length === 0) return { control: 'MISP-POSTURE-002', findings: [], notes };
  const list = without
    .map(
      (u) =>
        `${u.email} (${u.role}${u.siteAdmin ? ', site admin' : u.orgAdmin ? ', org admin' : ''}, last login ${date(u.lastLogin)})`,
    )
    .join(', ');
  const noun = without.length === 1 ? 'active user' : 'active users';
  return {
    control: 'MISP-POSTURE-002',
    findings: [`${without.length} ${noun} without TOTP: ${list}`],
    notes,
  };
}

export function bruteForceAtDefaults(data: PostureData): PostureResult {
  const findings: string[] = [];
  const amount = Number(data.settings['SecureAuth.amount'] ?? BRUTEFORCE_DEFAULTS.amount);
  const expire = Number(data.settings['SecureAuth.expire'] ?? BRUTEFORCE_DEFAULTS.expire);
  if (!(amount >= 1 && amount <= BRUTEFORCE_DEFAULTS.amount))
    findings.push(
      `SecureAuth.amount is ${amount}: more failed logins than MISP's default of ${BRUTEFORCE_DEFAULTS.amount} before the lockout`,
    );
  if (!(expire >= BRUTEFORCE_DEFAULTS.expire))
    findings.push(
      `SecureAuth.expire is ${expire} s: a shorter lockout than MISP's default of ${BRUTEFORCE_DEFAULTS.expire} s`,
    );
  return {
    control: 'MISP-POSTURE-003',
    findings,
    notes: [`SecureAuth.amount ${amount}, SecureAuth.expire ${expire} s`],
  };
}

export function authKeysRestricted(data: PostureData, maxAgeDays = DEFAULT_MAX_KEY_AGE_DAYS): PostureResult {
  const findings: string[] = [];
  if (!on(data.settings['Security.advanced_authkeys']))
    findings.push('Security.advanced_authkeys is off: keys are stored in clear and cannot expire');
  const live = data.authKeys.filter((k) => k.expiration === 0 || k.expiration > data.readAt);
  const forever = live.filter((k) => k.expiration === 0);
  if (forever.length > 0)
    findings.push(
      `${forever.length} auth ${forever.length === 1 ? 'key never expires' : 'keys never expire'}: ${forever.map((k) => `#${k.id} of ${k.owner} (created ${date(k.created)})`).join(', ')}`,
    );
  const limit = data.readAt - maxAgeDays * 86_400;
  const old = live.filter((k) => k.created > 0 && k.created < limit);
  if (old.length > 0)
    findings.push(
      `${old.length} usable auth ${old.length === 1 ? 'key is' : 'keys are'} older than ${maxAgeDays} days: ${old.map((k) => `#${k.id} of ${k.owner} (created ${date(k.created)})`).join(', ')}`,
    );
  return {
    control: 'MISP-POSTURE-004',
    findings,
    notes: [
      `${data.authKeys.length} auth keys listed, ${live.length} usable; policy: at most ${maxAgeDays} days old`,
    ],
  };
}

/** MISP's `cake Admin securityAudit` items that its settings API shows, with the value it wants. */
export const AUDITED_SETTINGS: ReadonlyArray<{ name: string; want: true; why: string }> = [
  { name: 'Security.alert_on_suspicious_logins', want: true, why: 'no alert on suspicious logins' },
  { name: 'Security.disable_browser_cache', want: true, why: 'browsers cache sensitive pages' },
  {
    name: 'Security.check_sec_fetch_site_header',
    want: true,
    why: 'Sec-Fetch headers are not checked (CSRF)',
  },
  { name: 'Security.csp_enforce', want: true, why: 'the content security policy is only reported' },
  { name: 'Security.do_not_log_authkeys', want: true, why: 'auth keys can reach the audit log in clear' },
  { name: 'MISP.log_client_ip', want: true, why: 'the audit log has no client IP' },
  { name: 'MISP.log_user_ips', want: true, why: 'user IPs are not kept' },
];

/** What securityAudit checks that no API shows: the audit says so instead of guessing. */
export const AUDIT_ITEMS_NOT_ON_THE_API =
  'file permissions of config files, Redis and database passwords, Security.encryption_key (shown as ***** whether set or not), GnuPG key password, PHP session settings: run `cake Admin securityAudit` on the host';

export function securityAuditOverApi(data: PostureData): PostureResult {
  const findings = AUDITED_SETTINGS.filter((s) => !on(data.settings[s.name])).map(
    (s) => `${s.name} is ${String(data.settings[s.name] ?? 'not set')}: ${s.why}`,
  );
  const length = Number(data.settings['Security.password_policy_length'] ?? 0);
  if (!(length >= 12)) findings.push(`Security.password_policy_length is ${length}: shorter than 12`);
  return {
    control: 'MISP-POSTURE-008',
    findings,
    notes: [`not readable over the API: ${AUDIT_ITEMS_NOT_ON_THE_API}`],
  };
}

/** Background workers MISP's workflows and mails need (serverSettings' workers: queue → ok). */
const WORKER_QUEUES = ['default', 'prio', 'email'];

export function workflowPrerequisites(data: PostureData): PostureResult {
  const findings: string[] = [];
  for (const name of ['Plugin.Workflow_enable', 'MISP.background_jobs', 'Plugin.Action_services_enable'])
    if (!on(data.settings[name])) findings.push(`${name} is off`);
  if (on(data.settings['MISP.background_jobs'])) {
    const down = WORKER_QUEUES.filter((q) => {
      const queue = data.workers[q];
      return !queue || queue.ok !== true || !(queue.workers ?? []).some((w) => w.alive === true);
    });
    if (down.length > 0)
      findings.push(`no live background worker on the queue${down.length > 1 ? 's' : ''} ${down.join(', ')}`);
  }
  if (!data.triggers) findings.push('MISP refuses its workflow pages ("Could not access Workflow system")');
  else if (!data.modules?.some((m) => m.id === 'mattermost'))
    findings.push(
      `misp-modules is not reachable at ${String(data.settings['Plugin.Action_services_url'])}:${String(data.settings['Plugin.Action_services_port'])}: MISP lists no "mattermost" workflow module`,
    );
  return { control: 'MISP-POSTURE-007', findings, notes: [] };
}
