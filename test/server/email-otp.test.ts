/**
 * The email OTP rules without HTTP: the code store (one live code per user, single use, expiry on
 * the injected clock), the template variables and the policy read from settings.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMAIL_OTP_LENGTH,
  DEFAULT_EMAIL_OTP_VALIDITY_MINUTES,
  EmailOtpCodes,
  emailOtpPolicy,
  isEmailOtpException,
  renderEmailOtpText,
} from '../../server/auth/email-otp.ts';
import { createServices } from '../../server/app.ts';

const VALUES = {
  otp: '123456',
  username: 'alice@lab.test',
  org: 'ORG',
  misp: 'https://misp.test',
  contact: 'help@lab.test',
  ip: '10.0.0.1',
  validity: '5',
};

describe('EmailOtpCodes', () => {
  it('issues numeric codes of the asked length, usable once, until they expire', () => {
    let now = 1_000_000;
    const codes = new EmailOtpCodes(() => now);
    const { code } = codes.issue(7, 8, 5);
    expect(code).toMatch(/^\d{8}$/);
    expect(codes.consume(7, code.slice(1))).toBe(false);
    expect(codes.consume(8, code)).toBe(false);
    expect(codes.consume(7, code)).toBe(true);
    expect(codes.consume(7, code)).toBe(false);

    const second = codes.issue(7, 6, 5).code;
    now += 5 * 60_000;
    expect(codes.consume(7, second)).toBe(false);
  });

  it('keeps one code per user: a new one replaces the old, other users are untouched', () => {
    const codes = new EmailOtpCodes(() => 0);
    const first = codes.issue(1, 12, 5).code;
    const other = codes.issue(2, 12, 5).code;
    const replacement = codes.issue(1, 12, 5).code;
    expect(codes.consume(1, first)).toBe(first === replacement);
    expect(codes.consume(1, replacement)).toBe(first !== replacement);
    expect(codes.consume(2, other)).toBe(true);
  });

  it('draws every digit (leading zeros included) over many codes', () => {
    const codes = new EmailOtpCodes(() => 0);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) for (const digit of codes.issue(1, 6, 5).code) seen.add(digit);
    expect([...seen].sort().join('')).toBe('0123456789');
  });
});

describe('renderEmailOtpText', () => {
  it('replaces every variable, turns the two characters \\n into line breaks, and is one pass', () => {
    expect(renderEmailOtpText('$otp|$username|$org|$misp|$contact|$ip|$validity\\nend $otp', VALUES)).toBe(
      '123456|alice@lab.test|ORG|https://misp.test|help@lab.test|10.0.0.1|5\nend 123456',
    );
    expect(renderEmailOtpText('hi $username', { ...VALUES, username: '$otp@lab.test' })).toBe(
      'hi $otp@lab.test',
    );
    expect(renderEmailOtpText('$unknown stays', VALUES)).toBe('$unknown stays');
  });
});

describe('settings', () => {
  it('falls back to 6 digits and 5 minutes for empty or unusable values', () => {
    const services = createServices();
    const set = (name: string, value: string | number | null) =>
      services.settings.editSetting(name, value, { cli: true, force: true });
    expect(emailOtpPolicy(services)).toEqual({
      length: DEFAULT_EMAIL_OTP_LENGTH,
      validityMinutes: DEFAULT_EMAIL_OTP_VALIDITY_MINUTES,
    });
    set('Security.email_otp_length', 9);
    set('Security.email_otp_validity', 1);
    expect(emailOtpPolicy(services)).toEqual({ length: 9, validityMinutes: 1 });
    set('Security.email_otp_length', 0);
    set('Security.email_otp_validity', -3);
    expect(emailOtpPolicy(services)).toEqual({ length: 6, validityMinutes: 5 });
    set('Security.email_otp_length', 100000);
    set('Security.email_otp_validity', null);
    expect(emailOtpPolicy(services)).toEqual({ length: 6, validityMinutes: 5 });
    services.db.close();
  });

  it('matches exceptions case-insensitively, trimmed, and never an empty entry', () => {
    const services = createServices();
    services.settings.editSetting('Security.email_otp_exceptions', ' A@lab.test ,, b@lab.test', {
      cli: true,
    });
    expect(isEmailOtpException(services, 'a@LAB.test')).toBe(true);
    expect(isEmailOtpException(services, 'b@lab.test')).toBe(true);
    expect(isEmailOtpException(services, 'c@lab.test')).toBe(false);
    expect(isEmailOtpException(services, '')).toBe(false);
    services.db.close();
  });
});
