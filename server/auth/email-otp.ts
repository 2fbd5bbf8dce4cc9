/**
 * Email OTP (MISP's UsersController::email_otp, spec §1.8): after a right password, a numeric code
 * goes out by mail and must come back before the user is logged in. MISP keeps the code in Redis
 * under misp:otp:<user id> with a TTL; here it lives in memory, one code per user, per server.
 *
 * Deliberate differences from MISP: the code is compared as an exact string in constant time
 * (PHP's `==` would also take "0123" for "123"), and a failed send drops the code nobody received.
 * Like MISP (spec §1.6) there is no brute-force check on this step.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../http/context.ts';
import { absoluteUrl } from '../http/respond.ts';
import type { ServerServices } from '../services.ts';
import type { UserRow } from '../users/user-repository.ts';
import { userTitle } from './login-service.ts';

/** Session key holding the id of the user who gave the right password (MISP's name). */
export const EMAIL_OTP_USER_KEY = 'email_otp_user';
export const EMAIL_OTP_SENT_FLASH = 'An email containing a OTP has been sent.';
export const EMAIL_OTP_WRONG_FLASH = 'The OTP is incorrect or has expired';
export const EMAIL_OTP_NOT_SENT_FLASH = "The email couldn't be sent, please reach out to your administrator.";

export const DEFAULT_EMAIL_OTP_LENGTH = 6;
export const DEFAULT_EMAIL_OTP_VALIDITY_MINUTES = 5;
/** Past this a "length" is a typo, not a policy; it falls back to the default like an empty value. */
const MAX_EMAIL_OTP_LENGTH = 64;

/** Our own wording of the mail, used while Security.email_otp_text is empty. */
export const DEFAULT_EMAIL_OTP_TEXT = [
  'Hello $username,',
  '',
  'Someone (hopefully you) gave the right password for your account on $misp from $ip.',
  'To finish logging in, enter this one-time password: $otp',
  'It stays valid for $validity minutes and works only once.',
  '',
  'If this was not you, change your password and tell $contact.',
  '',
  '$org MISP',
].join('\n');

interface IssuedCode {
  code: string;
  expiresAtMs: number;
}

/** The server-side codes, keyed by user id; a new code replaces the previous one. */
export class EmailOtpCodes {
  private readonly codes = new Map<number, IssuedCode>();

  constructor(private readonly now: () => number) {}

  issue(userId: number, length: number, validityMinutes: number): IssuedCode {
    const issued = { code: numericCode(length), expiresAtMs: this.now() + validityMinutes * 60_000 };
    this.codes.set(userId, issued);
    return issued;
  }

  /** True when `input` is the user's live code; the code is then used up. */
  consume(userId: number, input: string): boolean {
    const issued = this.codes.get(userId);
    if (!issued) return false;
    if (this.now() >= issued.expiresAtMs) {
      this.codes.delete(userId); // as Redis drops a key whose TTL ran out
      return false;
    }
    if (!sameText(input, issued.code)) return false;
    this.codes.delete(userId);
    return true;
  }

  discard(userId: number): void {
    this.codes.delete(userId);
  }
}

const storeByServer = new WeakMap<ServerServices, EmailOtpCodes>();

/** The code store of one server (services are built once per server). */
export function emailOtpCodes(services: ServerServices): EmailOtpCodes {
  let store = storeByServer.get(services);
  if (!store) {
    store = new EmailOtpCodes(services.clock);
    storeByServer.set(services, store);
  }
  return store;
}

export function emailOtpEnabled(services: ServerServices): boolean {
  return services.settings.bool('Security.email_otp_enabled');
}

/** Security.email_otp_exceptions: comma-separated emails that skip the mailed code. */
export function isEmailOtpException(services: ServerServices, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return services.settings
    .string('Security.email_otp_exceptions')
    .split(',')
    .some((entry) => entry.trim().toLowerCase() === wanted && wanted !== '');
}

export function emailOtpPolicy(services: ServerServices): { length: number; validityMinutes: number } {
  const length = services.settings.number('Security.email_otp_length');
  const validity = services.settings.number('Security.email_otp_validity');
  return {
    length:
      Number.isInteger(length) && length >= 1 && length <= MAX_EMAIL_OTP_LENGTH
        ? length
        : DEFAULT_EMAIL_OTP_LENGTH,
    validityMinutes:
      Number.isFinite(validity) && validity > 0 ? validity : DEFAULT_EMAIL_OTP_VALIDITY_MINUTES,
  };
}

export interface EmailOtpTextValues {
  otp: string;
  username: string;
  org: string;
  misp: string;
  contact: string;
  ip: string;
  validity: string;
}

/**
 * Fills the template's $variables in one pass (so a value that itself contains "$otp" stays as it
 * is) and turns the two characters `\n`, as admins type them in the settings field, into line breaks.
 */
export function renderEmailOtpText(template: string, values: EmailOtpTextValues): string {
  return template
    .replace(
      /\$(otp|username|org|misp|contact|ip|validity)/g,
      (_, name: keyof EmailOtpTextValues) => values[name],
    )
    .replace(/\\n/g, '\n');
}

export type SendOutcome = { sent: true } | { sent: false; reason: string };

/** GET /users/email_otp: a fresh code for `user`, mailed; a failed send leaves no usable code. */
export async function sendEmailOtp(ctx: RequestContext, user: UserRow): Promise<SendOutcome> {
  const { services } = ctx;
  const { settings } = services;
  const policy = emailOtpPolicy(services);
  const codes = emailOtpCodes(services);
  const { code } = codes.issue(user.id, policy.length, policy.validityMinutes);
  const org = settings.string('MISP.org');
  const template = settings.string('Security.email_otp_text').trim() || DEFAULT_EMAIL_OTP_TEXT;
  const text = renderEmailOtpText(template, {
    otp: code,
    username: user.email,
    org,
    misp: absoluteUrl(ctx, '/').replace(/\/$/, ''),
    contact: settings.string('MISP.contact') || settings.string('MISP.email'),
    ip: ctx.ip,
    validity: String(policy.validityMinutes),
  });
  try {
    if (settings.bool('MISP.disable_emailing'))
      throw new Error('e-mailing is disabled (MISP.disable_emailing)');
    await services.mailer.send({
      from: settings.string('MISP.email'),
      to: [user.email],
      subject: `[${org} MISP] Email OTP`,
      text,
    });
    return { sent: true };
  } catch (error) {
    codes.discard(user.id);
    const reason = (error as Error).message;
    // The person at the login page gets a short flash; the admin reads why in the logs.
    services.logs.write({
      title: userTitle(user, ' email OTP could not be sent'),
      model: 'User',
      model_id: user.id,
      action: 'error',
      change: reason,
      ip: ctx.ip,
    });
    return { sent: false, reason };
  }
}

function numericCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += String(randomInt(10));
  return code;
}

function sameText(input: string, expected: string): boolean {
  const a = Buffer.from(input, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
