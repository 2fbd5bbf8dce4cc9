/**
 * Secrets at rest: passwords with scrypt (memory-hard, in node:crypto), auth keys as SHA-256.
 * Checking a password runs scrypt on libuv's thread pool, at most one per core at a time, so a
 * crowd of logins never blocks the event loop (heartbeats, pages) and leaves pool threads free
 * for file I/O.
 * A 40-character random key has ~238 bits of entropy, so a fast hash is enough and lets the
 * server look a key up in one indexed query, like MISP's advanced auth keys (which keep only a hash).
 */
import {
  createHash,
  randomBytes,
  randomInt,
  scrypt,
  scryptSync,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { availableParallelism } from 'node:os';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptOffLoop(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

const HASH_SLOTS = Math.max(1, availableParallelism());
let hashesRunning = 0;
const waitingForSlot: Array<() => void> = [];

/** scrypt on the thread pool, queued so that no more run at once than there are cores. */
async function scryptOffLoop(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  if (hashesRunning >= HASH_SLOTS) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  hashesRunning += 1;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
    );
  } finally {
    hashesRunning -= 1;
    waitingForSlot.shift()?.();
  }
}

export function hashAuthKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** MISP's auth key format: exactly 40 letters and digits. */
export const AUTH_KEY_PATTERN = /^[a-zA-Z0-9]{40}$/;

export function generateAuthKey(): string {
  return randomString(40);
}

/** A password that satisfies MISP's default complexity rule (12+ chars, upper, lower, digit or special). */
export function generatePassword(): string {
  return `${randomString(14)}-Aa1`;
}

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
