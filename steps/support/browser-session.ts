/**
 * An actor's own browser: one Playwright context (her cookies, her MISP session) and one tab,
 * opened on first use and closed after the scenario. Two actors never share a context, so one
 * logging out leaves the other logged in, as two people at two desks.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface BrowserSessionOptions {
  browser: Browser | null;
  baseUrl: string;
  insecureTls: boolean;
}

export class BrowserSession {
  private context: BrowserContext | null = null;
  private currentPage: Page | null = null;

  constructor(private readonly options: BrowserSessionOptions) {}

  /** The actor's tab, opened on first use. */
  async page(): Promise<Page> {
    if (this.currentPage) return this.currentPage;
    const { browser } = this.options;
    if (!browser) throw new Error('this run has no browser (see the setup message above)');
    this.context = await browser.newContext({
      baseURL: this.options.baseUrl,
      // Room for the workflow editor's sidebar and four nodes side by side, as on a laptop.
      viewport: { width: 1440, height: 1000 },
      ignoreHTTPSErrors: this.options.insecureTls,
    });
    await this.context.tracing.start({ screenshots: true, snapshots: true });
    this.currentPage = await this.context.newPage();
    this.currentPage.setDefaultTimeout(10_000);
    return this.currentPage;
  }

  /** A new session in place of the old one: nothing of an earlier login helps. */
  async restart(): Promise<Page> {
    await this.close();
    return this.page();
  }

  /** The tab, when the actor has used her browser in this scenario. */
  openPage(): Page | null {
    return this.currentPage;
  }

  /** The Playwright trace of the session, written to `file`; false when there is none. */
  async saveTrace(file: string): Promise<boolean> {
    if (!this.context) return false;
    return this.context.tracing.stop({ path: file }).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = null;
    this.currentPage = null;
  }
}
