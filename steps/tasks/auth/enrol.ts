/**
 * TOTP enrolment as the workshop slides show it: the user name in the top bar → "Generate" →
 * scan the QR code → type the code → the paper tokens page. The authenticator is the harness:
 * it keeps the secret it scanned and computes codes with otplib.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { registerSecret } from '../../support/redact.ts';
import { MISP_SECRET_PATTERN, parseOtpauthUri, totpCodeWithMargin } from '../../clients/otp.ts';
import { TotpNewPage } from '../../pages/totp-new-page.ts';
import { PaperTokensPage } from '../../pages/paper-tokens-page.ts';
import { UserViewPage } from '../../pages/user-view-page.ts';
import { currentPath, flashTexts } from '../../pages/navigation.ts';
import { logInWithPassword } from './login.ts';
import { createSiteAdmin, createUser } from './users.ts';

export const TOTP_ACTIVE_FLASH = 'The OTP is correct and now active for your account.';

export async function openEnrolmentFromProfile(actor: Actor): Promise<void> {
  const page = await actor.page();
  const view = new UserViewPage(page);
  await view.openFromUserName(actor.email);
  assert.equal(await view.totpStatus(), 'No', 'the profile does not show TOTP "No" before enrolment');
  await view.clickGenerate();
  assert.ok(await new TotpNewPage(page).isShown(), `"Generate" led to ${currentPath(page)}`);
}

/** Reads the QR code and the <pre> secret; they must agree and look like MISP's secrets. */
export async function scanQrCode(world: LabWorld, actor: Actor): Promise<string> {
  const totpNew = new TotpNewPage(await actor.page());
  const shownSecret = await totpNew.secretText();
  registerSecret(shownSecret);
  const uri = parseOtpauthUri(await totpNew.scanQrCode());
  registerSecret(uri.secret);
  world.attach(
    `QR code: otpauth://${uri.type}/${uri.label} issuer=${uri.issuer} secret=<${uri.secret.length} characters>`,
    'text/plain',
  );
  assert.equal(uri.type, 'totp', 'the QR code is not a TOTP provisioning URI');
  assert.match(shownSecret, MISP_SECRET_PATTERN, 'the secret is not 103 base32 characters (64 random bytes)');
  assert.equal(uri.secret, shownSecret, 'the QR code carries another secret than the text under it');
  assert.ok(uri.label.endsWith(`:${actor.email}`), `the QR label "${uri.label}" does not end with the email`);
  assert.equal(uri.label, `${uri.issuer}:${actor.email}`, 'the QR label is not "<issuer>:<email>"');
  actor.totpSecret = uri.secret;
  return uri.secret;
}

export async function verifyFirstCode(actor: Actor): Promise<void> {
  assert.ok(actor.totpSecret, 'nothing was scanned yet');
  const page = await actor.page();
  await new TotpNewPage(page).submit(await totpCodeWithMargin(actor.totpSecret));
  const flashes = await flashTexts(page);
  assert.ok(
    flashes.some((f) => f.includes(TOTP_ACTIVE_FLASH)),
    `no "${TOTP_ACTIVE_FLASH}"; saw: ${flashes.join(' | ')}`,
  );
}

export async function expectPaperTokensPage(world: LabWorld, actor: Actor): Promise<Map<number, string>> {
  const page = await actor.page();
  const paper = new PaperTokensPage(page);
  assert.ok(paper.isCurrent(), `MISP shows ${currentPath(page)}`);
  assert.ok(await paper.isShown(), 'the page has no "Paper based Single Use Tokens" title');
  const tokens = await paper.tokens();
  assert.equal(tokens.size, 50, `MISP lists ${tokens.size} paper tokens, not 50`);
  world.paperTokens = tokens;
  return tokens;
}

/** The whole enrolment in one go, for scenarios where it is a precondition. */
export async function enrolTotp(world: LabWorld, actor: Actor): Promise<void> {
  await logInWithPassword(actor);
  await openEnrolmentFromProfile(actor);
  await scanQrCode(world, actor);
  await verifyFirstCode(actor);
  await expectPaperTokensPage(world, actor);
}

/** Two GETs of /users/totp_new: MISP makes a new secret every time (spec §1.3). */
export async function expectNewSecretPerVisit(actor: Actor): Promise<void> {
  const totpNew = new TotpNewPage(await actor.page());
  await totpNew.open();
  const first = await totpNew.secretText();
  await totpNew.open();
  const second = await totpNew.secretText();
  registerSecret(first);
  registerSecret(second);
  assert.match(first, MISP_SECRET_PATTERN);
  assert.match(second, MISP_SECRET_PATTERN);
  assert.notEqual(first, second, 'two visits of /users/totp_new showed the same secret');
}

export async function createEnrolledUser(world: LabWorld, label: string, siteAdmin = false): Promise<Actor> {
  const actor = siteAdmin ? await createSiteAdmin(world, label) : await createUser(world, label);
  await enrolTotp(world, actor);
  return actor;
}

/** The phone is gone: the lab's authenticator forgets the secret. */
export function forgetAuthenticator(actor: Actor): void {
  actor.totpSecret = undefined;
}
