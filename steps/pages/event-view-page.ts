/**
 * MISP 2.5.1's event page, /events/view/<id> (observed: fixtures/misp-samples-observed/
 * workshop-pages.json): the Tags row span.eventTagContainer, the attribute rows
 * tr#Attribute_<id>_tr with td[data-edit-field] cells, div.attributeTagContainer and the IDS
 * checkbox input.toids-toggle, the side menu's "Add Attribute" (#liaddAttribute) and
 * "Publish Event" (/events/alert/<id>, whose prompt's Yes is #PromptYesButton).
 */
import type { Locator, Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';
import { TagPicker } from './tag-picker.ts';

export class EventViewPage {
  static pathFor(eventId: string): string {
    return `/events/view/${eventId}`;
  }

  constructor(private readonly page: Page) {}

  async open(eventId: string): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto(EventViewPage.pathFor(eventId)));
  }

  /** The event id in the URL of the page shown now (after "Add Event" redirected here). */
  shownEventId(): string {
    const match = /\/events\/view\/(\d+)/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`the browser shows ${this.page.url()}, not an event page`);
    return match[1]!;
  }

  /**
   * The first word of the details table's "Published" row: "Yes" or "No" (MISP 2.5.1 adds the
   * publish time after "Yes").
   */
  async publishedState(): Promise<string> {
    const key = this.page.locator(':scope > :first-child', { hasText: /^\s*Published\s*$/ });
    const row = this.page.locator('tr').filter({ has: key }).first();
    const shown = await row.locator(':scope > :nth-child(2)').innerText();
    return shown.trim().split(/\s+/)[0] ?? '';
  }

  eventTags(): TagPicker {
    return new TagPicker(this.page, this.page.locator('.eventTagContainer').first());
  }

  /** The row of the attribute whose value cell reads `value`. */
  private attributeRow(value: string): Locator {
    return this.page
      .locator('tr[id^="Attribute_"][id$="_tr"]')
      .filter({ has: this.page.locator('td[data-edit-field="value"]', { hasText: value }) })
      .first();
  }

  attributeTags(value: string): TagPicker {
    return new TagPicker(this.page, this.attributeRow(value).locator('.attributeTagContainer'));
  }

  /** Whether the attribute's IDS checkbox is ticked. */
  async idsFlagOf(value: string): Promise<boolean> {
    return this.attributeRow(value).locator('input.toids-toggle').isChecked();
  }

  /** The values of the attribute rows of the given type (object attributes included). */
  async valuesOfType(type: string): Promise<string[]> {
    const rows = this.page.locator('tr[id^="Attribute_"][id$="_tr"]').filter({
      has: this.page.locator('td[data-edit-field="type"]', { hasText: type }),
    });
    const values = await rows.locator('td[data-edit-field="value"]').allInnerTexts();
    return values.map((value) => value.trim());
  }

  async openAddAttribute(): Promise<Response> {
    return navigateBy(this.page, () => this.page.locator('#liaddAttribute a').click());
  }

  /** "Publish Event" then "Yes": MISP answers by reloading this page with a flash. */
  async publishWithConfirmation(): Promise<Response> {
    await this.page
      .locator('a', { hasText: /^Publish Event$/ })
      .first()
      .click();
    const yes = this.page.locator('#PromptYesButton');
    await yes.waitFor();
    return navigateBy(this.page, () => yes.click());
  }
}
