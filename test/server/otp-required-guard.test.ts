/** The forced-enrolment guard's decision table (AppController::__verifyUser, spec §1.7). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, seedSiteAdmin } from '../../server/app.ts';
import { mustEnrolTotp, otpRequiredGuard } from '../../server/auth/otp-required-guard.ts';
import { parseCakeUrl } from '../../server/http/cake-url.ts';
import type { RequestContext } from '../../server/http/context.ts';
import type { ServerServices } from '../../server/services.ts';
import { loadAuthUser } from '../../server/users/current-user.ts';

let services: ServerServices;
beforeEach(() => {
  services = createServices();
  seedSiteAdmin(services, { admin: { password: 'Admin-Password-123' } });
  services.settings.editSetting('Security.otp_required', true, { cli: true });
});
afterEach(() => services.db.close());

function ctx(path: string, extra: Partial<RequestContext> = {}): RequestContext {
  return {
    hono: { req: { url: `http://127.0.0.1${path}` } },
    url: parseCakeUrl(path),
    method: 'GET',
    isRest: false,
    isAjax: false,
    ip: '127.0.0.1',
    session: { id: 's', userId: 1, values: {}, flashes: [], csrfKeys: [], lastSeen: 0 },
    auth: loadAuthUser(services.users, 1),
    viaAuthKey: false,
    body: {},
    services,
    ...extra,
  } as unknown as RequestContext;
}

describe('otp_required guard', () => {
  it('redirects browser pages to /users/totp_new except MISP’s five actions', () => {
    for (const path of [
      '/events/index',
      '/users/view/me',
      '/users/hotp',
      '/users/routeafterlogin',
      '/admin/users/index',
      '/servers/serverSettings/Security',
    ])
      expect([path, mustEnrolTotp(ctx(path))]).toEqual([path, true]);
    for (const path of [
      '/users/terms',
      '/users/change_pw',
      '/users/logout',
      '/users/login',
      '/users/totp_new',
    ])
      expect([path, mustEnrolTotp(ctx(path))]).toEqual([path, false]);
    expect(mustEnrolTotp(ctx('/admin/users/totp_new'))).toBe(true); // admin-prefixed is another action
    const answer = otpRequiredGuard(ctx('/events/index'));
    expect(answer?.status).toBe(302);
    expect(answer?.headers.get('location')).toBe('/users/totp_new'); // MISP.baseurl empty: the path alone (respond.ts);
  });

  it('never redirects REST, AJAX or auth-key requests', () => {
    expect(mustEnrolTotp(ctx('/events/index', { isRest: true }))).toBe(false);
    expect(mustEnrolTotp(ctx('/events/index', { isAjax: true }))).toBe(false);
    expect(mustEnrolTotp(ctx('/events/index', { viaAuthKey: true }))).toBe(false);
  });

  it('lets enrolled users, perm_skip_otp roles and instances without the setting pass', () => {
    services.users.update(1, { totp: 'JBSWY3DPEHPK3PXP' });
    expect(mustEnrolTotp(ctx('/events/index'))).toBe(false);
    services.users.update(1, { totp: null });
    const role = services.users.createRole('Skip', { perm_auth: true, perm_skip_otp: true });
    services.users.update(1, { role_id: role.id });
    expect(mustEnrolTotp(ctx('/events/index'))).toBe(false);
    services.users.update(1, { role_id: 1 });
    services.settings.editSetting('Security.otp_required', false, { cli: true });
    expect(mustEnrolTotp(ctx('/events/index'))).toBe(false);
    expect(mustEnrolTotp(ctx('/events/index', { auth: null }))).toBe(false);
  });
});
