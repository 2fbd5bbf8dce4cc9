/**
 * Page loads as evidence: every action that leaves a page returns the final HTTP response of the
 * navigation (after redirects), so tasks can assert MISP's status codes (403 after brute force).
 */
import type { Locator, Page, Response } from 'playwright-core';

export async function navigateBy(page: Page, action: () => Promise<unknown>): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  if (!response) throw new Error(`the browser reached ${page.url()} without an HTTP response`);
  return response;
}

/** The path of the page the browser shows now (MISP's redirects carry absolute URLs). */
export function currentPath(page: Page): string {
  return new URL(page.url()).pathname;
}

/** MISP's home page. */
export async function openHome(page: Page): Promise<Response> {
  return navigateBy(page, () => page.goto('/'));
}

/** Everything the page says, as a reader sees it. */
export async function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** MISP's flash message texts on the current page (errors, infos, successes). */
export async function flashTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('#flashMessage, .alert').allInnerTexts();
  return texts.map((t) => t.replace(/^\s*×\s*/, '').trim()).filter(Boolean);
}

/**
 * What a screenshot must mask, in real MISP 2.5.1's markup: the TOTP secret and QR code in
 * UserTotpNewForm, the paper tokens in the <pre> of the "users form" block, password fields.
 */
export function secretsOnScreen(page: Page): Locator {
  return page.locator('#UserTotpNewForm pre, #UserTotpNewForm svg, .users.form pre, input[type=password]');
}
