/**
 * TOTP/HOTP as MISP 2.5 uses them through otphp v10 (spec §1.2–§1.4): HMAC-SHA1, 6 digits,
 * 30-second steps from epoch 0, one shared base32 secret. Verification is deliberately as strict
 * as MISP's: only the current TOTP step (no drift window) and only the exact HOTP counter.
 * otplib v13 does the RFC arithmetic; the URI is built here because MISP's label and parameter
 * order differ from otplib's generateURI.
 */
import { randomBytes } from 'node:crypto';
import { createGuardrails, generate, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
export const PAPER_TOKEN_COUNT = 50;

/** MISP accepts any secret an admin stored; otplib's 16-byte floor would refuse short legacy ones. */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const SIX_DIGITS = /^\d{6}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** otphp's default secret: 64 random bytes, base32 upper-case without padding = 103 characters. */
export function newOtpSecret(): string {
  return base32Encode(randomBytes(64));
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** The TOTP code for the step containing `unixSeconds`. */
export function totpAt(secret: string, unixSeconds: number): Promise<string> {
  return generate({ secret, epoch: unixSeconds, period: TOTP_PERIOD_SECONDS, guardrails });
}

export function hotpAt(secret: string, counter: number): Promise<string> {
  return generate({ secret, strategy: 'hotp', counter, guardrails });
}

/** MISP's TOTP::verify(code) with no window: the current 30-second step only; replays allowed. */
export async function verifyTotp(secret: string, code: string, nowMs: number): Promise<boolean> {
  if (!SIX_DIGITS.test(code)) return false;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: 0,
      guardrails,
    });
    return result.valid;
  } catch {
    return false; // an unusable stored secret must read as "wrong code", never as a 500
  }
}

/** MISP's HOTP::verify(code, counter) with no window: exactly that counter, no look-ahead. */
export async function verifyHotp(secret: string, code: string, counter: number): Promise<boolean> {
  if (!SIX_DIGITS.test(code) || !Number.isInteger(counter) || counter < 0) return false;
  try {
    const result = await verify({
      secret,
      token: code,
      strategy: 'hotp',
      counter,
      counterTolerance: 0,
      guardrails,
    });
    return result.valid;
  } catch {
    return false;
  }
}

/**
 * otphp's provisioning URI: label rawurlencode("<issuer>:<email>"), query with only issuer and
 * secret (sorted by key), spaces as %20. Defaults (sha1, 6 digits, 30 s) are left out.
 */
export function provisioningUri(issuer: string, email: string, secret: string): string {
  const query = `issuer=${rawUrlEncode(issuer)}&secret=${rawUrlEncode(secret)}`;
  return `otpauth://totp/${rawUrlEncode(`${issuer}:${email}`)}?${query}`;
}

/** PHP's rawurlencode: RFC 3986 unreserved characters stay, everything else is %XX. */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An inline 200×200 SVG QR code of the URI, without XML prolog (as MISP embeds it). */
export async function qrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', width: 200, margin: 1, errorCorrectionLevel: 'L' });
  return svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
}

/** The 50 codes of /users/hotp, counters from..from+49, in order. */
export async function paperTokens(
  secret: string,
  fromCounter: number,
  count = PAPER_TOKEN_COUNT,
): Promise<Array<[number, string]>> {
  const tokens: Array<[number, string]> = [];
  for (let counter = fromCounter; counter < fromCounter + count; counter += 1) {
    tokens.push([counter, await hotpAt(secret, counter)]);
  }
  return tokens;
}

/** MISP's hotp.ctp layout: five per line, "N: 123456", four spaces apart, keys < 10 padded,
 * every line ended by a newline. */
export function formatPaperTokens(tokens: ReadonlyArray<readonly [number, string]>): string {
  const lines: string[] = [];
  for (let i = 0; i < tokens.length; i += 5) {
    lines.push(
      tokens
        .slice(i, i + 5)
        .map(([counter, code]) => `${counter < 10 ? ' ' : ''}${counter}: ${code}`)
        .join('    '),
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}
