/**
 * MISP 2.5.1's "Add Object" (observed: fixtures/misp-samples-observed/workshop-pages.json): the
 * side menu's #liaddObject opens a popover with a chosen select of meta-categories, then one of
 * templates whose choice opens /objects/add/<event>/<template>; there table#editTable has one
 * tr.attribute_row per template element, named by its hidden [object_relation] input; Submit
 * shows the review, "Create new object" saves and returns to the event.
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export interface ObjectAttributeFields {
  relation: string;
  value: string;
  toIds: boolean;
}

export class ObjectAddPages {
  constructor(private readonly page: Page) {}

  private async pickInChosen(index: number, label: string): Promise<void> {
    const popover = this.page.locator('div.popover').last();
    await popover.locator('.chosen-container').nth(index).click();
    await this.page.keyboard.type(label);
    await this.page.keyboard.press('Enter');
  }

  /** From the event page: Add Object, the meta-category, then the template. */
  async chooseTemplate(metaCategory: string, template: string): Promise<Response> {
    await this.page.locator('#liaddObject a').click();
    await this.pickInChosen(0, metaCategory);
    await this.page.locator('div.popover .generic-picker-wrapper .chosen-container').first().waitFor();
    return navigateBy(this.page, () => this.pickInChosen(1, template));
  }

  private row(relation: string) {
    return this.page.locator('#editTable tr.attribute_row', {
      has: this.page.locator(`input[name$="[object_relation]"][value="${relation}"]`),
    });
  }

  /** Fills the rows, submits, and confirms the review with "Create new object". */
  async submit(attributes: ObjectAttributeFields[]): Promise<Response> {
    for (const attribute of attributes) {
      const row = this.row(attribute.relation);
      await row.locator('textarea[name$="[value]"]').fill(attribute.value);
      await row.locator('input[type="checkbox"][name$="[to_ids]"]').setChecked(attribute.toIds);
    }
    const form = this.page.locator('form', { has: this.page.locator('#editTable') });
    await navigateBy(this.page, () => form.locator('button[type="submit"]', { hasText: 'Submit' }).click());
    const create = this.page.locator('form button[type="submit"]', { hasText: 'Create new object' });
    return navigateBy(this.page, () => create.click());
  }
}
