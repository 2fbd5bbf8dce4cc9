/** MISP's /users/hotp (spec §1.4): "Paper based Single Use Tokens", 50 codes in a <pre>. */
import type { Page } from 'playwright-core';
import { parsePaperTokens } from '../clients/otp.ts';

export class PaperTokensPage {
  constructor(private readonly page: Page) {}

  async isShown(): Promise<boolean> {
    return (await this.page.getByText('Paper based Single Use Tokens').count()) > 0;
  }

  async tokens(): Promise<Map<number, string>> {
    const pre = this.page.locator('pre').filter({ hasText: /\d+:\s*\d{6}/ });
    return parsePaperTokens(await pre.first().innerText());
  }
}
