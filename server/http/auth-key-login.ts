/**
 * REST authentication by auth key (AppController::_refreshAuth and AuthKey::getAuthUserByAuthkey):
 * a malformed or unknown key fails with MISP's "Authentication failed" 403; an advanced key used
 * from an address outside its allowed_ips is refused with MISP's own 403; a read-only key logs the
 * user in with every permission but perm_auth and perm_audit switched off. Failures are logged
 * once per key and hour (AuthFailThrottle). With Security.authkey_keep_session the login is kept
 * in a session, which later requests resume while the key still holds.
 */
import type { RequestContext } from './context.ts';
import { exceptionBody } from './errors.ts';
import { json, requestPath } from './respond.ts';
import { AUTH_KEY_PATTERN } from '../auth/secrets.ts';
import { ipAllowed, readOnlyRole } from '../auth/key-restrictions.ts';
import { AuthKeyRepository, allowedIpsOf } from '../users/auth-key-repository.ts';
import { loadAuthUser, type AuthUser } from '../users/current-user.ts';
import type { Session } from './session.ts';

/** What a kept auth-key session remembers of its key (MISP keeps authkey_id in the session user). */
export interface KeySession {
  /** The advanced key's id; null for a legacy key. */
  keyId: number | null;
  /** For a legacy key, the user's key hash at login: a reset key ends the session. */
  legacyHash: string | null;
  readOnly: boolean;
}
const KEY_SESSION = 'auth_key';

const AUTH_FAILED =
  'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.';
const IP_REFUSED = 'It is not possible to use this Auth key from your IP address';

/** Null when a key logged the user in; otherwise MISP's 403 answer. */
export function authenticateByKey(ctx: RequestContext, presented: readonly string[]): Response | null {
  const { users, logs, authFailures } = ctx.services;
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
        if (authFailures.shouldLog(`not_allowed_ip:${row.id}:${ctx.ip}`))
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
      const keySession: KeySession = {
        keyId: row?.id ?? null,
        legacyHash: row ? null : auth.user.authkey_hash,
        readOnly: row?.read_only === 1,
      };
      signIn(ctx, auth, keySession);
      users.stampApiAccess(auth.user.id, Math.floor(ctx.services.clock() / 1000));
      if (ctx.services.settings.bool('Security.authkey_keep_session')) keepSession(ctx, keySession);
      return null;
    }
    const masked = `${key.slice(0, 4)}********************************${key.slice(-4)}`;
    if (!authFailures.shouldLog(masked)) continue;
    logs.write({
      title: `Failed authentication using API key (${masked})`,
      model: 'User',
      action: 'auth_fail',
      ip: ctx.ip,
    });
  }
  return json(exceptionBody(AUTH_FAILED, requestPath(ctx)), 403);
}

function signIn(ctx: RequestContext, auth: AuthUser, key: KeySession): void {
  ctx.auth = {
    ...auth,
    role: key.readOnly ? readOnlyRole(auth.role) : auth.role,
    ...(key.keyId !== null ? { authKey: { id: key.keyId, readOnly: key.readOnly } } : {}),
  };
  ctx.viaAuthKey = true;
}

/** A fresh session (MISP renews it on every key login) holding the user and the key. */
function keepSession(ctx: RequestContext, key: KeySession): void {
  const { sessions } = ctx.services;
  if (sessions.isStored(ctx.session)) sessions.destroy(ctx.session);
  ctx.session = sessions.draft();
  ctx.session.userId = ctx.auth!.user.id;
  ctx.session.values[KEY_SESSION] = key;
}

export function keySessionOf(session: Session): KeySession | null {
  const kept = session.values[KEY_SESSION] as KeySession | undefined;
  return kept && typeof kept === 'object' ? kept : null;
}

/**
 * A kept auth-key session goes on only while its user may log in and its key still exists, is
 * unexpired and allows this address. Otherwise the session ends with the "Authentication failed"
 * 403. (MISP 2.5.1 answers a deleted key's kept session with a 500; a refusal says the same
 * without claiming the server broke.)
 */
export function resumeKeySession(ctx: RequestContext, key: KeySession): Response | null {
  const { users, sessions } = ctx.services;
  const auth = loadAuthUser(users, ctx.session.userId!);
  const row = key.keyId === null ? undefined : new AuthKeyRepository(ctx.services.db).findById(key.keyId);
  const keyHolds =
    key.keyId === null
      ? auth !== null && auth.user.authkey_hash === key.legacyHash
      : row !== undefined && row.user_id === auth?.user.id && usable(ctx, row.expiration, allowedIpsOf(row));
  if (auth && !auth.user.disabled && auth.role.perms.perm_auth && keyHolds) {
    signIn(ctx, auth, key);
    return null;
  }
  sessions.destroy(ctx.session);
  ctx.session = sessions.draft();
  return json(exceptionBody(AUTH_FAILED, requestPath(ctx)), 403);
}

function usable(ctx: RequestContext, expiration: number, allowed: string[] | null): boolean {
  const unexpired = expiration === 0 || expiration > Math.floor(ctx.services.clock() / 1000);
  return unexpired && (!allowed || ipAllowed(allowed, ctx.ip));
}
