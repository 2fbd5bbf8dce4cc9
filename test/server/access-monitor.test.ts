/**
 * The per-request records of MISP.log_user_ips(_authkeys), MISP.log_paranoid and
 * Security.user_monitoring_enabled (AppController::__logAccess/__accessMonitor), and the
 * once-per-hour auth_fail throttle (AppController::_shouldLog).
 */
import { describe, expect, it } from 'vitest';
import { createServices } from '../../server/app.ts';

const actor = { id: 7, email: 'user@example.test', org: 'ORGNAME' };
const request = { actor, ip: '10.1.2.3', method: 'POST', target: '/events/add', body: '{"info":"x"}' };

function setup() {
  let now = Date.UTC(2026, 11, 2, 12);
  const services = createServices({ clock: () => now });
  const set = (name: string, value: boolean | number) =>
    expect(services.settings.editSetting(name, value, { cli: true, force: true }).ok).toBe(true);
  const requestLogs = () =>
    services.db.prepare("SELECT change FROM logs WHERE action = 'request' ORDER BY id").all() as {
      change: string;
    }[];
  return { services, set, requestLogs, advance: (ms: number) => (now += ms) };
}

describe('access monitor', () => {
  it('records nothing with every setting at its default', () => {
    const { services, requestLogs } = setup();
    services.access.record({ ...request, authKeyId: 3 });
    expect(requestLogs()).toEqual([]);
    expect(services.access.addressesOf(7)).toEqual([]);
  });

  it('MISP.log_user_ips remembers addresses; _authkeys counts key uses per day and address', () => {
    const { services, set } = setup();
    set('MISP.log_user_ips', true);
    services.access.record({ ...request, authKeyId: 3 });
    expect(services.access.lastUserOf('10.1.2.3')).toBe(7);
    expect(services.access.addressesOf(7)).toEqual(['10.1.2.3']);
    expect(services.access.keyUsageOf(3)).toEqual({});
    set('MISP.log_user_ips_authkeys', true);
    services.access.record({ ...request, authKeyId: 3 });
    services.access.record({ ...request, authKeyId: 3 });
    expect(services.access.keyUsageOf(3)).toEqual({ '2026-12-02:10.1.2.3': 2 });
  });

  it('MISP.log_paranoid logs each request, with the body only under log_paranoid_include_post_body', () => {
    const { services, set, requestLogs } = setup();
    set('MISP.log_paranoid', true);
    services.access.record(request);
    set('MISP.log_paranoid_include_post_body', true);
    services.access.record(request);
    expect(requestLogs().map((row) => row.change)).toEqual([
      'HTTP method: POST\nTarget: /events/add',
      'HTTP method: POST\nTarget: /events/add\nRequest body: {"info":"x"}',
    ]);
  });

  it('Security.user_monitoring_enabled logs only monitored users, bodies included', () => {
    const { services, set, requestLogs } = setup();
    set('Security.user_monitoring_enabled', true);
    services.access.record(request);
    expect(requestLogs()).toEqual([]);
    expect(services.access.setMonitored(7, true)).toBe(false);
    services.access.record(request);
    expect(requestLogs().map((row) => row.change)).toEqual([
      'HTTP method: POST\nTarget: /events/add\nRequest body: {"info":"x"}',
    ]);
    expect(services.access.setMonitored(7, false)).toBe(true);
    expect(services.access.isMonitored(7)).toBe(false);
  });
});

describe('auth_fail throttle', () => {
  it('logs a failing key once an hour unless Security.log_each_individual_auth_fail', () => {
    const { services, set, advance } = setup();
    expect(services.authFailures.shouldLog('abcd****wxyz')).toBe(true);
    expect(services.authFailures.shouldLog('abcd****wxyz')).toBe(false);
    expect(services.authFailures.shouldLog('efgh****wxyz')).toBe(true);
    advance(60 * 60 * 1000);
    expect(services.authFailures.shouldLog('abcd****wxyz')).toBe(true);
    set('Security.log_each_individual_auth_fail', true);
    expect(services.authFailures.shouldLog('abcd****wxyz')).toBe(true);
  });
});
