/**
 * MISP's /users/totp_new (spec §1.3): the QR code as inline SVG, the same secret in a <pre>, and
 * form UserTotpNewForm to verify a first code. The QR is read as a person's phone reads it: from
 * the pixels on screen.
 */
import type { Page, Response } from 'playwright-core';
import { decodeQrPng } from '../clients/otp.ts';
import { navigateBy } from './navigation.ts';

export class TotpNewPage {
  static readonly path = '/users/totp_new';

  constructor(private readonly page: Page) {}

  readonly form = () => this.page.locator('form#UserTotpNewForm');

  async open(): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto(TotpNewPage.path));
  }

  /** MISP's "Submit" is a <button> without a type (a submit button all the same). */
  private readonly submitButton = () => this.form().getByRole('button', { name: 'Submit' });

  async isShown(): Promise<boolean> {
    return (await this.form().count()) === 1;
  }

  async secretText(): Promise<string> {
    return (await this.form().locator('pre').innerText()).trim();
  }

  /** Screenshots the QR <svg> at twice its size (small modules defeat decoders) and decodes it. */
  async scanQrCode(): Promise<string> {
    const svg = this.form().locator('svg').first();
    const png = await svg.screenshot({ scale: 'device', animations: 'disabled' });
    try {
      return decodeQrPng(png);
    } catch {
      // A 200-px QR of a long URI has ~3.5 px modules: zoom the page and look again.
      const session = await this.page.context().newCDPSession(this.page);
      await session.send('Emulation.setDeviceMetricsOverride', {
        width: 1280,
        height: 2000,
        deviceScaleFactor: 3,
        mobile: false,
      });
      try {
        return decodeQrPng(await svg.screenshot({ scale: 'device', animations: 'disabled' }));
      } finally {
        await session.send('Emulation.clearDeviceMetricsOverride');
        await session.detach();
      }
    }
  }

  async submit(code: string): Promise<Response> {
    await this.form().locator('input[name="data[User][otp]"]').fill(code);
    return navigateBy(this.page, () => this.submitButton().click());
  }
}
