/**
 * The catalogue's pages in a browser, one context per actor, logged in as a person does: the
 * login form (whose CakePHP token fields the browser posts back itself), and for the 2FA pages the
 * run's user enrolling TOTP on /users/totp_new with a code computed from the secret it shows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { generateSync } from 'otplib';
import type { PageExchange } from './page-landmarks.ts';
import { normalisePath, substitute, type Substitutions } from './normalise.ts';
import { fill } from './placeholders.ts';
import type { ContractTarget, Observation } from './runner.ts';

type Actor = PageExchange['actor'];

/** The actors that are the run's own user, who must exist first. */
const USER_ACTORS: ReadonlySet<Actor> = new Set(['enrolled', 'otp-pending']);

export class WebSessions {
  private readonly contexts = new Map<Actor, Promise<BrowserContext>>();

  constructor(private readonly target: ContractTarget) {}

  async visit(
    exchange: PageExchange,
    context: Record<string, unknown>,
    subs: Substitutions,
  ): Promise<Partial<Observation>> {
    if (!this.target.browser) return { notRun: 'no browser to load pages in' };
    if (exchange.actor === 'web' && !this.target.adminPassword)
      return { notRun: 'no admin password for the login form' };
    if (USER_ACTORS.has(exchange.actor) && context.userId === undefined)
      return { notRun: 'the run made no user to enrol' };
    const browserContext = await this.context(exchange.actor, context);
    const page = await browserContext.newPage();
    try {
      const response = await page.goto(fill(exchange.path, context, encodeURIComponent), {
        waitUntil: 'load',
      });
      if (exchange.ready) {
        // Not there in time: the landmarks then say what is missing.
        await page
          .locator(exchange.ready)
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
      }
      const landmarks: NonNullable<Observation['landmarks']> = {};
      for (const landmark of exchange.landmarks) {
        const locator = page.locator(fill(landmark.selector, context));
        const present = (await locator.count()) > 0;
        landmarks[landmark.name] =
          present && landmark.text
            ? { present, text: substitute(squeeze(await locator.first().innerText()), subs) }
            : { present };
      }
      return {
        status: response?.status(),
        contentType: response?.headers()['content-type'],
        finalPath: normalisePath(page.url(), subs),
        landmarks,
      };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    for (const made of this.contexts.values()) await (await made.catch(() => null))?.close();
  }

  private context(actor: Actor, context: Record<string, unknown>): Promise<BrowserContext> {
    let made = this.contexts.get(actor);
    if (!made) {
      made = this.open(actor, context);
      this.contexts.set(actor, made);
    }
    return made;
  }

  private async open(actor: Actor, context: Record<string, unknown>): Promise<BrowserContext> {
    const browserContext = await this.target.browser!.newContext({ baseURL: this.target.url });
    if (actor === 'anonymous') return browserContext;
    const page = await browserContext.newPage();
    try {
      if (actor === 'web') {
        await logIn(page, this.target.adminEmail, this.target.adminPassword!);
      } else if (actor === 'enrolled') {
        await logIn(page, String(context.userEmail), String(context.userPassword));
        context.totpSecret = await enrolTotp(page);
      } else {
        // otp-pending: the user enrolled above, password only; MISP now asks for the OTP.
        await this.context('enrolled', context);
        await logIn(page, String(context.userEmail), String(context.userPassword), '/users/otp');
      }
    } finally {
      await page.close();
    }
    return browserContext;
  }
}

async function logIn(page: Page, email: string, password: string, expectedPath?: string): Promise<void> {
  await page.goto('/users/login');
  const form = page.locator('form#UserLoginForm');
  await form.locator('input[name="data[User][email]"]').fill(email);
  await form.locator('input[name="data[User][password]"]').fill(password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').click()]);
  const path = new URL(page.url()).pathname;
  if (path.startsWith('/users/login') || (expectedPath && path !== expectedPath))
    throw new Error(`logging in as ${email} through the login form ended on ${path}`);
}

/** /users/totp_new: the secret in its <pre>, a code for it, MISP's Submit; answers the secret. */
async function enrolTotp(page: Page): Promise<string> {
  await page.goto('/users/totp_new');
  const form = page.locator('form#UserTotpNewForm');
  const secret = (await form.locator('pre').innerText()).trim();
  // MISP accepts a code only within its own 30-second step: never type one in a step's last seconds.
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 25) await sleep((30 - intoStep) * 1000 + 200);
  await form.locator('input[name="data[User][otp]"]').fill(generateSync({ secret }));
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    form.getByRole('button', { name: 'Submit' }).click(),
  ]);
  if (new URL(page.url()).pathname === '/users/totp_new')
    throw new Error('enrolling TOTP on /users/totp_new did not take the code');
  return secret;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
