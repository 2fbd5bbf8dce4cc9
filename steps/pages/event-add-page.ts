/** MISP's Add Event page (/events/add: form#EventAddForm, data[Event][distribution|info], Submit). */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class EventAddPage {
  constructor(private readonly page: Page) {}

  /** Event Actions → Add Event, as a user finds it in the top bar. */
  async openFromMenu(): Promise<Response> {
    await this.page.locator('#topBar').getByText('Event Actions', { exact: true }).first().click();
    const link = this.page.locator('#topBar a[href$="/events/add"]', { hasText: 'Add Event' }).first();
    return navigateBy(this.page, () => link.click());
  }

  async submit(info: string, distribution: string): Promise<Response> {
    const form = this.page.locator('form#EventAddForm');
    await form.locator('select#EventDistribution').selectOption({ label: distribution });
    await form.locator('#EventInfo').fill(info);
    return navigateBy(this.page, () =>
      form.locator('[type="submit"], button', { hasText: 'Submit' }).first().click(),
    );
  }
}
