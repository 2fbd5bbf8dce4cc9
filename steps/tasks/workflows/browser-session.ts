/**
 * The site admin at the keyboard: MISP's login form in a fresh browser session (the auth
 * scenarios' LoginPage), proven by leaving the login page. The lab's admin has no TOTP.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { LoginPage } from '../../pages/login-page.ts';
import { currentPath, flashTexts } from '../../pages/navigation.ts';

export async function logInAsSiteAdmin(world: LabWorld): Promise<void> {
  const page = await world.freshPage();
  const login = new LoginPage(page);
  await login.open();
  const response = await login.submit(world.env.misp.adminEmail, world.env.misp.adminPassword);
  assert.ok(
    !(await login.isShown()),
    `the site admin's login was refused (HTTP ${response.status()}): ${(await flashTexts(page)).join(' | ')}`,
  );
  assert.notEqual(
    currentPath(page),
    '/users/otp',
    'the lab admin is asked for an OTP: log in with a TOTP task instead',
  );
}
