/**
 * MISP 2.5.1's Add Attribute page (form#AttributeAddForm, fields data[Attribute][…]; observed:
 * fixtures/misp-samples-observed/workshop-pages.json). MISP hides category and type behind chosen
 * (#AttributeCategory_chosen: click, type, Enter); where no chosen box is shown the plain select is
 * used. A datetime value needs its timezone, else MISP asks a confirm() first.
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export interface AttributeFields {
  category: string;
  type: string;
  value: string;
  toIds: boolean;
}

export class AttributeAddPage {
  constructor(private readonly page: Page) {}

  private readonly form = () => this.page.locator('form#AttributeAddForm');

  private async choose(selectId: string, label: string): Promise<void> {
    const chosen = this.page.locator(`#${selectId}_chosen`);
    if ((await chosen.count()) > 0 && (await chosen.isVisible())) {
      await chosen.click();
      await this.page.keyboard.type(label);
      await this.page.keyboard.press('Enter');
      return;
    }
    await this.form().locator(`select#${selectId}`).selectOption({ label });
  }

  async submit(fields: AttributeFields): Promise<Response> {
    await this.form().waitFor();
    await this.choose('AttributeCategory', fields.category);
    await this.choose('AttributeType', fields.type);
    await this.form().locator('#AttributeValue').fill(fields.value);
    await this.form().locator('#AttributeToIds').setChecked(fields.toIds);
    return navigateBy(this.page, () => this.form().locator('button', { hasText: 'Submit' }).click());
  }
}
