import { randomBytes } from 'node:crypto';

// Mattermost ids and tokens are 16 random bytes written in base32 with this alphabet: 26 characters
// of lowercase letters and digits. Clients and tests may check the format, so the stand-in keeps it.
const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

export const MATTERMOST_ID_PATTERN = /^[a-z0-9]{26}$/;

export function newId(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) id += ALPHABET[(value << (5 - bits)) & 31];
  return id;
}

export function isMattermostId(value: string): boolean {
  return MATTERMOST_ID_PATTERN.test(value);
}
