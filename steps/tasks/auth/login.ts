/**
 * Logging in through MISP's pages as a person does: password form, then (for enrolled users) the
 * OTP form with a code from the harness's authenticator or a paper token. "Logged in" is proven
 * the way MISP's own live tests prove it: /users/view/me.json with the session answers the email.
 */
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import type { Actor } from '../../support/world.ts';
import { hotpCode, secondsLeftInStep, totpCode, totpCodeWithMargin, totpStep } from '../../clients/otp.ts';
import { LoginPage } from '../../pages/login-page.ts';
import { OtpPage } from '../../pages/otp-page.ts';
import { currentPath, flashTexts } from '../../pages/navigation.ts';
import { sessionUser } from '../../pages/session-probe.ts';

export const WRONG_PASSWORD_FLASH = 'Invalid username or password, try again';
export const WRONG_OTP_FLASH = 'The OTP is incorrect or has expired';

/**
 * Every login starts in a fresh session of the actor's browser, so nothing of an earlier one
 * helps; repeated failures may stay on the login form MISP shows again (`fresh` false).
 */
export async function submitPassword(
  actor: Actor,
  password = actor.password,
  fresh = true,
): Promise<Response> {
  const page = fresh ? await actor.browser.restart() : await actor.page();
  const login = new LoginPage(page);
  if (fresh || !(await login.isShown())) await login.open();
  return login.submit(actor.email, password);
}

export async function submitOtp(actor: Actor, code: string): Promise<Response> {
  const page = await actor.page();
  const otp = new OtpPage(page);
  assert.ok(await otp.isShown(), `MISP shows ${currentPath(page)} instead of the OTP form`);
  return otp.submit(code);
}

export function currentTotp(actor: Actor): string {
  assert.ok(actor.totpSecret, `${actor.label} has no TOTP secret in the authenticator`);
  return totpCode(actor.totpSecret);
}

/** The code the app shows, taken early enough in its step to reach MISP within it. */
export async function appCode(actor: Actor): Promise<string> {
  assert.ok(actor.totpSecret, `${actor.label} has no TOTP secret in the authenticator`);
  return totpCodeWithMargin(actor.totpSecret);
}

export function paperToken(actor: Actor, counter: number): string {
  assert.ok(actor.totpSecret, `${actor.label} has no TOTP secret to compute paper tokens from`);
  return hotpCode(actor.totpSecret, counter);
}

export async function logInWithPaperToken(actor: Actor, counter: number): Promise<Response> {
  await submitPassword(actor);
  await expectOtpAsked(actor);
  return submitOtp(actor, paperToken(actor, counter));
}

/** Password only: for users without TOTP, or while Security.otp_disabled is on. */
export async function logInWithPassword(actor: Actor): Promise<void> {
  const response = await submitPassword(actor);
  const page = await actor.page();
  assert.ok(
    !(await new LoginPage(page).isShown()),
    `the password was refused (HTTP ${response.status()}): ${(await flashTexts(page)).join(' | ')}`,
  );
}

/** Logs out the actor's own browser session; other actors' sessions are not touched. */
export async function logOut(actor: Actor): Promise<void> {
  const page = await actor.page();
  const login = new LoginPage(page);
  await login.logOut();
  assert.ok(await login.isShown(), `logout ended on ${currentPath(page)}, not the login form`);
}

export async function expectOtpAsked(actor: Actor): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), OtpPage.path, `after the password MISP shows ${currentPath(page)}`);
  assert.ok(await new OtpPage(page).isShown(), 'the OTP page has no form UserOtpForm');
}

export async function expectPaperTokenAsked(actor: Actor, counter: number): Promise<void> {
  const asked = await new OtpPage(await actor.page()).requestedPaperTokenNumber();
  assert.equal(asked, counter, `MISP asks for paper token ${asked}`);
}

/** The actor's browser session is hers: MISP's JSON says who is logged in. */
export async function expectLoggedIn(actor: Actor): Promise<void> {
  const page = await actor.page();
  const shown = currentPath(page);
  assert.ok(
    ![LoginPage.path, OtpPage.path].includes(shown),
    `MISP still shows ${shown}: ${(await flashTexts(page)).join(' | ')}`,
  );
  const me = await sessionUser(page);
  assert.equal(
    me.status,
    200,
    `MISP's own user view with ${actor.label}'s session answered HTTP ${me.status}`,
  );
  assert.equal(me.email, actor.email, `${actor.label}'s session belongs to someone else`);
}

/** Her browser session is nobody's (after her logout, whoever else is logged in elsewhere). */
export async function expectLoggedOut(actor: Actor): Promise<void> {
  await expectNoSession(await actor.page());
}

/** Not logged in: MISP still shows the OTP form with its error, and the session is not a user's. */
export async function expectOtpRefused(actor: Actor): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), OtpPage.path, `MISP moved on to ${currentPath(page)}`);
  const flashes = await flashTexts(page);
  assert.ok(
    flashes.some((f) => f.includes(WRONG_OTP_FLASH)),
    `no "${WRONG_OTP_FLASH}" flash; saw: ${flashes.join(' | ')}`,
  );
  await expectNoSession(page);
}

export async function expectNoSession(page: Page): Promise<void> {
  const me = await sessionUser(page);
  assert.notEqual(
    me.status,
    200,
    `the browser session reads MISP's own user view as ${me.email}: it is logged in`,
  );
}

/**
 * Two full logins with one TOTP code. Both must fall in the code's own 30-second step, so when
 * less than 10 s of the step are left we wait for the next one (at most 10 s, usually none).
 */
export async function logInTwiceWithOneCode(actor: Actor): Promise<void> {
  const left = secondsLeftInStep();
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
  const step = totpStep();
  const code = currentTotp(actor);
  for (const attempt of ['first', 'second']) {
    await submitPassword(actor);
    await expectOtpAsked(actor);
    await submitOtp(actor, code);
    assert.equal(totpStep(), step, `the 30-second step ended before the ${attempt} login: nothing shown`);
    await expectLoggedIn(actor);
  }
}

export async function enterAppCode(actor: Actor): Promise<void> {
  await submitOtp(actor, await appCode(actor));
}

/** A six-digit code that is neither the current TOTP nor one of the next paper tokens. */
export async function enterWrongCode(actor: Actor): Promise<void> {
  const valid = new Set([currentTotp(actor), ...Array.from({ length: 10 }, (_, n) => paperToken(actor, n))]);
  let code = 0;
  while (valid.has(String(code).padStart(6, '0'))) code++;
  await submitOtp(actor, String(code).padStart(6, '0'));
}

export async function expectOtpAskedNotLoggedIn(actor: Actor): Promise<void> {
  await expectOtpAsked(actor);
  await expectNoSession(await actor.page());
}

/** Password only, and the session is the actor's (no OTP step, no enrolment page). */
export async function logInWithPasswordOnly(actor: Actor): Promise<void> {
  await logInWithPassword(actor);
  await expectLoggedIn(actor);
}

/** The lab's site admin has no TOTP: her password alone opens her browser session. */
export async function logInAsSiteAdmin(admin: Actor): Promise<void> {
  await logInWithPassword(admin);
  const page = await admin.page();
  assert.notEqual(
    currentPath(page),
    OtpPage.path,
    'the lab admin is asked for an OTP: log in with a TOTP task instead',
  );
}
