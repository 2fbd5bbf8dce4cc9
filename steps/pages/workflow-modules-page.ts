/**
 * Workflows → List Modules (/workflows/moduleIndex, observed on 2.5.1): filter buttons (All,
 * Action, Logic, …; Action is shown first), one row per module with a checkbox carrying
 * `data-id="<module id>"` and the Enable/Disable icon.
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';
import { rowIsEnabled, toggleRow } from './workflow-toggles.ts';

export type ModuleListFilter = 'All' | 'Action' | 'Logic';

export class WorkflowModulesPage {
  constructor(private readonly page: Page) {}

  /** Clicks a filter button such as "Logic" (a link to /workflows/moduleIndex/type:logic). */
  async showOnly(filter: ModuleListFilter): Promise<Response> {
    const link = this.page.locator(`a.btn[href$="/workflows/moduleIndex/type:${filter.toLowerCase()}"]`);
    return navigateBy(this.page, () => link.first().click());
  }

  /** Enables or disables a module from its row; undefined when it already was so. */
  async setEnabled(moduleId: string, enabled: boolean): Promise<Response | undefined> {
    return toggleRow(this.page, this.row(moduleId), enabled);
  }

  async isEnabled(moduleId: string): Promise<boolean> {
    return rowIsEnabled(this.row(moduleId));
  }

  private row(moduleId: string) {
    return this.page
      .locator('tr')
      .filter({ has: this.page.locator(`input[data-id="${moduleId}"]`) })
      .first();
  }
}
