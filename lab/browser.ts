/**
 * Finding a Chromium without downloading one: CHROMIUM_PATH, then the system's Chromium or
 * Chrome, then a browser Playwright installed itself. Where none exists, one clear line names
 * the command to run. Flags keep Chromium off the network (this lab is offline by design).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export class BrowserNotFoundError extends Error {}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new BrowserNotFoundError(`CHROMIUM_PATH points to ${configured}, which does not exist.`);
  }
  const system = SYSTEM_CANDIDATES.find((path) => existsSync(path));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // playwright-core knows no bundled browser: fall through to the message.
  }
  throw new BrowserNotFoundError(
    'No Chromium found. Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}

/**
 * `trustedCaFile`: the private CA an external MISP's certificate chains to (MISP_CA_FILE), so the
 * browser trusts what the REST client trusts. Chromium takes no CA file: it takes the SPKI hashes
 * of certificates whose chains it must accept, so each certificate of the file is pinned.
 */
export async function launchChromium(
  options: LaunchOptions & { trustedCaFile?: string } = {},
): Promise<Browser> {
  const wsEndpoint = process.env.PLAYWRIGHT_WS_ENDPOINT;
  if (wsEndpoint) return chromium.connect(wsEndpoint);
  const { trustedCaFile, ...launch } = options;
  const pins = trustedCaFile ? spkiHashes(readFileSync(trustedCaFile, 'utf8')) : [];
  const args = pins.length
    ? [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${pins.join(',')}`]
    : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: findChromium(), args, headless: true, ...launch });
}

/** Base64 SHA-256 of each PEM certificate's SubjectPublicKeyInfo, as Chromium's flag wants them. */
export function spkiHashes(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const spki = new X509Certificate(block).publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(spki).digest('base64');
  });
}
