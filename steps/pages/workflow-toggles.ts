/**
 * MISP's Enable/Disable icon on the trigger and module lists (observed on 2.5.1): in the row's
 * `td.action-links`, an `a[title="Enable"]` (play) or `a[title="Disable"]` (stop) that asks
 * "Are you sure you want to enable this trigger?" (or module) and then posts a hidden form to
 * /workflows/toggleModule/…; MISP answers with a redirect to the list and the flash
 * "Enabled module <id>".
 */
import type { Locator, Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

/** Clicks the row's toggle when it is not in the wanted state yet; answers the confirm with OK. */
export async function toggleRow(page: Page, row: Locator, enabled: boolean): Promise<Response | undefined> {
  await row.waitFor();
  const wanted = enabled ? 'Enable' : 'Disable';
  const toggle = row.locator(`td.action-links a[title="${wanted}"]`);
  if ((await toggle.count()) === 0) {
    const other = enabled ? 'Disable' : 'Enable';
    if ((await row.locator(`td.action-links a[title="${other}"]`).count()) > 0) return undefined;
    throw new Error(`the row shows neither "${wanted}" nor "${other}"`);
  }
  page.once('dialog', (dialog) => void dialog.accept());
  return navigateBy(page, () => toggle.first().click());
}

/** A row offering "Disable" is enabled, one offering "Enable" is not. */
export async function rowIsEnabled(row: Locator): Promise<boolean> {
  await row.waitFor();
  return (await row.locator('td.action-links a[title="Disable"]').count()) > 0;
}
