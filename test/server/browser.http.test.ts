/**
 * The pages in a real Chromium (skipped when none is installed): log in through the form, walk
 * the menu to Server Settings & Maintenance → Security, click the otp_required value, choose
 * "true" and see the cell say so; then enrol TOTP in the browser and reach the paper tokens.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startLab, totpNow, type Lab } from './support/lab-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

describe.skipIf(!existsSync(CHROMIUM))('in a real browser', () => {
  let lab: Lab;
  let browser: Browser;
  beforeAll(async () => {
    lab = await startLab();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('turns Security.otp_required on with the inline editor', async () => {
    const page = await browser.newPage();
    await page.goto(`${lab.url}/users/login`);
    await page.fill('#UserEmail', 'admin@admin.test');
    await page.fill('#UserPassword', PASSWORD);
    await page.click('#UserLoginForm button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/users/login'));
    await page.goto(`${lab.url}/users/view/me`);
    await page.click('summary:has-text("Administration")');
    await page.click('text=Server Settings & Maintenance');
    await page.click('a:has-text("Security settings")');
    const cell = page.locator('td.inline-field-solid[data-setting="Security.otp_required"]');
    expect(await cell.textContent()).toBe('false');
    await cell.dblclick(); // MISP binds ondblclick; a single click works here too
    const select = page.locator('form.inline-field-form select[name="data[Server][value]"]');
    await select.selectOption({ label: 'true' });
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(false); // not saved yet
    await page.locator('.inline-input-accept').click();
    await expect
      .poll(async () =>
        page.locator('td.inline-field-solid[data-setting="Security.otp_required"]').textContent(),
      )
      .toBe('true');
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(true);
    await page.close();
  });

  it('enrols TOTP from the page and shows the paper tokens', async () => {
    lab.addUser('browser@lab.test');
    const page = await browser.newPage();
    await page.goto(`${lab.url}/users/login`);
    await page.fill('#UserEmail', 'browser@lab.test');
    await page.fill('#UserPassword', PASSWORD);
    await page.click('#UserLoginForm button[type=submit]');
    await page.waitForURL(/\/users\/totp_new$/); // otp_required was switched on above
    const secret = (await page.locator('#UserTotpNewForm pre').textContent())!.trim();
    expect(await page.locator('#UserTotpNewForm svg').getAttribute('width')).toBe('200');
    await page.fill('#UserOtp', await totpNow(secret, lab.now()));
    await page.click('#UserTotpNewForm button[type=submit]');
    await page.waitForURL(/\/users\/hotp$/);
    expect((await page.locator('#flashMessage').textContent())?.trim()).toBe(
      'The OTP is correct and now active for your account.',
    );
    const tokens = (await page.locator('#hotpTokens').textContent())!;
    expect(tokens.split('\n').filter(Boolean)).toHaveLength(10);
    await page.close();
  });
});
