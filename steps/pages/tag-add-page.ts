/**
 * Event Actions → Add Tag (/tags/add, observed on 2.5.1): form#TagAddForm with data[Tag][name]
 * (#TagName) and data[Tag][colour] (#TagColour, both required), Exportable ticked; "Submit"
 * leads to the tag list with the flash "The tag has been saved.".
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class TagAddPage {
  constructor(private readonly page: Page) {}

  async openFromMenu(): Promise<Response> {
    await this.page.locator('#topBar').getByText('Event Actions', { exact: true }).first().click();
    const link = this.page.locator('#topBar a[href$="/tags/add"]', { hasText: 'Add Tag' }).first();
    return navigateBy(this.page, () => link.click());
  }

  async submit(name: string, colour: string): Promise<Response> {
    const form = this.page.locator('form#TagAddForm');
    await form.locator('#TagName').fill(name);
    await form.locator('#TagColour').fill(colour);
    return navigateBy(this.page, () => form.locator('button', { hasText: 'Submit' }).first().click());
  }
}
