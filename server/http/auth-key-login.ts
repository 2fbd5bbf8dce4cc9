/**
 * REST authentication by auth key (AppController::_refreshAuth and AuthKey::getAuthUserByAuthkey):
 * a malformed or unknown key fails with MISP's "Authentication failed" 403; an advanced key used
 * from an address outside its allowed_ips is refused with MISP's own 403; a read-only key logs the
 * user in with every permission but perm_auth and perm_audit switched off.
 */
import type { RequestContext } from './context.ts';
import { exceptionBody } from './errors.ts';
import { json, requestPath } from './respond.ts';
import { AUTH_KEY_PATTERN } from '../auth/secrets.ts';
import { ipAllowed, readOnlyRole } from '../auth/key-restrictions.ts';
import { allowedIpsOf } from '../users/auth-key-repository.ts';
import { loadAuthUser } from '../users/current-user.ts';

const AUTH_FAILED =
  'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.';
const IP_REFUSED = 'It is not possible to use this Auth key from your IP address';

/** Null when a key logged the user in; otherwise MISP's 403 answer. */
export function authenticateByKey(ctx: RequestContext, presented: readonly string[]): Response | null {
  const { users, logs } = ctx.services;
  for (const key of presented) {
    if (!AUTH_KEY_PATTERN.test(key)) {
      logs.write({
        title: 'Failed authentication using an API key of incorrect length.',
        model: 'User',
        action: 'auth_fail',
        ip: ctx.ip,
      });
      continue;
    }
    const found = users.findByAuthKey(key);
    const auth = found ? loadAuthUser(users, found.user.id) : null;
    if (auth && !auth.user.disabled && auth.role.perms.perm_auth) {
      const row = found?.key;
      const allowed = row ? allowedIpsOf(row) : null;
      if (row && allowed && !ipAllowed(allowed, ctx.ip)) {
        logs.write({
          title: `Login attempt from not allowed IP address ${ctx.ip} for auth key ${row.id}.`,
          model: 'User',
          model_id: auth.user.id,
          action: 'auth_fail',
          actor: { id: auth.user.id, email: auth.user.email, org: auth.org.name },
          ip: ctx.ip,
        });
        return json(exceptionBody(IP_REFUSED, requestPath(ctx)), 403);
      }
      const readOnly = row?.read_only === 1;
      ctx.auth = {
        ...auth,
        role: readOnly ? readOnlyRole(auth.role) : auth.role,
        ...(row ? { authKey: { id: row.id, readOnly } } : {}),
      };
      ctx.viaAuthKey = true;
      users.stampApiAccess(auth.user.id, Math.floor(ctx.services.clock() / 1000));
      return null;
    }
    logs.write({
      title: `Failed authentication using API key (${key.slice(0, 4)}********************************${key.slice(-4)})`,
      model: 'User',
      action: 'auth_fail',
      ip: ctx.ip,
    });
  }
  return json(exceptionBody(AUTH_FAILED, requestPath(ctx)), 403);
}
