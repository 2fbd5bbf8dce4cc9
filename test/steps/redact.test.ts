import { describe, expect, it } from 'vitest';
import { redact, registerSecret, REDACTED } from '../../steps/support/redact.ts';

describe('redact', () => {
  it('removes every registered secret, longest first', () => {
    registerSecret('Sup3rSecretPassw0rd');
    registerSecret('Sup3rSecret');
    const text = 'login with Sup3rSecretPassw0rd then Sup3rSecret';
    expect(redact(text)).toBe(`login with ${REDACTED} then ${REDACTED}`);
  });

  it('ignores secrets too short to be meaningful', () => {
    registerSecret('abc');
    expect(redact('abc def')).toBe('abc def');
  });

  it('catches secrets it was never told about', () => {
    const key = 'a'.repeat(20) + 'B'.repeat(20);
    expect(redact(`Authorization: ${key}`)).not.toContain(key);
    expect(redact('data[User][password]=hunter2hunter2&data[User][email]=a@b')).toBe(
      `data[User][password]=${REDACTED}&data[User][email]=a@b`,
    );
    expect(redact('{"authkey":"xyz123456789"}')).toBe(`{"authkey":"${REDACTED}"}`);
    expect(redact('otpauth://totp/x?issuer=X&secret=JBSWY3DPEHPK3PXPJBSWY3DP')).not.toContain(
      'JBSWY3DPEHPK3PXP',
    );
  });
});
