/**
 * The OTP arithmetic against RFC 4226/6238 vectors and, when installed, Debian's oathtool as an
 * independent oracle; plus MISP's strictness (current step only, exact counter), the secret
 * format, the provisioning URI and the paper-token layout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  base32Encode,
  formatPaperTokens,
  hotpAt,
  newOtpSecret,
  paperTokens,
  provisioningUri,
  qrSvg,
  rawUrlEncode,
  totpAt,
  verifyHotp,
  verifyTotp,
} from '../../server/auth/otp.ts';

/** RFC 4226 / 6238 SHA-1 test secret "12345678901234567890". */
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const OATHTOOL = '/usr/bin/oathtool';

describe('RFC vectors', () => {
  it('encodes base32 as RFC 4648 without padding', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('matches the RFC 4226 HOTP values', async () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    const actual = await Promise.all(expected.map((_, counter) => hotpAt(RFC_SECRET, counter)));
    expect(actual).toEqual(expected);
  });

  it('matches the RFC 6238 SHA-1 TOTP values (last six digits)', async () => {
    const vectors: Array<[number, string]> = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
      [20000000000, '353130'],
    ];
    for (const [time, code] of vectors) expect(await totpAt(RFC_SECRET, time)).toBe(code);
  });
});

describe.skipIf(!existsSync(OATHTOOL))('cross-check with oathtool', () => {
  const oath = (...args: string[]) => execFileSync(OATHTOOL, args, { encoding: 'utf8' }).trim();

  it('agrees on TOTP and HOTP for a MISP-sized secret', async () => {
    const secret = newOtpSecret();
    for (const time of [0, 59, 1_795_936_634, 1_800_000_015]) {
      expect(await totpAt(secret, time)).toBe(oath('--totp', '-b', `--now=@${time}`, secret));
    }
    for (const counter of [0, 1, 49, 1000]) {
      expect(await hotpAt(secret, counter)).toBe(oath('--hotp', '-b', '-c', String(counter), secret));
    }
  });
});

describe('MISP strictness', () => {
  const secret = newOtpSecret();
  const now = 1_795_936_634_000; // 14 s into its 30-second step

  it('accepts only the current 30-second step, replays included', async () => {
    const seconds = now / 1000;
    const current = await totpAt(secret, seconds);
    expect(await verifyTotp(secret, current, now)).toBe(true);
    expect(await verifyTotp(secret, current, now + 10_000)).toBe(true); // same step, used again
    expect(await verifyTotp(secret, await totpAt(secret, seconds - 30), now)).toBe(false);
    expect(await verifyTotp(secret, await totpAt(secret, seconds + 30), now)).toBe(false);
    expect(await verifyTotp(secret, current, now + 16_000)).toBe(false); // next step began
  });

  it('accepts HOTP only for the exact counter', async () => {
    expect(await verifyHotp(secret, await hotpAt(secret, 5), 5)).toBe(true);
    expect(await verifyHotp(secret, await hotpAt(secret, 6), 5)).toBe(false);
    expect(await verifyHotp(secret, await hotpAt(secret, 4), 5)).toBe(false);
  });

  it('treats malformed input and unusable secrets as wrong codes, never as errors', async () => {
    for (const input of ['', '12345', '1234567', 'abcdef', ' 123456', '12 456', '１２３４５６'])
      expect(await verifyTotp(secret, input, now)).toBe(false);
    expect(await verifyTotp('not base32!', '123456', now)).toBe(false);
    expect(await verifyHotp(secret, '123456', -1)).toBe(false);
  });

  it('keeps leading zeros significant', async () => {
    expect(await verifyTotp(RFC_SECRET, '81804', 1111111109_000)).toBe(false);
    expect(await verifyTotp(RFC_SECRET, '081804', 1111111109_000)).toBe(true);
  });
});

describe('enrolment material', () => {
  it('makes 103-character base32 secrets from 64 random bytes, different each time', () => {
    const a = newOtpSecret();
    expect(a).toMatch(/^[A-Z2-7]{103}$/);
    expect(newOtpSecret()).not.toBe(a);
  });

  it('builds otphp’s provisioning URI (rawurlencoded label, issuer and secret only, sorted)', () => {
    expect(provisioningUri('ORGNAME MISP', 'admin@admin.test', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/ORGNAME%20MISP%3Aadmin%40admin.test?issuer=ORGNAME%20MISP&secret=JBSWY3DPEHPK3PXP',
    );
    expect(rawUrlEncode("a+b (c)!*'~")).toBe('a%2Bb%20%28c%29%21%2A%27~');
  });

  it('renders a 200x200 inline SVG without XML prolog', async () => {
    const svg = await qrSvg('otpauth://totp/X%3Ay?issuer=X&secret=JBSWY3DPEHPK3PXP');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/width="200" height="200"/);
  });

  it('lays out paper tokens five per line, four spaces apart, keys under 10 padded', async () => {
    const tokens = await paperTokens(RFC_SECRET, 8, 10);
    expect(tokens.map(([n]) => n)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(formatPaperTokens(tokens)).toBe(
      ` 8: ${tokens[0]![1]}     9: ${tokens[1]![1]}    10: ${tokens[2]![1]}    11: ${tokens[3]![1]}    12: ${tokens[4]![1]}\n` +
        `13: ${tokens[5]![1]}    14: ${tokens[6]![1]}    15: ${tokens[7]![1]}    16: ${tokens[8]![1]}    17: ${tokens[9]![1]}\n`,
    );
    expect((await paperTokens(RFC_SECRET, 0)).length).toBe(50);
  });
});
