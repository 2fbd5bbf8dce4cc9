/**
 * MISP's brute-force guard (spec §1.6): failures per (IP, email) within SecureAuth.expire;
 * wrong passwords and wrong OTPs share one count; at SecureAuth.amount (5) login answers 403
 * even for the right password. The lab's browser and MISP share one IP, so each scenario uses
 * its own namespaced user.
 */
import assert from 'node:assert/strict';
import type { Actor } from '../../support/world.ts';
import { flashTexts, pageText } from '../../pages/navigation.ts';
import {
  WRONG_OTP_FLASH,
  WRONG_PASSWORD_FLASH,
  currentTotp,
  expectOtpAsked,
  paperToken,
  submitOtp,
  submitPassword,
} from './login.ts';

const BLOCKED_MESSAGE =
  /You have reached the maximum number of login attempts\. Please wait \d+ seconds and try again\./;

/** A code that is neither the current TOTP nor the next paper tokens (checked, not hoped). */
function wrongCode(avoid: string[]): string {
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!avoid.includes(candidate)) return candidate;
  }
}

export async function failPasswords(actor: Actor, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const response = await submitPassword(actor, `${actor.password}-wrong`, i === 0);
    assert.equal(response.status(), 200, `wrong password ${i + 1} answered HTTP ${response.status()}`);
    const flashes = await flashTexts(await actor.page());
    assert.ok(
      flashes.some((f) => f.includes(WRONG_PASSWORD_FLASH)),
      `no "${WRONG_PASSWORD_FLASH}" flash`,
    );
  }
}

async function failOtps(actor: Actor, times: number): Promise<void> {
  await expectOtpAsked(actor);
  const avoid = [currentTotp(actor), ...Array.from({ length: 10 }, (_, n) => paperToken(actor, n))];
  for (let i = 0; i < times; i++) {
    const response = await submitOtp(actor, wrongCode(avoid));
    assert.equal(response.status(), 200, `wrong OTP ${i + 1} answered HTTP ${response.status()}`);
    const flashes = await flashTexts(await actor.page());
    assert.ok(
      flashes.some((f) => f.includes(WRONG_OTP_FLASH)),
      `no "${WRONG_OTP_FLASH}" flash`,
    );
  }
}

async function expectBlocked(actor: Actor, status: number): Promise<void> {
  assert.equal(status, 403, `MISP answered HTTP ${status} instead of 403 for a blocked login`);
  const text = await pageText(await actor.page());
  assert.match(text, BLOCKED_MESSAGE, 'the 403 page does not say why');
}

/** On the OTP page after the fifth failure: even the next unused paper token is refused. */
export async function submitPaperTokenWhileBlocked(actor: Actor, counter: number): Promise<void> {
  const response = await submitOtp(actor, paperToken(actor, counter));
  await expectBlocked(actor, response.status());
}

/** A fresh login with the right password after the fifth failure. */
export async function submitRightPasswordWhileBlocked(actor: Actor): Promise<void> {
  const response = await submitPassword(actor);
  await expectBlocked(actor, response.status());
}

/** Password right, then wrong OTPs: the count goes on from the wrong passwords. */
export async function passwordThenWrongOtps(actor: Actor, times: number): Promise<void> {
  await submitPassword(actor);
  await failOtps(actor, times);
}
