/** The lab's own help page (/lab/help?lang=en|pt-BR; not a MISP page, so the reference server only). */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class LabHelpPage {
  constructor(private readonly page: Page) {}

  async open(lang: 'en' | 'pt-BR'): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto(`/lab/help?lang=${lang}`));
  }

  async blockedPublishText(): Promise<string> {
    return this.page.locator('#labHelpBlockedPublish').innerText();
  }
}
