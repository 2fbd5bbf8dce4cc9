/**
 * Preflight of an external target, before any scenario: is the deployment fit to be checked?
 * Each problem is one line that says what to do. Every probe has a short timeout, so a dead host
 * costs seconds, not a suite of failed scenarios. Nothing here changes the target (the test mail
 * goes to the mail catcher only).
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { MispClient, type RestAnswer } from '../clients/misp-client.ts';
import { MailClient } from '../clients/mail.ts';
import type { LabEnvironment } from './lab-environment.ts';

export const MINIMUM_MISP_VERSION = '2.4.172';
/** TOTP accepts the neighbouring 30 s steps at best: beyond this, login scenarios fail at random. */
export const MAX_CLOCK_SKEW_MS = 15_000;
const PROBE_TIMEOUT_MS = 5_000;

export interface PreflightResult {
  /** One actionable line per problem; empty when the target is fit. */
  problems: string[];
  /** What was found, for the report and the console. */
  facts: Record<string, string>;
}

/**
 * `auditOnly` (the read-only posture profile): only MISP itself is checked (reachable, key,
 * version, clock). Workflow prerequisites are then findings of the audit, not a failed start, and
 * an audit needs no mail catcher or chat.
 */
export async function preflight(
  env: LabEnvironment,
  now: () => number = Date.now,
  options: { auditOnly?: boolean } = {},
): Promise<PreflightResult> {
  const problems: string[] = [];
  const facts: Record<string, string> = {};
  const misp = new MispClient({
    baseUrl: env.misp.url,
    authKey: env.misp.adminAuthKey,
    caFile: env.misp.caFile,
    insecureTls: env.misp.insecureTls,
    timeoutMs: PROBE_TIMEOUT_MS,
  });

  // 1. Reachable, the key accepted, the version, the clock: one request tells all four.
  const sentAt = now();
  let version: RestAnswer<{ version?: string }>;
  try {
    version = await misp.getVersion();
  } catch (error) {
    // Nothing else on MISP can be checked; the mail and chat probes still tell their own story.
    problems.push(unreachable(env.misp.url, error));
    await Promise.all([checkMail(env, problems), checkChat(env, problems)]);
    return { problems, facts };
  }
  const receivedAt = now();
  if (version.status === 401 || version.status === 403) {
    problems.push(
      `MISP at ${env.misp.url} refused MISP_ADMIN_AUTHKEY (HTTP ${version.status}): use a site admin's auth key ` +
        "(Administration > List Auth Keys), allowed from this machine's IP",
    );
    await Promise.all([checkMail(env, problems), checkChat(env, problems)]);
    return { problems, facts };
  }
  if (version.status !== 200 || typeof version.data?.version !== 'string') {
    problems.push(
      `${env.misp.url}/servers/getVersion answered HTTP ${version.status} without a version: is MISP_URL the MISP base URL?`,
    );
    return { problems, facts };
  }
  facts.mispVersion = version.data.version;
  if (compareVersions(version.data.version, MINIMUM_MISP_VERSION) < 0) {
    problems.push(
      `MISP ${version.data.version} is older than ${MINIMUM_MISP_VERSION}, the first release whose workflows and TOTP ` +
        'behave as the scenarios expect: upgrade MISP',
    );
  }
  checkClock(version.headers.date, sentAt, receivedAt, problems, facts);
  if (options.auditOnly) return { problems, facts };

  // 2. Settings the scenarios rely on (read only).
  const setting = async (name: string): Promise<unknown> => {
    const answer = await misp.getSetting(name);
    return answer.status === 200 ? answer.data?.value : undefined;
  };
  const [jobs, workflows, actions] = await Promise.all([
    setting('MISP.background_jobs'),
    setting('Plugin.Workflow_enable'),
    setting('Plugin.Action_services_enable'),
  ]).catch((error: Error) => {
    problems.push(`reading MISP's settings failed: ${error.message}`);
    return [undefined, undefined, undefined];
  });
  facts.backgroundJobs = String(jobs);
  if (jobs !== true)
    problems.push(
      'MISP.background_jobs is off: publishing runs its workflows in background jobs; switch it on and start the workers (Administration > Jobs)',
    );
  if (workflows !== true)
    problems.push(
      'Plugin.Workflow_enable is off: switch it on in Server Settings > Plugin (or `cake Admin setSetting Plugin.Workflow_enable true`)',
    );
  if (actions !== true)
    problems.push(
      'Plugin.Action_services_enable is off: the Mattermost notification is a misp-modules action; switch it on and point Plugin.Action_services_url at misp-modules',
    );

  await Promise.all([checkMail(env, problems), checkChat(env, problems)]);
  return { problems, facts };
}

function checkClock(
  dateHeader: string | undefined,
  sentAt: number,
  receivedAt: number,
  problems: string[],
  facts: Record<string, string>,
): void {
  const serverTime = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(serverTime)) {
    problems.push('MISP sent no Date header: the clock skew (TOTP depends on it) cannot be checked');
    return;
  }
  // The header has whole seconds: compare with the middle of the exchange, allow a second for rounding.
  const skew = serverTime - (sentAt + receivedAt) / 2;
  facts.clockSkewMs = String(Math.round(skew));
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS + 1_000) {
    problems.push(
      `MISP's clock is ${Math.round(skew / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} this machine's: TOTP codes would ` +
        'not match; synchronise both clocks (NTP)',
    );
  }
}

/** SMTP delivery to the mail catcher MISP uses, read back through its API. */
async function checkMail(env: LabEnvironment, problems: string[]): Promise<void> {
  const subject = `misp-lab preflight ${randomUUID()}`;
  const transport = nodemailer.createTransport({
    host: env.mail.smtpHost,
    port: env.mail.smtpPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: PROBE_TIMEOUT_MS,
    greetingTimeout: PROBE_TIMEOUT_MS,
    socketTimeout: PROBE_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: 'preflight@misp-lab.test',
      to: 'preflight@misp-lab.test',
      subject,
      text: 'misp-compliance-lab preflight: this message checks SMTP delivery to the mail API.',
    });
  } catch (error) {
    problems.push(
      `cannot deliver a test mail over SMTP to ${env.mail.smtpHost}:${env.mail.smtpPort} ` +
        `(${(error as Error).message}): set MAIL_SMTP_HOST and MAIL_SMTP_PORT to the catcher MISP sends to`,
    );
    return;
  } finally {
    transport.close();
  }
  try {
    await new MailClient(env.mail.url, env.mail.kind).waitFor(
      (mail) => mail.subject === subject,
      'from the preflight',
      5_000,
    );
  } catch (error) {
    problems.push(
      `the test mail sent to ${env.mail.smtpHost}:${env.mail.smtpPort} did not show in the mail API at ${env.mail.url} ` +
        `(${firstLine(error)}): MAIL_API_URL must be the API of that same catcher`,
    );
  }
}

async function checkChat(env: LabEnvironment, problems: string[]): Promise<void> {
  const base = env.chat.url.replace(/\/+$/, '');
  try {
    const ping = await fetch(`${base}/api/v4/system/ping`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!ping.ok) {
      problems.push(
        `Mattermost at ${base} answered HTTP ${ping.status} to /api/v4/system/ping: check MATTERMOST_URL`,
      );
      return;
    }
    const me = await fetch(`${base}/api/v4/users/me`, {
      headers: { Authorization: `Bearer ${env.chat.token}` },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (me.status === 401 || me.status === 403) {
      problems.push(
        `Mattermost at ${base} refused MATTERMOST_TOKEN (HTTP ${me.status}): use the bot's personal access token`,
      );
    }
  } catch (error) {
    problems.push(`cannot reach Mattermost at ${base} (${causeOf(error)}): check MATTERMOST_URL`);
  }
}

function unreachable(url: string, error: unknown): string {
  const cause = causeOf(error);
  if (/certificate|self[- ]signed|CERT_|unable to verify|SSL|TLS/i.test(cause)) {
    return (
      `TLS verification failed for MISP at ${url} (${cause}): set MISP_CA_FILE to the CA that signed its certificate ` +
      '(MISP_INSECURE_TLS=1 turns verification off, for a throw-away lab only)'
    );
  }
  return `cannot reach MISP at ${url} (${cause}): check MISP_URL and that MISP is up`;
}

function causeOf(error: unknown): string {
  let current = error as (Error & { code?: string; cause?: unknown }) | undefined;
  while (current?.cause instanceof Error) current = current.cause as Error & { code?: string };
  const message = current?.message || String(error);
  return current?.code && !message.includes(current.code) ? `${current.code}: ${message}` : message;
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';
}

/** -1, 0 or 1, comparing dotted numeric versions ("2.4.172" < "2.5.1"). */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
