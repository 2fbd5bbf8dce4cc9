/** The brute-force guard on its own (spec §1.6): per (IP, lower-case username), sliding window. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, seedSiteAdmin } from '../../server/app.ts';
import { BruteForce } from '../../server/auth/bruteforce.ts';
import type { ServerServices } from '../../server/services.ts';

let now = Date.UTC(2026, 0, 1);
let services: ServerServices;
let guard: BruteForce;
const here = { ip: '10.0.0.1' };

beforeEach(() => {
  now = Date.UTC(2026, 0, 1);
  services = createServices({ clock: () => now });
  seedSiteAdmin(services, { admin: { password: 'Admin-Password-123' } });
  guard = new BruteForce(services);
});
afterEach(() => services.db.close());

describe('BruteForce', () => {
  it('blocks at SecureAuth.amount failures, case-insensitively, for that IP only', () => {
    for (let i = 0; i < 4; i += 1) guard.insert(i % 2 ? 'Admin@Admin.test' : 'admin@admin.test', here);
    expect(guard.isBlocklisted('10.0.0.1', 'ADMIN@admin.test')).toBe(false);
    guard.insert(' admin@admin.test ', here);
    expect(guard.isBlocklisted('10.0.0.1', 'admin@admin.test')).toBe(true);
    expect(guard.isBlocklisted('10.0.0.2', 'admin@admin.test')).toBe(false);
    expect(guard.isBlocklisted('10.0.0.1', 'other@admin.test')).toBe(false);
  });

  it('lets each failure expire on its own (sliding window)', () => {
    for (let i = 0; i < 5; i += 1) {
      guard.insert('a@b.test', here);
      now += 60_000;
    }
    // failures at t=0,60,…,240 s; now t=300 s: the first one has just expired
    expect(guard.isBlocklisted('10.0.0.1', 'a@b.test')).toBe(false);
    guard.insert('a@b.test', here);
    expect(guard.isBlocklisted('10.0.0.1', 'a@b.test')).toBe(true);
    now += 61_000;
    expect(guard.isBlocklisted('10.0.0.1', 'a@b.test')).toBe(false);
  });

  it('follows SecureAuth.amount and SecureAuth.expire, and words the 403 with the expiry', () => {
    services.settings.editSetting('SecureAuth.amount', 2, { cli: true });
    services.settings.editSetting('SecureAuth.expire', 30, { cli: true });
    guard.insert('x@y.test', here);
    guard.insert('x@y.test', here);
    expect(guard.isBlocklisted('10.0.0.1', 'x@y.test')).toBe(true);
    expect(guard.blockedMessage()).toBe(
      'You have reached the maximum number of login attempts. Please wait 30 seconds and try again.',
    );
    now += 30_000;
    expect(guard.isBlocklisted('10.0.0.1', 'x@y.test')).toBe(false);
  });

  it('logs every failure as login_fail, naming the known user and the tripping attempt', () => {
    for (let i = 0; i < 5; i += 1) guard.insert('admin@admin.test', here);
    guard.insert('ghost@nowhere.test', here);
    const logs = services.logs.list({ action: 'login_fail' }, { order: 'asc', limit: -1 });
    expect(logs).toHaveLength(6);
    expect(logs[0]).toMatchObject({
      model: 'User',
      model_id: 1,
      user_id: 1,
      title: 'Failed login attempt using username admin@admin.test from IP: 10.0.0.1.',
    });
    expect(logs[4]!.title).toBe(
      'Failed login attempt using username admin@admin.test from IP: 10.0.0.1. Blocked against bruteforcing.',
    );
    expect(JSON.parse(logs[4]!.change).details).toContain('blocklisted for 300 seconds');
    expect(logs[5]).toMatchObject({ model_id: 0, user_id: 0, email: 'SYSTEM' });
  });
});
