/** MISP's /users/email_otp (spec §1.8): form UserEmailOtpForm with data[User][otp] and a "Resend" link. */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class EmailOtpPage {
  static readonly path = '/users/email_otp';

  constructor(private readonly page: Page) {}

  readonly form = () => this.page.locator('form#UserEmailOtpForm');

  /** MISP's "Submit" is a <button> without a type (a submit button all the same). */
  private readonly submitButton = () => this.form().getByRole('button', { name: 'Submit' });

  async isShown(): Promise<boolean> {
    return (await this.form().count()) === 1;
  }

  /** Types the code into the form already shown: reloading the page would mail a new code. */
  async submit(code: string): Promise<Response> {
    await this.form().locator('input[name="data[User][otp]"]').fill(code);
    return navigateBy(this.page, () => this.submitButton().click());
  }
}
