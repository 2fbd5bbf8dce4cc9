/**
 * Administration → Workflows (/workflows/triggers): one row per trigger with its editor link
 * (/workflows/editor/<trigger-id>, MISP's own URL), Enable/Disable and the execution logs, and
 * the side menu (List Triggers, List Modules, List Workflow Blueprints).
 */
import type { Locator, Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';
import { rowIsEnabled, toggleRow } from './workflow-toggles.ts';

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

  /** Enables or disables a trigger with its row's icon; undefined when it already was so. */
  async setEnabled(triggerId: string, enabled: boolean): Promise<Response | undefined> {
    return toggleRow(this.page, this.row(triggerId), enabled);
  }

  async isEnabled(triggerId: string): Promise<boolean> {
    return rowIsEnabled(this.row(triggerId));
  }

  /** "List Modules" in the side menu. */
  async openModuleList(): Promise<Response> {
    const link = this.page.locator('.sideMenu a[href$="/workflows/moduleIndex"]').first();
    return navigateBy(this.page, () => link.click());
  }

  /** MISP's rows carry no trigger id; the editor link in the Actions cell names it. */
  private row(triggerId: string): Locator {
    const editor = this.page.locator(`a[href$="/workflows/editor/${triggerId}"]`);
    return this.page.locator('tr').filter({ has: editor }).first();
  }
}
