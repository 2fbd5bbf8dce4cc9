/**
 * The pages in a real Chromium (skipped when none is installed): log in through the form, walk
 * the menu to Server Settings & Maintenance → Security, click the otp_required value, choose
 * "true" and see the cell say so; then enrol TOTP in the browser and reach the paper tokens.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashTexts } from '../../steps/pages/navigation.ts';
import { PaperTokensPage } from '../../steps/pages/paper-tokens-page.ts';
import { ServerSettingsPage } from '../../steps/pages/server-settings-page.ts';
import { TotpNewPage } from '../../steps/pages/totp-new-page.ts';
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
    // The page object the suite drives real MISP 2.5.1 with: the same clicks work here.
    const settings = new ServerSettingsPage(page);
    await settings.openFromMenu();
    await settings.openTab('Security');
    expect(await settings.shownValue('Security.otp_required')).toBe('false');
    const saved = await settings.chooseValue('Security.otp_required', 'true');
    expect(saved.status).toBe(200);
    expect(await settings.shownValue('Security.otp_required')).toBe('true');
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
    const totpNew = new TotpNewPage(page);
    const secret = await totpNew.secretText();
    expect(await page.locator('#UserTotpNewForm svg').getAttribute('width')).toBe('200');
    await totpNew.submit(await totpNow(secret, lab.now()));
    await page.waitForURL(/\/users\/hotp$/);
    expect(await flashTexts(page)).toEqual(['The OTP is correct and now active for your account.']);
    expect((await new PaperTokensPage(page).tokens()).size).toBe(50);
    await page.close();
  });
});
