/**
 * Which users an admin may manage (MISP's UsersController::__adminFetchConditions): site admins
 * everyone; org admins only users of their own organisation who are not site admins. Anything
 * else reads as "Invalid user" (404), so an org admin cannot even probe other orgs' ids.
 */
import type { RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { isOrgAdmin, isSiteAdmin } from '../users/current-user.ts';
import type { UserRow } from '../users/user-repository.ts';

export function findManagedUser(ctx: RequestContext, id: unknown): UserRow {
  const numeric = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  const user = Number.isSafeInteger(numeric) ? ctx.services.users.findById(numeric) : undefined;
  if (!user || !canManage(ctx, user)) throw notFound('Invalid user');
  return user;
}

export function canManage(ctx: RequestContext, user: UserRow): boolean {
  const auth = ctx.auth;
  if (isSiteAdmin(auth)) return true;
  if (!auth || !isOrgAdmin(auth) || user.org_id !== auth.user.org_id) return false;
  return ctx.services.users.role(user.role_id)?.perms.perm_site_admin !== true;
}
