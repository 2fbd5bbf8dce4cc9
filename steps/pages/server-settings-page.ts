/**
 * Administration → Server Settings & Maintenance (/servers/serverSettings), one tab per branch.
 * MISP's inline editor: double-clicking a value loads a small form (select for booleans) whose
 * accept button posts /servers/serverSettingsEdit/<name>/<id>/1 by AJAX (spec §2.3).
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class ServerSettingsPage {
  constructor(private readonly page: Page) {}

  async openFromMenu(): Promise<Response> {
    await this.page.getByText('Administration', { exact: true }).first().click();
    const link = this.page.getByText('Server Settings & Maintenance', { exact: true }).first();
    return navigateBy(this.page, () => link.click());
  }

  /** Clicks a tab such as "Security" (a link to /servers/serverSettings/Security). */
  async openTab(tab: string): Promise<Response> {
    const link = this.page.locator(`a[href$="/servers/serverSettings/${tab}"]`).first();
    return navigateBy(this.page, () => link.click());
  }

  /** The value shown in the row of a setting ("true", "false", …). */
  async shownValue(setting: string): Promise<string> {
    return (await this.row(setting).locator('td[id$="_solid"]').innerText()).trim();
  }

  /** Opens the inline editor of a boolean setting, chooses the value and accepts it. */
  async chooseValue(setting: string, value: string): Promise<{ status: number; body: unknown }> {
    const field = this.page
      .locator('form[id^="setting_"] [name="data[Server][value]"]')
      .filter({ visible: true });
    await this.openEditor(setting, field);
    await field.selectOption({ label: value });
    const saved = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes(`/servers/serverSettingsEdit/${setting}/`),
    );
    await this.page.locator('.inline-input-accept').filter({ visible: true }).first().click();
    const response = await saved;
    const body: unknown = await response.json().catch(async () => response.text());
    if ((body as { saved?: unknown } | null)?.saved !== true) return { status: response.status(), body };
    // MISP reloads the row after a save; wait until it shows the new value.
    await this.page.waitForFunction(
      ([name, expected]) =>
        Array.from(document.querySelectorAll('tr')).some(
          (tr) =>
            Array.from(tr.querySelectorAll('td')).some((td) => td.textContent?.trim() === name) &&
            tr.querySelector('td[id$="_solid"]')?.textContent?.trim() === expected,
        ),
      [setting, value] as const,
    );
    return { status: response.status(), body };
  }

  /**
   * MISP opens the editor on a double click (settings_row.ctp's ondblclick); the slides say
   * "click", and some MISP-like servers open it on a single click. Try the click, then the
   * double click, so the same step works on both.
   */
  private async openEditor(setting: string, field: ReturnType<Page['locator']>): Promise<void> {
    const cell = this.row(setting).locator('td[id$="_solid"]');
    await cell.click();
    try {
      await field.waitFor({ timeout: 1500 });
    } catch {
      await cell.dblclick();
      await field.waitFor();
    }
  }

  private row(setting: string) {
    const name = this.page
      .locator('td')
      .filter({ hasText: new RegExp(`^\\s*${setting.replace('.', '\\.')}\\s*$`) });
    return this.page.locator('tr').filter({ has: name }).first();
  }
}
