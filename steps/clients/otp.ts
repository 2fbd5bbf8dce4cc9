/**
 * The harness's own authenticator: codes come from otplib (RFC 6238/4226), never from the server
 * under test. Also the pure readers of what MISP's pages show: the otpauth URI inside the QR
 * code, the <pre> list of paper tokens, and QR decoding of a PNG screenshot.
 */
import { generateSync } from 'otplib';
import { PNG } from 'pngjs';
import * as jsQrModule from 'jsqr';

/** MISP's secret: 64 random bytes in unpadded RFC 4648 base32, so 103 characters (spec §1.3). */
export const MISP_SECRET_PATTERN = /^[A-Z2-7]{103}$/;

export const TOTP_PERIOD_SECONDS = 30;

/** The TOTP code an authenticator app shows at `epochSeconds` (default: now). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds, period: TOTP_PERIOD_SECONDS });
}

/** The paper token (HOTP code) number `counter` of a secret. */
export function hotpCode(secret: string, counter: number): string {
  return generateSync({ secret, strategy: 'hotp', counter });
}

/** Seconds until the current 30-second step ends (1…30). */
export function secondsLeftInStep(epochMs = Date.now()): number {
  return TOTP_PERIOD_SECONDS - (Math.floor(epochMs / 1000) % TOTP_PERIOD_SECONDS);
}

/**
 * MISP accepts a TOTP code only within its own step, with no drift window. A code generated in
 * the last seconds of a step may reach the server in the next one (slow CI machines), so then
 * wait for the next step first: at most a few seconds, and only one time in ten.
 */
export async function totpCodeWithMargin(secret: string, marginSeconds = 3): Promise<string> {
  const left = secondsLeftInStep();
  if (left <= marginSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
  return totpCode(secret);
}

/** The 30-second step a moment falls in: MISP accepts a TOTP code only in its own step. */
export function totpStep(epochSeconds = Math.floor(Date.now() / 1000)): number {
  return Math.floor(epochSeconds / TOTP_PERIOD_SECONDS);
}

export interface OtpauthUri {
  type: string;
  label: string;
  issuer: string | null;
  secret: string;
  parameters: Record<string, string>;
}

/** Reads `otpauth://totp/<label>?issuer=…&secret=…` as an authenticator app does. */
export function parseOtpauthUri(uri: string): OtpauthUri {
  const match = /^otpauth:\/\/([a-z]+)\/([^?]*)\?(.*)$/i.exec(uri.trim());
  if (!match) throw new Error(`not an otpauth URI: "${uri.slice(0, 60)}"`);
  const [, type = '', label = '', query = ''] = match;
  const parameters = Object.fromEntries(new URLSearchParams(query));
  const secret = parameters.secret;
  if (!secret) throw new Error('the otpauth URI carries no secret');
  return {
    type: type.toLowerCase(),
    label: decodeURIComponent(label),
    issuer: parameters.issuer ?? null,
    secret,
    parameters,
  };
}

/**
 * The paper-token page's `<pre>`: entries `N: 123456`, five per line (spec §1.4). Throws on
 * anything else, so a layout change is reported instead of silently yielding fewer tokens.
 */
export function parsePaperTokens(text: string): Map<number, string> {
  const tokens = new Map<number, string>();
  const rest = text.replace(/(\d+):\s*(\d{6})\b/g, (_all, counter: string, code: string) => {
    const n = Number(counter);
    if (tokens.has(n)) throw new Error(`paper token ${n} is listed twice`);
    tokens.set(n, code);
    return '';
  });
  if (rest.trim() !== '')
    throw new Error(`unexpected text among the paper tokens: "${rest.trim().slice(0, 40)}"`);
  return tokens;
}

// jsQR's typings declare a default export that NodeNext does not see (toolchain.md).
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: JsQr = (jsQrModule as unknown as { default?: JsQr }).default ?? (jsQrModule as unknown as JsQr);

/** The text inside a QR code, from a PNG (a screenshot of MISP's inline SVG). */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!found) throw new Error(`no QR code could be read in the ${image.width}×${image.height} image`);
  return found.data;
}
