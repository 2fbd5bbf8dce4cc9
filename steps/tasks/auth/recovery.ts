/**
 * Getting back in after losing the authenticator: an admin deletes the user's TOTP through the
 * pages (List Users → view → Delete → confirm), or a site admin uses the console break-glass
 * Security.otp_disabled and then deletes their own TOTP (spec §1.5, §1.7).
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { AdminUserPages } from '../../pages/admin-user-pages.ts';
import { UserViewPage } from '../../pages/user-view-page.ts';
import { TotpNewPage } from '../../pages/totp-new-page.ts';
import { flashTexts } from '../../pages/navigation.ts';
import { requestWithoutRedirect } from '../../pages/session-probe.ts';
import { totpIsSet } from './users.ts';
import { expectLoggedIn } from './login.ts';

export const TOTP_DELETED_FLASH = 'User TOTP deleted';

export async function adminDeletesTotpThroughPages(
  world: LabWorld,
  admin: Actor,
  user: Actor,
): Promise<void> {
  assert.ok(user.userId, `${user.label} has no user id`);
  await expectLoggedIn(admin);
  const page = await admin.page();
  const users = new AdminUserPages(page);
  await users.openListUsers();
  const view = await users.openUser(user.userId, user.email);
  assert.equal(await view.totpStatus(), 'Yes', `the admin view of ${user.label} does not show TOTP "Yes"`);
  await view.deleteTotpAndConfirm();
  await expectTotpDeletedFlash(admin);
  assert.equal(await totpIsSet(world, user), false, `MISP still reports a TOTP for ${user.label}`);
}

export async function deleteOwnTotpThroughProfile(world: LabWorld, actor: Actor): Promise<void> {
  const page = await actor.page();
  const view = new UserViewPage(page);
  await view.openFromUserName(actor.email);
  assert.equal(await view.totpStatus(), 'Yes', 'the profile does not show TOTP "Yes"');
  await view.deleteTotpAndConfirm();
  await expectTotpDeletedFlash(actor);
  assert.equal(await totpIsSet(world, actor), false, `MISP still reports a TOTP for ${actor.label}`);
  actor.totpSecret = undefined;
}

async function expectTotpDeletedFlash(actor: Actor): Promise<void> {
  const flashes = await flashTexts(await actor.page());
  assert.ok(
    flashes.some((f) => f.includes(TOTP_DELETED_FLASH)),
    `no "${TOTP_DELETED_FLASH}" flash; saw: ${flashes.join(' | ')}`,
  );
}

/** While Security.otp_disabled is on, MISP's OTP pages answer 403 (spec §1.7). */
export async function expectOtpPagesForbidden(actor: Actor): Promise<void> {
  const answer = await requestWithoutRedirect(await actor.page(), TotpNewPage.path);
  assert.equal(
    answer.status,
    403,
    `the TOTP enrolment page answered HTTP ${answer.status} with OTP disabled`,
  );
  assert.match(await answer.body(), /OTP has been disabled on this instance\./);
}
