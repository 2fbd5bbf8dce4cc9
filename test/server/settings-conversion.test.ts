/**
 * MISP's web-path conversion of setting values (Server::serverSettingsEditValue): trim, then
 * (bool) or (int) with PHP's rules, so "false" is true and "abc" is 0; hooks see the raw value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../server/app.ts';
import { phpBool, phpInt } from '../../server/settings/settings-service.ts';
import type { ServerServices } from '../../server/services.ts';

describe('PHP casts', () => {
  it('casts to bool like PHP: only "", "0" and 0 are false', () => {
    expect(['', '0', 0, false].map(phpBool)).toEqual([false, false, false, false]);
    expect(['false', 'no', '0.0', ' ', 'true', 1, -1, true].map(phpBool)).toEqual(Array(8).fill(true));
  });

  it('casts to int like PHP: leading digits, else 0', () => {
    expect(['42', ' 7 ', '12abc', 'abc', '-3', '', '2.9'].map(phpInt)).toEqual([42, 7, 12, 0, -3, 0, 2]);
  });
});

describe('SettingsService.editSetting (web path)', () => {
  let services: ServerServices;
  beforeEach(() => {
    services = createServices();
  });
  afterEach(() => services.db.close());

  it('turns the string "false" into true and "0" into false for booleans', () => {
    expect(services.settings.editSetting('Security.otp_required', 'false')).toMatchObject({
      ok: true,
      value: true,
    });
    expect(services.settings.editSetting('Security.otp_required', ' 0 ')).toMatchObject({
      ok: true,
      value: false,
    });
    expect(services.settings.editSetting('Security.otp_required', '')).toMatchObject({
      ok: true,
      value: false,
    });
  });

  it('turns numeric text into ints and junk into 0', () => {
    expect(services.settings.editSetting('SecureAuth.amount', ' 9 ')).toMatchObject({ ok: true, value: 9 });
    expect(services.settings.editSetting('SecureAuth.expire', 'soon', { force: true })).toMatchObject({
      ok: true,
      value: 0,
    });
  });

  it('gives the bare reason for web answers and the console text for the CLI', () => {
    services.settings.editSetting('LinOTPAuth.enabled', true, { cli: true });
    const refused = services.settings.editSetting('Security.otp_required', 'false', { force: true });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'The TOTP and LinOTPAuth should not be used at the same time.',
    });
    expect(refused.ok ? '' : refused.message).toContain('If you still want to force this change');
    expect(services.settings.editSetting('Security.otp_required', '0', { force: true }).ok).toBe(true);
  });

  it('keeps Security.otp_disabled at level "optional" as MISP defines it', () => {
    expect(services.settings.describe(services.settings.definition('Security.otp_disabled')!).level).toBe(2);
  });
});
