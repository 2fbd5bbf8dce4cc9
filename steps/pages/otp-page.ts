/** MISP's /users/otp (spec §1.2): form UserOtpForm with data[User][otp]. */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class OtpPage {
  static readonly path = '/users/otp';

  constructor(private readonly page: Page) {}

  readonly form = () => this.page.locator('form#UserOtpForm');

  /** MISP's "Submit" is a <button> without a type (a submit button all the same). */
  private readonly submitButton = () => this.form().getByRole('button', { name: 'Submit' });

  async isShown(): Promise<boolean> {
    return (await this.form().count()) === 1;
  }

  /** The paper token number MISP asks for: "… Single Use Token number <hotp_counter>". */
  async requestedPaperTokenNumber(): Promise<number | null> {
    const label = await this.form().locator('label[for="UserOtp"]').innerText();
    const match = /Single Use Token number\s*(\d+)/.exec(label);
    return match ? Number(match[1]) : null;
  }

  async submit(code: string): Promise<Response> {
    await this.form().locator('input[name="data[User][otp]"]').fill(code);
    return navigateBy(this.page, () => this.submitButton().click());
  }
}
