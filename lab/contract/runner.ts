/**
 * Runs the exchange catalogue against one MISP (a real one when recording, the reference server
 * in the contract test) and answers what it saw, volatile values normalised. Both sides run this
 * same code, so a difference between a recording and an observation is the servers' difference.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { MispRestClient } from '../clients/misp-rest.ts';
import { CATALOGUE, type ConsoleExchange, type Exchange, type RestExchange } from './catalogue.ts';
import { WebSessions } from './web-sessions.ts';
import { fill, fillBody, PLACEHOLDER } from './placeholders.ts';
import {
  normalisePath,
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
  const secrets = [
    target.adminAuthKey,
    target.adminPassword,
    context.userPassword,
    context.userKey,
    context.totpSecret,
  ];
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

/** Placeholders of the exchange that the run has no value for (yet). */
function missingValues(exchange: Exchange, context: Record<string, unknown>): string[] {
  const templates = JSON.stringify(
    exchange.kind === 'page' ? [exchange.path, exchange.landmarks.map((l) => l.selector)] : exchange,
  );
  const names = [...templates.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (exchange.kind === 'rest' && exchange.actor === 'user') names.push('userKey');
  return [...new Set(names)].filter((name) => context[name] === undefined || context[name] === null);
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
