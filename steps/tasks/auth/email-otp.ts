/**
 * Email OTP (spec §1.2 step 3, §1.8): with Security.email_otp_enabled on, the password leads to
 * /users/email_otp, MISP mails "[<MISP.org> MISP] Email OTP" with a numeric code, and only that
 * code logs in. The harness reads the code from the mail catcher as a person reads her inbox, and
 * types it into the form already shown (loading the page again would mail a new code).
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { redact, registerSecret } from '../../support/redact.ts';
import type { ReadMail } from '../../../lab/clients/mail.ts';
import { EmailOtpPage } from '../../pages/email-otp-page.ts';
import { currentPath, flashTexts } from '../../pages/navigation.ts';
import { WRONG_OTP_FLASH, expectNoSession } from './login.ts';
import { readSetting } from '../settings.ts';
import { setSettingByRest } from './settings.ts';

export const EMAIL_OTP_SENT_FLASH = 'An email containing a OTP has been sent.';

/** Recorded in the ledger first (by setSettingByRest), so the scenario's end switches it back. */
export async function switchOnEmailOtp(world: LabWorld): Promise<void> {
  await setSettingByRest(world, 'Security.email_otp_enabled', true);
}

/** MISP shows the email OTP form with its "sent" flash, nobody is logged in, and the mail arrived. */
export async function expectCodeMailedAndAsked(world: LabWorld, actor: Actor): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), EmailOtpPage.path, `after the password MISP shows ${currentPath(page)}`);
  assert.ok(await new EmailOtpPage(page).isShown(), 'the page has no form UserEmailOtpForm');
  const flashes = await flashTexts(page);
  assert.ok(
    flashes.some((f) => f.includes(EMAIL_OTP_SENT_FLASH)),
    `no "${EMAIL_OTP_SENT_FLASH}" flash; saw: ${flashes.join(' | ')}`,
  );
  await expectNoSession(page);

  const subject = `[${String(await readSetting(world, 'MISP.org'))} MISP] Email OTP`;
  const mail = await world.mail.waitFor(
    (m) => m.subject === subject && m.to.some((to) => to.toLowerCase().includes(actor.email)),
    `"${subject}" to ${actor.email}`,
  );
  const code = codeIn(mail, await codeLength(world));
  registerSecret(code);
  world.emailOtp = { mail, code };
}

/** The one run of exactly `length` digits in the body (our text and MISP's default both have one). */
export function codeIn(mail: ReadMail, length: number): string {
  const runs = [...new Set(mail.text.match(new RegExp(`(?<!\\d)\\d{${length}}(?!\\d)`, 'g')) ?? [])];
  assert.equal(
    runs.length,
    1,
    `expected one ${length}-digit code in the mail, found ${runs.length}: ${redact(mail.text).slice(0, 500)}`,
  );
  return runs[0]!;
}

async function codeLength(world: LabWorld): Promise<number> {
  const value = Number(await readSetting(world, 'Security.email_otp_length'));
  return Number.isInteger(value) && value > 0 ? value : 6;
}

function mailedOtp(world: LabWorld): { mail: ReadMail; code: string } {
  assert.ok(world.emailOtp, 'no email OTP was read from the mail in this scenario');
  return world.emailOtp;
}

/** The mailed code with its last digit changed: same length, certainly wrong. */
export async function enterWrongCode(world: LabWorld, actor: Actor): Promise<void> {
  const { code } = mailedOtp(world);
  const last = Number(code.at(-1));
  await submitCode(actor, `${code.slice(0, -1)}${(last + 1) % 10}`);
}

export async function enterMailedCode(world: LabWorld, actor: Actor): Promise<void> {
  const { mail, code } = mailedOtp(world);
  await submitCode(actor, code);
  // The code is used up now; the mail still goes to the report only with the code blacked out.
  world.attach(redact(mail.raw), { mediaType: 'message/rfc822', fileName: 'email-otp.eml' });
}

async function submitCode(actor: Actor, code: string): Promise<void> {
  const page = await actor.page();
  const form = new EmailOtpPage(page);
  assert.ok(await form.isShown(), `MISP shows ${currentPath(page)} instead of the email OTP form`);
  await form.submit(code);
}

/** Still on the email OTP form, with MISP's error, and the browser session is nobody's. */
export async function expectCodeRefused(actor: Actor): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), EmailOtpPage.path, `MISP moved on to ${currentPath(page)}`);
  const flashes = await flashTexts(page);
  assert.ok(
    flashes.some((f) => f.includes(WRONG_OTP_FLASH)),
    `no "${WRONG_OTP_FLASH}" flash; saw: ${flashes.join(' | ')}`,
  );
  await expectNoSession(page);
}
