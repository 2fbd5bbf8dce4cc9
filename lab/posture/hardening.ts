/**
 * Hardening a MISP the way the workshop's slides teach, for a lab or a CI instance (never an
 * audit: this writes). Workflow plugin, background jobs and action services on; Examples A and B
 * chained on the enabled event-publish trigger; every active user enrolled in TOTP through the
 * pages a person uses; OTP mandatory; the API-readable items of MISP's security audit set; every
 * auth key given an expiry. scripts/harden-misp.ts runs it on a real MISP; the posture tests run
 * it on the reference server.
 */
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import type { MispClient } from '../clients/misp-client.ts';
import { MispWebSession, formTokens } from '../clients/misp-web-session.ts';
import { loadGraphFixture } from '../workflows/graph-meaning.ts';
import { AUDITED_SETTINGS } from './checks.ts';

export interface HardeningTarget {
  url: string;
  misp: MispClient;
  adminEmail: string;
  adminPassword: string;
  insecureTls?: boolean;
  /** Days until the expiry given to keys that never expire. */
  keyValidityDays?: number;
  log?: (line: string) => void;
  /** MISP's clock in ms (TOTP codes follow it); the machine's by default. */
  now?: () => number;
}

/** Per enrolled user: the TOTP secret, and the password set when the script had to set one. */
export type EnrolledUsers = Record<string, { totpSecret: string; password?: string }>;

async function must<T extends { status: number; data: unknown }>(
  what: string,
  answer: Promise<T>,
): Promise<T> {
  const done = await answer;
  if (done.status !== 200)
    throw new Error(`${what} answered HTTP ${done.status}: ${JSON.stringify(done.data).slice(0, 200)}`);
  return done;
}

export async function hardenMisp(target: HardeningTarget): Promise<EnrolledUsers> {
  const { misp } = target;
  const log = target.log ?? (() => {});
  for (const name of ['Plugin.Workflow_enable', 'MISP.background_jobs', 'Plugin.Action_services_enable'])
    await must(`setting ${name}`, misp.setServerSetting(name, true));
  await installExamples(target);
  log('workflows: Examples A and B chained on the enabled event-publish trigger');
  const enrolled = await enrolEveryone(target);
  log(`TOTP: ${Object.keys(enrolled).length} users enrolled`);
  await must('setting Security.otp_required', misp.setServerSetting('Security.otp_required', true));
  await must('setting Security.advanced_authkeys', misp.setServerSetting('Security.advanced_authkeys', true));
  for (const { name } of AUDITED_SETTINGS) await must(`setting ${name}`, misp.setServerSetting(name, true));
  await expireKeys(target);
  log('settings: OTP mandatory, security audit items set, every auth key expires');
  return enrolled;
}

async function installExamples(target: HardeningTarget): Promise<void> {
  const { misp } = target;
  const graph = loadGraphFixture('example-a-and-b');
  const modules = Object.entries(graph)
    .filter(([key, n]) => key !== '_frames' && n.data.module_type !== 'trigger')
    .map(([, n]) => n.data.id);
  const listed = (await must('the module index', misp.workflowModules())).data;
  for (const id of new Set(modules))
    if (listed.find((m) => m.id === id)?.disabled !== false)
      await must(`enabling module ${id}`, misp.toggleWorkflowModule(id, true, false));
  await must('enabling trigger event-publish', misp.toggleWorkflowModule('event-publish', true, true));
  let row = (await must('the workflow index', misp.workflowsIndex())).data.find(
    (r) => r.Workflow?.trigger_id === 'event-publish',
  );
  if (!row) {
    // MISP has no add action: its editor page creates the trigger's workflow on first visit.
    const web = await MispWebSession.logIn(webOptions(target), target.adminEmail, target.adminPassword);
    await web.openWorkflowEditor('event-publish');
    await web.close();
    row = (await must('the workflow index', misp.workflowsIndex())).data.find(
      (r) => r.Workflow?.trigger_id === 'event-publish',
    );
  }
  if (!row?.Workflow) throw new Error('MISP made no event-publish workflow when its editor was opened');
  await must(
    'saving Examples A and B',
    misp.editWorkflow(String(row.Workflow.id), {
      name: 'Examples A and B',
      description: 'The workshop: Example A (tlp:red publish guard), then Example B (datetime IDS flags)',
      data: JSON.stringify(graph),
    }),
  );
}

function webOptions(target: HardeningTarget) {
  return { baseUrl: target.url, ...(target.insecureTls ? { insecureTls: true } : {}) };
}

/** A password MISP's default policy accepts (12+ characters, upper, lower, digit). */
function newPassword(): string {
  return `Posture-${randomBytes(12).toString('base64url')}-9a`;
}

async function enrolEveryone(target: HardeningTarget): Promise<EnrolledUsers> {
  const { misp } = target;
  const enrolled: EnrolledUsers = {};
  for (const row of (await must('the user index', misp.users())).data) {
    const user = row.User;
    if (!user || user.disabled === true) continue;
    const view = await must(`user ${String(user.id)}`, misp.getUser(String(user.id)));
    const set = view.data.User?.totp_is_set;
    if (set === true || set === '1' || set === 1) continue;
    const email = String(user.email);
    let password = email === target.adminEmail ? target.adminPassword : undefined;
    if (!password) {
      password = newPassword();
      await must(
        `a password for ${email}`,
        misp.editUser(String(user.id), { password, confirm_password: password, change_pw: false }),
      );
    }
    const secret = await enrolTotp(target, email, password);
    enrolled[email] = { totpSecret: secret, ...(password !== target.adminPassword ? { password } : {}) };
  }
  return enrolled;
}

/** /users/totp_new as a person uses it: read the secret under the QR code, answer a first code. */
async function enrolTotp(target: HardeningTarget, email: string, password: string): Promise<string> {
  const web = await MispWebSession.logIn(webOptions(target), email, password);
  try {
    const page = await web.get('/users/totp_new');
    const secret = /<pre[^>]*>\s*([A-Z2-7]+)\s*<\/pre>/.exec(page.body)?.[1];
    if (!secret) throw new Error(`no TOTP secret on /users/totp_new for ${email} (HTTP ${page.status})`);
    const now = target.now ?? Date.now;
    // MISP accepts a code only within its own 30 s step: never send one about to turn.
    if ((now() / 1000) % 30 > 26) await new Promise((done) => setTimeout(done, 4500));
    const code = generateSync({ secret, epoch: Math.floor(now() / 1000), period: 30 });
    const answer = await web.postForm('/users/totp_new', formTokens(page.body), { 'data[User][otp]': code });
    if (answer.finalPath === '/users/totp_new')
      throw new Error(`MISP refused the first TOTP code of ${email}`);
    return secret;
  } finally {
    await web.close();
  }
}

async function expireKeys(target: HardeningTarget): Promise<void> {
  const { misp } = target;
  const days = target.keyValidityDays ?? 90;
  const expiry = new Date((target.now ?? Date.now)() + days * 86_400_000).toISOString().slice(0, 10);
  for (const row of (await must('the auth key index', misp.authKeys())).data) {
    if (String(row.AuthKey?.expiration ?? '0') !== '0') continue;
    await must(
      `an expiry for key #${String(row.AuthKey?.id)}`,
      misp.editAuthKey(String(row.AuthKey?.id), { expiration: expiry }),
    );
  }
}
