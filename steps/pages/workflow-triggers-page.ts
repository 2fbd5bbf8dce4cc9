/**
 * Administration → Workflows (/workflows/triggers): one row per trigger with its editor link
 * (/workflows/editor/<trigger-id>, MISP's own URL), Enable/Disable and the execution logs.
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class WorkflowTriggersPage {
  static readonly path = '/workflows/triggers';

  constructor(private readonly page: Page) {}

  async openFromMenu(): Promise<Response> {
    await this.page.getByText('Administration', { exact: true }).first().click();
    const link = this.page.locator('a[href$="/workflows/triggers"]', { hasText: 'Workflows' }).first();
    return navigateBy(this.page, () => link.click());
  }

  /** The editor link of a trigger's row. */
  async openEditor(triggerId: string): Promise<Response> {
    const link = this.page.locator(`a[href$="/workflows/editor/${triggerId}"]`).first();
    return navigateBy(this.page, () => link.click());
  }
}
