/**
 * An in-memory reference server on 127.0.0.1 with a clock the test moves (TOTP steps, brute-force
 * windows) instead of sleeping, plus helpers to seed users and walk the login pages.
 */
import { generate } from 'otplib';
import { createGuardrails } from 'otplib';
import { startMispServer, type StartedMispServer } from '../../../server/app.ts';
import { generateAuthKey } from '../../../server/auth/secrets.ts';
import { WebClient, readForm, type WebResponse } from './web-client.ts';

export const PASSWORD = 'Correct-Horse-9-battery';
/** A fixed start time in the middle of a 30-second step. */
export const START_MS = Date.UTC(2026, 10, 29, 7, 0, 10);

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export interface Lab {
  server: StartedMispServer;
  url: string;
  now(): number;
  advance(ms: number): void;
  /** Creates a user (role 3 "User" in org 1 unless told) and returns its id and auth key. */
  addUser(
    email: string,
    options?: { roleId?: number; orgId?: number; totp?: string; hotpCounter?: number },
  ): {
    id: number;
    authKey: string;
  };
  client(headers?: Record<string, string>): WebClient;
  stop(): Promise<void>;
}

export async function startLab(settings: Record<string, string | number | boolean> = {}): Promise<Lab> {
  let now = START_MS;
  const server = await startMispServer({ clock: () => now, settings, admin: { password: PASSWORD } });
  const url = server.getUrl();
  return {
    server,
    url,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    addUser(email, options = {}) {
      const authKey = generateAuthKey();
      const user = server.services.users.create({
        email,
        password: PASSWORD,
        org_id: options.orgId ?? 1,
        role_id: options.roleId ?? 3,
        authkey: authKey,
      });
      if (options.totp)
        server.services.users.update(user.id, { totp: options.totp, hotp_counter: options.hotpCounter ?? 0 });
      return { id: user.id, authKey };
    },
    client: (headers) => new WebClient(url, headers),
    stop: () => server.stop(),
  };
}

/** A REST client sending this auth key, as PyMISP does. */
export function keyClient(lab: Lab, key: string): WebClient {
  return lab.client({ Authorization: key, Accept: 'application/json' });
}

export function totpNow(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), guardrails });
}

export function hotp(secret: string, counter: number): Promise<string> {
  return generate({ secret, strategy: 'hotp', counter, guardrails });
}

/** Submits the login form; answers the POST's response (not followed). */
export function submitLogin(client: WebClient, email: string, password = PASSWORD): Promise<WebResponse> {
  return client.submitForm('/users/login', 'UserLoginForm', {
    'data[User][email]': email,
    'data[User][password]': password,
  });
}

export async function submitOtp(client: WebClient, code: string): Promise<WebResponse> {
  return client.submitForm('/users/otp', 'UserOtpForm', { 'data[User][otp]': code });
}

/** Password (+ TOTP when the user has one) until logged in; fails the test on any surprise. */
export async function logIn(
  client: WebClient,
  email: string,
  totpSecret?: string,
  nowMs?: number,
): Promise<void> {
  const first = await submitLogin(client, email);
  if (first.status !== 302) throw new Error(`login answered ${first.status}`);
  if (first.locationPath === '/users/otp') {
    if (!totpSecret || nowMs === undefined) throw new Error('login asked for an OTP');
    const second = await submitOtp(client, await totpNow(totpSecret, nowMs));
    if (second.locationPath !== '/users/routeafterlogin') throw new Error(`otp answered ${second.status}`);
  } else if (first.locationPath !== '/users/routeafterlogin') {
    throw new Error(`login redirected to ${first.locationPath}`);
  }
}

/** Enrols the logged-in user through /users/totp_new; returns the secret the page showed. */
export async function enrolTotp(
  client: WebClient,
  nowMs: number,
): Promise<{ secret: string; answer: WebResponse }> {
  const page = await client.get('/users/totp_new');
  const secret = /<pre>([A-Z2-7]+)<\/pre>/.exec(page.text)?.[1];
  if (!secret) throw new Error(`no secret on totp_new (status ${page.status})`);
  const form = readForm(page.text, 'UserTotpNewForm');
  const answer = await client.request(form.action, {
    form: { ...form.fields, 'data[User][otp]': await totpNow(secret, nowMs) },
  });
  return { secret, answer };
}
