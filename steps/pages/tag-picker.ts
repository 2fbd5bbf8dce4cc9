/**
 * MISP 2.5.1's tag picker popover (observed: fixtures/misp-samples-observed/workshop-pages.json):
 * the "+" button's div.popover shows pills; "All Tags" loads a chosen-dressed multiple select into
 * .generic-picker-wrapper; typing the name and Enter picks it; Submit posts the picked ids. The
 * "x" beside a tag opens the "Remove tag" popover whose #PromptYesButton removes it. After either,
 * MISP answers JSON and redraws the tag row, so the picker waits for the tag to appear or go.
 */
import type { Locator, Page } from 'playwright-core';

export class TagPicker {
  constructor(
    private readonly page: Page,
    /** The tag row: span.eventTagContainer or an attribute's div.attributeTagContainer. */
    private readonly container: Locator,
  ) {}

  private readonly popover = () => this.page.locator('div.popover').last();

  /** The names of the tags the row shows. */
  async tagNames(): Promise<string[]> {
    const names = await this.container.locator('a.tag').allInnerTexts();
    return names.map((name) => name.trim());
  }

  async add(tagName: string): Promise<void> {
    await this.container.locator('button.addTagButton').first().click();
    await this.popover().locator('a.pill-pre-picker', { hasText: 'All Tags' }).click();
    const wrapper = this.popover().locator('.generic-picker-wrapper').first();
    await wrapper.locator('.chosen-container input').first().click();
    await this.page.keyboard.type(tagName);
    await this.page.keyboard.press('Enter');
    await wrapper.locator('button', { hasText: 'Submit' }).first().click();
    await this.container.locator('a.tag', { hasText: tagName }).first().waitFor();
  }

  async remove(tagName: string): Promise<void> {
    const tag = this.container.locator('.tag-container', {
      has: this.page.locator('a.tag', { hasText: tagName }),
    });
    await tag.locator('span[title="Remove tag"]').click();
    await this.popover().getByText('Yes', { exact: true }).click();
    await this.container.locator('a.tag', { hasText: tagName }).first().waitFor({ state: 'detached' });
  }
}
