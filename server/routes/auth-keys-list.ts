/**
 * `GET /auth_keys/index` and `/auth_keys/view/<id>` (AuthKeysController index/view): the keys a
 * caller may manage, each with its owner, never the key itself (only its first and last four).
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import { authKeyJson, type AuthKeyRow } from '../users/auth-key-repository.ts';
import { isOrgAdmin, isSiteAdmin } from '../users/current-user.ts';

function visibleKeys(ctx: RequestContext): AuthKeyRow[] {
  const rows = ctx.services.db.prepare('SELECT * FROM auth_keys ORDER BY id').all() as AuthKeyRow[];
  const me = ctx.auth!.user;
  return rows.filter((row) => {
    if (isSiteAdmin(ctx.auth) || row.user_id === me.id) return true;
    const owner = ctx.services.users.findById(row.user_id);
    return isOrgAdmin(ctx.auth) && owner?.org_id === me.org_id;
  });
}

function withOwner(ctx: RequestContext, row: AuthKeyRow) {
  const owner = ctx.services.users.findById(row.user_id);
  return {
    ...authKeyJson(row),
    User: { id: owner ? String(owner.id) : null, email: owner?.email ?? null },
  };
}

export const authKeyListRoutes: RouteDef[] = [
  {
    path: 'auth_keys/index',
    methods: ['GET', 'POST'],
    handler: (ctx) => json(visibleKeys(ctx).map((row) => withOwner(ctx, row))),
  },
  {
    path: 'auth_keys/view',
    methods: ['GET'],
    handler: (ctx) => {
      const row = visibleKeys(ctx).find((key) => String(key.id) === ctx.url.pass[0]);
      if (!row) throw notFound('Invalid AuthKey.');
      return json(withOwner(ctx, row));
    },
  },
];
