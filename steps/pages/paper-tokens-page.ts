/** MISP's /users/hotp (spec §1.4): "Paper based Single Use Tokens", 50 codes in a <pre>. */
import type { Page } from 'playwright-core';
import { parsePaperTokens } from '../clients/otp.ts';
import { currentPath } from './navigation.ts';

export class PaperTokensPage {
  /** Followed by the user's id on some pages (/users/hotp/<id>). */
  static readonly path = '/users/hotp';

  constructor(private readonly page: Page) {}

  /** The browser shows this page (with or without the user's id). */
  isCurrent(): boolean {
    return currentPath(this.page).replace(/\/\d+$/, '') === PaperTokensPage.path;
  }

  async isShown(): Promise<boolean> {
    return (await this.page.getByText('Paper based Single Use Tokens').count()) > 0;
  }

  async tokens(): Promise<Map<number, string>> {
    const pre = this.page.locator('pre').filter({ hasText: /\d+:\s*\d{6}/ });
    return parsePaperTokens(await pre.first().innerText());
  }
}
