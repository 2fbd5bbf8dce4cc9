/** MISP's /users/login (spec §1.1): form UserLoginForm, fields data[User][email] and [password]. */
import type { Page, Response } from 'playwright-core';
import { navigateBy } from './navigation.ts';

export class LoginPage {
  static readonly path = '/users/login';

  constructor(private readonly page: Page) {}

  readonly form = () => this.page.locator('form#UserLoginForm');

  async open(): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto(LoginPage.path));
  }

  /** MISP's logout URL (the top bar's "Log out"), which ends on the login form. */
  async logOut(): Promise<Response> {
    return navigateBy(this.page, () => this.page.goto('/users/logout'));
  }

  /** The form has exactly one email and one password field. */
  async hasEmailAndPassword(): Promise<boolean> {
    await this.form().waitFor();
    const fields = ['input[name="data[User][email]"]', 'input[name="data[User][password]"]'];
    const counts = await Promise.all(fields.map((field) => this.form().locator(field).count()));
    return counts.every((count) => count === 1);
  }

  async isShown(): Promise<boolean> {
    return (await this.form().count()) === 1;
  }

  /** Fills and submits the form; MISP's own script may refresh the CSRF token first. */
  async submit(email: string, password: string): Promise<Response> {
    if (!(await this.isShown())) await this.open();
    const form = this.form();
    await form.locator('input[name="data[User][email]"]').fill(email);
    await form.locator('input[name="data[User][password]"]').fill(password);
    return navigateBy(this.page, () => form.locator('[type="submit"]').click());
  }
}
