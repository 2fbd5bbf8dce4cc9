/**
 * MISP 2.5.1's log table (/logs/index, the top bar's Logs; observed with the columns Id, Email,
 * Org, Created, Model, Model ID, Action, Title, Change, newest first).
 */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export interface LogLine {
  email: string;
  model: string;
  modelId: string;
  action: string;
  title: string;
  change: string;
}

export class LogsPage {
  static readonly path = '/logs/index';

  constructor(private readonly page: Page) {}

  async open(): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto(LogsPage.path));
  }

  /** The rows shown, newest first. */
  async lines(): Promise<LogLine[]> {
    const rows = this.page.locator('table.table-striped.table-hover.table-condensed tr').filter({
      has: this.page.locator('td'),
    });
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) =>
          (td.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
        ),
      ),
    );
    return cells.map((c) => ({
      email: c[1] ?? '',
      model: c[4] ?? '',
      modelId: c[5] ?? '',
      action: c[6] ?? '',
      title: c[7] ?? '',
      change: c[8] ?? '',
    }));
  }
}
