/** Administration → List Users (/admin/users/index) and a user's admin view, found by email. */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';
import { UserViewPage } from './user-view-page.ts';

export class AdminUserPages {
  constructor(private readonly page: Page) {}

  /** Opens the Administration menu and clicks "List Users". */
  async openListUsers(): Promise<Response> {
    await this.page.getByText('Administration', { exact: true }).first().click();
    const link = this.page.locator('a[href$="/admin/users/index"]').filter({ hasText: 'List Users' }).first();
    return navigateBy(this.page, () => link.click());
  }

  /** Clicks the view link in the row of the user with this email (MISP's eye icon). */
  async openUser(userId: string, email: string): Promise<UserViewPage> {
    const row = this.page.locator('tr').filter({ hasText: email }).first();
    await row.waitFor();
    const view = row.locator(`a[href$="/admin/users/view/${userId}"]`).first();
    await navigateBy(this.page, () => view.click());
    return new UserViewPage(this.page);
  }
}
