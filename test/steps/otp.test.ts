import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import {
  MISP_SECRET_PATTERN,
  decodeQrPng,
  hotpCode,
  parseOtpauthUri,
  parsePaperTokens,
  totpCode,
  totpStep,
} from '../../steps/clients/otp.ts';

// RFC 4226 Appendix D / RFC 6238 Appendix B, secret "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** MISP's way: Base32 of 64 random bytes, unpadded (103 characters). */
function mispSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...randomBytes(64)].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

function hasOathtool(): boolean {
  try {
    execFileSync('oathtool', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('codes', () => {
  it('match the RFC 4226 HOTP vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583'];
    expect(expected.map((_, counter) => hotpCode(RFC_SECRET, counter))).toEqual(expected);
  });

  it('match the RFC 6238 TOTP vectors (SHA-1, last six digits)', () => {
    expect(totpCode(RFC_SECRET, 59)).toBe('287082');
    expect(totpCode(RFC_SECRET, 1111111109)).toBe('081804');
    expect(totpCode(RFC_SECRET, 1234567890)).toBe('005924');
    expect(totpCode(RFC_SECRET, 2000000000)).toBe('279037');
  });

  it.runIf(hasOathtool())('agree with oathtool on a 103-character MISP secret', () => {
    const secret = mispSecret();
    expect(secret).toMatch(MISP_SECRET_PATTERN);
    const oath = (args: string[]) => execFileSync('oathtool', args).toString().trim();
    expect(hotpCode(secret, 17)).toBe(oath(['--hotp', '-b', '-c', '17', secret]));
    expect(totpCode(secret, 1_800_000_000)).toBe(oath(['--totp', '-b', '-N', '@1800000000', secret]));
  });

  it('places a moment in its 30-second step', () => {
    expect(totpStep(59)).toBe(1);
    expect(totpStep(60)).toBe(2);
  });
});

describe('parseOtpauthUri', () => {
  it("reads MISP's URI with an encoded label and issuer", () => {
    const uri =
      'otpauth://totp/ORGNAME%20MISP%3Aalice%40lab.test?issuer=ORGNAME%20MISP&secret=JBSWY3DPEHPK3PXP';
    expect(parseOtpauthUri(uri)).toMatchObject({
      type: 'totp',
      label: 'ORGNAME MISP:alice@lab.test',
      issuer: 'ORGNAME MISP',
      secret: 'JBSWY3DPEHPK3PXP',
    });
  });

  it('refuses text that is no otpauth URI, or one without a secret', () => {
    expect(() => parseOtpauthUri('https://example.test/')).toThrow(/not an otpauth URI/);
    expect(() => parseOtpauthUri('otpauth://totp/x?issuer=y')).toThrow(/no secret/);
  });
});

describe('parsePaperTokens', () => {
  it("reads MISP's five-per-line layout", () => {
    const text = ' 0: 111111     1: 222222\n 9: 333333    10: 444444\n';
    expect([...parsePaperTokens(text)]).toEqual([
      [0, '111111'],
      [1, '222222'],
      [9, '333333'],
      [10, '444444'],
    ]);
  });

  it('refuses stray text and duplicates', () => {
    expect(() => parsePaperTokens(' 0: 111111 oops')).toThrow(/unexpected text/);
    expect(() => parsePaperTokens(' 0: 111111  0: 222222')).toThrow(/twice/);
  });
});

describe('decodeQrPng', () => {
  it('reads back an otpauth URI with a 103-character secret', async () => {
    const uri = `otpauth://totp/ORGNAME%20MISP%3Aalice%40lab.test?issuer=ORGNAME%20MISP&secret=${mispSecret()}`;
    const png = await QRCode.toBuffer(uri, { type: 'png', width: 400 });
    expect(decodeQrPng(png)).toBe(uri);
  });

  it('says so when the image holds no QR code', async () => {
    const blank = await QRCode.toBuffer('x', { type: 'png', width: 100, color: { dark: '#ffffff' } });
    expect(() => decodeQrPng(blank)).toThrow(/no QR code/);
  });
});
