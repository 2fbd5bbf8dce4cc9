/**
 * MISP's user view (spec §1.5): /users/view/me for oneself, /admin/users/view/<id> for admins.
 * The "TOTP" row shows Yes/No and the links Generate, View paper tokens and Delete.
 */
import type { Locator, Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class UserViewPage {
  constructor(private readonly page: Page) {}

  /**
   * Clicks the user's own name in MISP's top bar, as the slides do. MISP shows a name made from
   * the email ("Alice-c2488216" for alice-c2488216@…) with the email as the span's title.
   */
  async openFromUserName(email: string): Promise<Response> {
    const link = this.page
      .locator('#topBar a[href$="/users/view/me"]')
      .filter({ has: this.page.locator(`span[title="${email}"]`) })
      .first();
    return navigateBy(this.page, () => link.click());
  }

  totpRow(): Locator {
    const header = this.page.locator('th, td').filter({ hasText: /^\s*TOTP\s*$/ });
    return this.page.locator('tr').filter({ has: header }).first();
  }

  async hasTotpRow(): Promise<boolean> {
    return (await this.totpRow().count()) > 0;
  }

  /** "Yes" or "No", as the label in the TOTP row says. */
  async totpStatus(): Promise<string> {
    return (await this.totpRow().locator('.label').first().innerText()).trim();
  }

  async clickGenerate(): Promise<Response> {
    return navigateBy(this.page, () => this.totpRow().getByText('Generate', { exact: true }).click());
  }

  async clickViewPaperTokens(): Promise<Response> {
    return navigateBy(this.page, () => this.totpRow().getByText('View paper tokens').click());
  }

  /**
   * "Delete" opens MISP's confirm dialog (a modal in MISP, a page elsewhere); its "Delete"
   * button posts to /users/totp_delete/<id>.
   */
  async deleteTotpAndConfirm(): Promise<Response> {
    const opened = this.totpRow().getByText('Delete', { exact: true });
    const before = this.page.url();
    await opened.click();
    const footer = this.page.locator('.modal-footer').filter({ visible: true }).first();
    await footer.waitFor();
    // MISP's generic modal: an <a class="btn btn-primary">Delete</a> submitting a hidden form.
    const confirm = footer.getByText('Delete', { exact: true }).first();
    const response = await navigateBy(this.page, () => confirm.click());
    if (this.page.url() === before && response.status() >= 400)
      throw new Error(`deleting the TOTP answered HTTP ${response.status()}`);
    return response;
  }
}
