/**
 * `POST /auth_keys/add/<user_id>` (MISP's AuthKeysController::add, PyMISP get_new_authkey): a new
 * advanced auth key, shown once as `AuthKey.authkey_raw`. Users may add keys for themselves, org
 * admins for their org's users, site admins for anyone. `POST /auth_keys/delete/<id>` revokes.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { notFound, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { KeyRestrictionError, parseAllowedIps, parseExpiration } from '../auth/key-restrictions.ts';
import { modelField } from '../http/form-data.ts';
import { json } from '../http/respond.ts';
import { AuthKeyRepository, authKeyJson, type AuthKeyRow } from '../users/auth-key-repository.ts';
import { isOrgAdmin, isReadOnlyKey, isSiteAdmin } from '../users/current-user.ts';
import type { UserRow } from '../users/user-repository.ts';

/** ACL: authKeys add/edit/delete need perm_auth and a key that is not read-only. */
const notReadOnlyKey = (ctx: RequestContext) =>
  ctx.auth?.role.perms.perm_auth === true && !isReadOnlyKey(ctx.auth);

function mayManageKeysOf(ctx: RequestContext, owner: UserRow): boolean {
  const me = ctx.auth!;
  if (isSiteAdmin(ctx.auth) || me.user.id === owner.id) return true;
  const ownerIsSiteAdmin = ctx.services.users.role(owner.role_id)?.perms.perm_site_admin === true;
  return isOrgAdmin(ctx.auth) && owner.org_id === me.user.org_id && !ownerIsSiteAdmin;
}

function add(ctx: RequestContext): Response {
  const id = ctx.url.pass[0] ?? String(ctx.auth!.user.id);
  const owner = /^\d+$/.test(id) ? ctx.services.users.findById(Number(id)) : undefined;
  // A site admin may name any user, so an unknown one fails AuthKey's userExists rule (real MISP 2.5.1: 403).
  if (!owner && isSiteAdmin(ctx.auth))
    throw saveFailure('add', 'authKey', '/auth_keys/add', { user_id: ["User doesn't exists"] });
  if (!owner || !mayManageKeysOf(ctx, owner)) throw notFound('Invalid user.');
  const comment = modelField(ctx.body, 'AuthKey', 'comment');
  const { row, raw } = keys(ctx).create(owner.id, {
    comment: typeof comment === 'string' ? comment : '',
    ...keyRestrictions(ctx),
  });
  ctx.services.logs.write({
    title: `AuthKey (${row.id}): ${owner.email} auth key ${row.authkey_start}…${row.authkey_end} created`,
    model: 'AuthKey',
    model_id: row.id,
    action: 'add',
    actor: { id: ctx.auth!.user.id, email: ctx.auth!.user.email, org: ctx.auth!.org.name },
  });
  return json(authKeyJson(row, raw));
}

/** The key of the URL with its owner, if the caller may manage it; MISP's 404 otherwise. */
function manageableKey(ctx: RequestContext): { row: AuthKeyRow; owner: UserRow } {
  const id = Number(ctx.url.pass[0]);
  const row = Number.isInteger(id)
    ? (ctx.services.db.prepare('SELECT * FROM auth_keys WHERE id = ?').get(id) as AuthKeyRow | undefined)
    : undefined;
  const owner = row ? ctx.services.users.findById(row.user_id) : undefined;
  if (!row || !owner || !mayManageKeysOf(ctx, owner)) throw notFound('Invalid AuthKey.');
  return { row, owner };
}

function remove(ctx: RequestContext): Response {
  const { row } = manageableKey(ctx);
  keys(ctx).delete(row.id);
  return json(saveSuccessBody('AuthKey deleted.', `/auth_keys/delete/${row.id}`, row.id));
}

/**
 * `POST /auth_keys/edit/<id>`: only the restrictions sent change. Real MISP 2.5.1 answers the key
 * with `expiration` as a number and the owner as `{id, org_id}`, and "Invalid AuthKey." (404)
 * for a key the caller may not manage.
 */
function edit(ctx: RequestContext): Response {
  const { row, owner } = manageableKey(ctx);
  const field = (name: string) => modelField(ctx.body, 'AuthKey', name);
  const present = (name: string) => field(name) !== undefined;
  const given = keyRestrictions(ctx, 'edit', `/auth_keys/edit/${row.id}`);
  const comment = field('comment');
  const saved = keys(ctx).update(row.id, {
    ...(typeof comment === 'string' ? { comment } : {}),
    ...(present('expiration') ? { expiration: given.expiration } : {}),
    ...(present('read_only') ? { readOnly: given.readOnly } : {}),
    ...(present('allowed_ips') ? { allowedIps: given.allowedIps } : {}),
  });
  const { AuthKey } = authKeyJson(saved);
  return json({
    AuthKey: { ...AuthKey, expiration: saved.expiration },
    User: { id: String(owner.id), org_id: String(owner.org_id) },
  });
}

/** read_only (Cake's boolean rule: true/false/1/0/"1"/"0"), allowed_ips and expiration, validated as MISP does. */
function keyRestrictions(
  ctx: RequestContext,
  action = 'add',
  url = '/auth_keys/add',
): {
  readOnly: boolean;
  allowedIps: string[] | null;
  expiration: number;
} {
  const field = (name: string) => modelField(ctx.body, 'AuthKey', name);
  const readOnly = field('read_only') ?? false;
  try {
    if (![true, false, 1, 0, '1', '0', ''].includes(readOnly as never))
      throw new KeyRestrictionError('read_only', 'The value must be a boolean.');
    const allowedIps = parseAllowedIps(field('allowed_ips'));
    const validityDays = ctx.services.settings.get('Security.advanced_authkeys_validity');
    const nowSeconds = Math.floor(ctx.services.clock() / 1000);
    return {
      readOnly: readOnly === true || readOnly === 1 || readOnly === '1',
      allowedIps,
      expiration: withinValidity(parseExpiration(field('expiration')), validityDays, nowSeconds),
    };
  } catch (error) {
    if (!(error instanceof KeyRestrictionError)) throw error;
    throw saveFailure(action, 'auth_key', url, { [error.field]: [error.message] });
  }
}

/**
 * Security.advanced_authkeys_validity (days; empty or 0 means unlimited): a key without an
 * expiration gets one that many days ahead, a later expiration is refused (AuthKey::beforeValidate).
 */
function withinValidity(expiration: number, validityDays: unknown, nowSeconds: number): number {
  const days = typeof validityDays === 'number' ? validityDays : Number(validityDays || 0);
  if (!Number.isFinite(days) || days <= 0) return expiration;
  const latest = nowSeconds + Math.trunc(days) * 86_400;
  if (expiration === 0) return latest;
  if (expiration > latest)
    throw new KeyRestrictionError('expiration', `Maximal key validity is ${Math.trunc(days)} days.`);
  return expiration;
}

const keys = (ctx: RequestContext) => new AuthKeyRepository(ctx.services.db, ctx.services.clock);

export const authKeyRoutes: RouteDef[] = [
  { path: 'auth_keys/add', methods: ['POST'], allow: notReadOnlyKey, handler: add },
  { path: 'auth_keys/edit', methods: ['POST', 'PUT'], allow: notReadOnlyKey, handler: edit },
  { path: 'auth_keys/delete', methods: ['POST', 'DELETE'], allow: notReadOnlyKey, handler: remove },
];
