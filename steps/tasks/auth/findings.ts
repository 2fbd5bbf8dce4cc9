/**
 * Informational findings: the scenario passes when it demonstrates the weakness, and leaves a
 * note starting "FINDING:" that the reports show as a finding, not as a pass.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Actor, LabWorld } from '../../support/world.ts';
import { totpIsSet } from './users.ts';
import { expectKeyReadsProfileAndEvents } from './mandatory-otp.ts';

export function reportFinding(world: LabWorld, text: string): void {
  world.attach(`FINDING: ${text}`, 'text/plain');
}

/** The actor has TOTP, yet the auth key alone reads their profile and the events. */
export async function demonstrateAuthKeyBypassesOtp(world: LabWorld, actor: Actor): Promise<void> {
  assert.equal(await totpIsSet(world, actor), true, `${actor.label} has no TOTP: nothing to bypass`);
  await expectKeyReadsProfileAndEvents(actor);
  reportFinding(
    world,
    `an auth key alone gave access as ${actor.email} (GET /users/view/me.json and /events/index, HTTP 200) although the account has TOTP enrolled: REST access never asks for a second factor. Protect auth keys (IP allow-lists, expiry, read-only keys) like password plus OTP.`,
  );
}

export async function demonstrateFailedAuthKeysNotLimited(
  world: LabWorld,
  actor: Actor,
  attempts: number,
): Promise<void> {
  const statuses: number[] = [];
  for (let i = 0; i < attempts; i++) {
    const guess = randomBytes(30)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'A')
      .slice(0, 40);
    statuses.push((await world.mispClient(guess).getMe()).status);
  }
  const unexpected = statuses.filter((s) => s !== 403);
  assert.deepEqual(unexpected, [], 'a wrong auth key was answered other than 403');
  const afterwards = await actor.misp.getMe();
  assert.equal(afterwards.status, 200, `after the guesses the right key answered HTTP ${afterwards.status}`);
  const lastGuess = await world.mispClient('B'.repeat(40)).getMe();
  assert.equal(lastGuess.status, 403, `guess ${attempts + 1} answered HTTP ${lastGuess.status}, not 403`);
  reportFinding(
    world,
    `${attempts + 1} wrong auth keys from one IP were each answered 403 without any lockout, delay or 429, and the right key still worked: auth key guessing is not brute-force limited (MISP logs them as auth_fail only). Rate-limit the API in front of MISP.`,
  );
}

/** The same TOTP code logs in twice within its 30-second step. */
export function reportReplay(world: LabWorld, actor: Actor): void {
  reportFinding(
    world,
    `the same TOTP code logged ${actor.email} in twice within one 30-second step: MISP keeps no record of used TOTP steps, so a code seen over a shoulder or phished can be replayed until the step ends.`,
  );
}
