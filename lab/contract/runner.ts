/**
 * Runs the exchange catalogue against one MISP (a real one when recording, the reference server
 * in the contract test) and answers what it saw, volatile values normalised. Both sides run this
 * same code, so a difference between a recording and an observation is the servers' difference.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { MispRestClient } from '../clients/misp-rest.ts';
import { CATALOGUE, type ConsoleExchange, type Exchange, type RestExchange } from './catalogue.ts';
import type { PageExchange } from './page-landmarks.ts';
import {
  normaliseValue,
  sample,
  shapeOf,
  substitute,
  valueAt,
  type Shape,
  type Substitutions,
} from './normalise.ts';

export interface ConsoleRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ContractTarget {
  url: string;
  adminEmail: string;
  adminAuthKey: string;
  /** Needed for pages (the login form); without it, or without a browser, pages are not run. */
  adminPassword?: string;
  browser?: Browser;
  /** MISP's console (`cake Admin`); without it, console exchanges are not run. */
  console?: (args: string[]) => Promise<ConsoleRun>;
}

export interface Observation {
  id: string;
  request: { kind: Exchange['kind']; method?: string; path?: string; actor?: string; args?: string[] };
  /** Why it did not run (no browser, a setup value an earlier answer did not give). */
  notRun?: string;
  status?: number;
  contentType?: string;
  location?: string;
  shape?: Shape;
  values?: Record<string, unknown>;
  sample?: unknown;
  finalPath?: string;
  landmarks?: Record<string, { present: boolean; text?: string }>;
  console?: ConsoleRun;
}

export interface CatalogueRun {
  observations: Observation[];
  /** Every secret the run used, for the caller to prove none reached a recording. */
  secrets: string[];
}

const WRONG_KEY = 'B'.repeat(40);

export async function runCatalogue(
  target: ContractTarget,
  exchanges: Exchange[] = CATALOGUE,
): Promise<CatalogueRun> {
  const ns = `rec${randomBytes(3).toString('hex')}`;
  const context: Record<string, unknown> = {
    ns,
    adminEmail: target.adminEmail,
    userEmail: `${ns}-user@lab.test`,
    userPassword: `Rec-${randomBytes(9).toString('base64url')}-9a`,
    roleName: `${ns}-skip-otp`,
    tagName: `misp-lab:${ns}`,
    eventInfo: `${ns} contract event`,
  };
  const substitutions = (): Substitutions => ({
    baseUrl: target.url.replace(/\/+$/, ''),
    ...Object.fromEntries(
      ['ns', 'adminEmail', 'userEmail', 'roleName', 'tagName', 'eventInfo'].map((k) => [
        k,
        String(context[k]),
      ]),
    ),
  });
  const admin = new MispRestClient({ baseUrl: target.url, authKey: target.adminAuthKey });
  const web = new WebSessions(target);
  const observations: Observation[] = [];
  try {
    for (const exchange of exchanges) {
      const request = describeRequest(exchange);
      const missing = missingValues(exchange, context);
      if (missing.length > 0) {
        observations.push({
          id: exchange.id,
          request,
          notRun: `needs ${missing.join(', ')}, which no earlier answer gave`,
        });
        continue;
      }
      const observed =
        exchange.kind === 'rest'
          ? await restExchange(exchange, admin, context, substitutions)
          : exchange.kind === 'page'
            ? await web.visit(exchange, context, substitutions())
            : await consoleExchange(exchange, target, substitutions());
      observations.push({ id: exchange.id, request, ...observed });
    }
  } finally {
    await web.close();
  }
  const secrets = [target.adminAuthKey, target.adminPassword, context.userPassword, context.userKey];
  return {
    observations,
    secrets: secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8),
  };
}

function describeRequest(exchange: Exchange): Observation['request'] {
  if (exchange.kind === 'rest')
    return { kind: 'rest', method: exchange.method, path: exchange.path, actor: exchange.actor };
  if (exchange.kind === 'page')
    return { kind: 'page', method: 'GET', path: exchange.path, actor: exchange.actor };
  return { kind: 'console', args: exchange.args };
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Placeholders of the exchange that the run has no value for (yet). */
function missingValues(exchange: Exchange, context: Record<string, unknown>): string[] {
  const templates = JSON.stringify(
    exchange.kind === 'page' ? [exchange.path, exchange.landmarks.map((l) => l.selector)] : exchange,
  );
  const names = [...templates.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (exchange.kind === 'rest' && exchange.actor === 'user') names.push('userKey');
  return [...new Set(names)].filter((name) => context[name] === undefined || context[name] === null);
}

function fill(
  template: string,
  context: Record<string, unknown>,
  encode: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    context[name] === undefined ? whole : encode(String(context[name])),
  );
}

function fillBody(body: unknown, context: Record<string, unknown>): unknown {
  if (typeof body === 'string') return fill(body, context);
  if (Array.isArray(body)) return body.map((item) => fillBody(item, context));
  if (body !== null && typeof body === 'object')
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, fillBody(v, context)]),
    );
  return body;
}

async function restExchange(
  exchange: RestExchange,
  admin: MispRestClient,
  context: Record<string, unknown>,
  substitutions: () => Substitutions,
): Promise<Partial<Observation>> {
  const key = { admin: undefined, user: String(context.userKey), anonymous: null, wrongKey: WRONG_KEY }[
    exchange.actor
  ];
  const client = key === undefined ? admin : admin.as(key ?? undefined);
  const path = fill(exchange.path, context, encodeURIComponent);
  const answer = await client.request<unknown>(
    exchange.method,
    path,
    exchange.method === 'POST' ? fillBody(exchange.body ?? {}, context) : undefined,
  );
  for (const [name, from] of Object.entries(exchange.capture ?? {})) {
    const value = typeof from === 'function' ? from(answer.data) : valueAt(answer.data, from);
    if (value !== undefined && value !== null) context[name] = value;
  }
  const subs = substitutions();
  const json = typeof answer.data === 'object' && answer.data !== null;
  const normalised = json ? normaliseValue(answer.data, subs) : undefined;
  return {
    status: answer.status,
    contentType: answer.headers['content-type'],
    location: answer.headers.location ? normalisePath(answer.headers.location, subs) : undefined,
    shape: json ? shapeOf(answer.data) : undefined,
    values:
      json && exchange.values
        ? Object.fromEntries(exchange.values.map((p) => [p, valueAt(normalised, p) ?? null]))
        : undefined,
    sample: json ? sample(normalised) : undefined,
  };
}

/** A redirect target or page path as a path with ids as <id> (hosts and ports differ per server). */
export function normalisePath(location: string, substitutions: Substitutions): string {
  const path = new URL(location, 'http://any.host').pathname;
  return substitute(path, substitutions).replace(/\/\d+(?=\/|$|\.)/g, '/<id>');
}

async function consoleExchange(
  exchange: ConsoleExchange,
  target: ContractTarget,
  subs: Substitutions,
): Promise<Partial<Observation>> {
  if (!target.console) return { notRun: 'no console was given (--console)' };
  const run = await target.console(exchange.args);
  return {
    console: {
      stdout: substitute(run.stdout, subs),
      stderr: substitute(run.stderr, subs),
      exitCode: run.exitCode,
    },
  };
}

/** Browser contexts by actor; the admin's logs in through MISP's login form once. */
class WebSessions {
  private readonly contexts = new Map<string, Promise<BrowserContext>>();

  constructor(private readonly target: ContractTarget) {}

  async visit(
    exchange: PageExchange,
    context: Record<string, unknown>,
    subs: Substitutions,
  ): Promise<Partial<Observation>> {
    if (!this.target.browser) return { notRun: 'no browser to load pages in' };
    if (exchange.actor === 'web' && !this.target.adminPassword)
      return { notRun: 'no admin password for the login form' };
    const browserContext = await this.context(exchange.actor);
    const page = await browserContext.newPage();
    try {
      const response = await page.goto(fill(exchange.path, context, encodeURIComponent), {
        waitUntil: 'load',
      });
      const landmarks: NonNullable<Observation['landmarks']> = {};
      for (const landmark of exchange.landmarks) {
        const locator = page.locator(fill(landmark.selector, context));
        const present = (await locator.count()) > 0;
        landmarks[landmark.name] =
          present && landmark.text
            ? {
                present,
                text: substitute((await locator.first().innerText()).replace(/\s+/g, ' ').trim(), subs),
              }
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

  private context(actor: PageExchange['actor']): Promise<BrowserContext> {
    let made = this.contexts.get(actor);
    if (!made) {
      made = this.open(actor);
      this.contexts.set(actor, made);
    }
    return made;
  }

  private async open(actor: PageExchange['actor']): Promise<BrowserContext> {
    const context = await this.target.browser!.newContext({ baseURL: this.target.url });
    if (actor === 'web') {
      const page = await context.newPage();
      await page.goto('/users/login');
      const form = page.locator('form#UserLoginForm');
      await form.locator('input[name="data[User][email]"]').fill(this.target.adminEmail);
      await form.locator('input[name="data[User][password]"]').fill(this.target.adminPassword!);
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        form.locator('[type="submit"]').click(),
      ]);
      if (new URL(page.url()).pathname.startsWith('/users/login'))
        throw new Error(`logging in as ${this.target.adminEmail} through the login form failed`);
      await page.close();
    }
    return context;
  }

  async close(): Promise<void> {
    for (const made of this.contexts.values()) await (await made.catch(() => null))?.close();
  }
}
