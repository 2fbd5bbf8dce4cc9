/**
 * Logging in through MISP's pages as a person does: password form, then (for enrolled users) the
 * OTP form with a code from the harness's authenticator or a paper token. "Logged in" is proven
 * the way MISP's own live tests prove it: /users/view/me.json with the session answers the email.
 */
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import type { Actor, LabWorld } from '../../support/world.ts';
import { hotpCode, secondsLeftInStep, totpCode, totpCodeWithMargin, totpStep } from '../../clients/otp.ts';
import { LoginPage } from '../../pages/login-page.ts';
import { OtpPage } from '../../pages/otp-page.ts';
import { currentPath, flashTexts, navigateBy } from '../../pages/navigation.ts';

export const WRONG_PASSWORD_FLASH = 'Invalid username or password, try again';
export const WRONG_OTP_FLASH = 'The OTP is incorrect or has expired';

/**
 * Every login starts in a fresh browser session, so nothing of an earlier one helps; repeated
 * failures may stay on the login form MISP shows again (`fresh` false).
 */
export async function submitPassword(
  world: LabWorld,
  actor: Actor,
  password = actor.password,
  fresh = true,
): Promise<Response> {
  const page = fresh ? await world.freshPage() : await world.page();
  const login = new LoginPage(page);
  if (fresh || !(await login.isShown())) await login.open();
  const response = await login.submit(actor.email, password);
  world.memory.set('auth.lastResponse', response.status());
  return response;
}

export async function submitOtp(world: LabWorld, code: string): Promise<Response> {
  const page = await world.page();
  const otp = new OtpPage(page);
  assert.ok(await otp.isShown(), `MISP shows ${currentPath(page)} instead of the OTP form`);
  const response = await otp.submit(code);
  world.memory.set('auth.lastResponse', response.status());
  return response;
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

/** Password, then the OTP step with the authenticator's current code. */
export async function logInWithApp(world: LabWorld, actor: Actor): Promise<void> {
  await submitPassword(world, actor);
  await expectOtpAsked(world);
  await submitOtp(world, await appCode(actor));
  await expectLoggedIn(world, actor);
}

export async function logInWithPaperToken(world: LabWorld, actor: Actor, counter: number): Promise<Response> {
  await submitPassword(world, actor);
  await expectOtpAsked(world);
  return submitOtp(world, paperToken(actor, counter));
}

/** Password only: for users without TOTP, or while Security.otp_disabled is on. */
export async function logInWithPassword(world: LabWorld, actor: Actor): Promise<void> {
  const response = await submitPassword(world, actor);
  const page = await world.page();
  assert.ok(
    !(await new LoginPage(page).isShown()),
    `the password was refused (HTTP ${response.status()}): ${(await flashTexts(page)).join(' | ')}`,
  );
}

export async function logOut(world: LabWorld): Promise<void> {
  const page = await world.page();
  await navigateBy(page, () => page.goto('/users/logout'));
  assert.ok(await new LoginPage(page).isShown(), `logout ended on ${currentPath(page)}, not the login form`);
}

export async function expectOtpAsked(world: LabWorld): Promise<void> {
  const page = await world.page();
  assert.equal(currentPath(page), '/users/otp', `after the password MISP shows ${currentPath(page)}`);
  assert.ok(await new OtpPage(page).isShown(), 'the OTP page has no form UserOtpForm');
}

export async function expectPaperTokenAsked(world: LabWorld, counter: number): Promise<void> {
  const asked = await new OtpPage(await world.page()).requestedPaperTokenNumber();
  assert.equal(asked, counter, `MISP asks for paper token ${asked}`);
}

/** The browser session belongs to the actor: MISP's JSON says who is logged in. */
export async function expectLoggedIn(world: LabWorld, actor: Actor): Promise<void> {
  const page = await world.page();
  const shown = currentPath(page);
  assert.ok(
    !['/users/login', '/users/otp'].includes(shown),
    `MISP still shows ${shown}: ${(await flashTexts(page)).join(' | ')}`,
  );
  const me = await page.request.get('/users/view/me.json', { maxRedirects: 0 });
  assert.equal(me.status(), 200, `/users/view/me.json with the session answered HTTP ${me.status()}`);
  const body = (await me.json()) as { User?: { email?: string } };
  assert.equal(body.User?.email, actor.email, 'the session belongs to someone else');
}

/** Not logged in: MISP still shows the OTP form with its error, and the session is not a user's. */
export async function expectOtpRefused(world: LabWorld): Promise<void> {
  const page = await world.page();
  assert.equal(currentPath(page), '/users/otp', `MISP moved on to ${currentPath(page)}`);
  const flashes = await flashTexts(page);
  assert.ok(
    flashes.some((f) => f.includes(WRONG_OTP_FLASH)),
    `no "${WRONG_OTP_FLASH}" flash; saw: ${flashes.join(' | ')}`,
  );
  await expectNoSession(page);
}

export async function expectNoSession(page: Page): Promise<void> {
  const me = await page.request.get('/users/view/me.json', { maxRedirects: 0 });
  assert.notEqual(me.status(), 200, 'the browser session can read /users/view/me.json: it is logged in');
}

/**
 * Two full logins with one TOTP code. Both must fall in the code's own 30-second step, so when
 * less than 10 s of the step are left we wait for the next one (at most 10 s, usually none).
 */
export async function logInTwiceWithOneCode(world: LabWorld, actor: Actor): Promise<void> {
  const left = secondsLeftInStep();
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
  const step = totpStep();
  const code = currentTotp(actor);
  for (const attempt of ['first', 'second']) {
    await submitPassword(world, actor);
    await expectOtpAsked(world);
    await submitOtp(world, code);
    assert.equal(totpStep(), step, `the 30-second step ended before the ${attempt} login: nothing shown`);
    await expectLoggedIn(world, actor);
  }
}

export async function enterAppCode(world: LabWorld, actor: Actor): Promise<void> {
  await submitOtp(world, await appCode(actor));
}

/** A six-digit code that is neither the current TOTP nor one of the next paper tokens. */
export async function enterWrongCode(world: LabWorld, actor: Actor): Promise<void> {
  const valid = new Set([currentTotp(actor), ...Array.from({ length: 10 }, (_, n) => paperToken(actor, n))]);
  let code = 0;
  while (valid.has(String(code).padStart(6, '0'))) code++;
  await submitOtp(world, String(code).padStart(6, '0'));
}

export async function expectOtpAskedNotLoggedIn(world: LabWorld): Promise<void> {
  await expectOtpAsked(world);
  await expectNoSession(await world.page());
}

/** Password only, and the session is the actor's (no OTP step, no enrolment page). */
export async function logInWithPasswordOnly(world: LabWorld, actor: Actor): Promise<void> {
  await logInWithPassword(world, actor);
  await expectLoggedIn(world, actor);
}
