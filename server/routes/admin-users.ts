/**
 * /admin/users/{index,view,add,edit,delete} (UsersController admin_*, spec §1.5). Site admins
 * manage everyone; org admins only their own organisation's users who are not site admins
 * (managed-users.ts); anything else is "Invalid user".
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { isOrgAdmin, isSiteAdmin } from '../users/current-user.ts';
import { adminIndexPage, userViewPage } from '../views/users/user-pages.ts';
import { userIndexEntryJson, userViewJson } from '../views/users/user-json.ts';
import { adminAdd, adminEdit } from './admin-user-save.ts';
import { findManagedUser } from './managed-users.ts';
import type { UserRow } from '../users/user-repository.ts';

/** PyMISP's users(search=…, organisation=…): named `value:` (email substring) and `searchorg:`. */
function index(ctx: RequestContext): Response {
  const { users } = ctx.services;
  const value = ctx.url.named.value?.toLowerCase();
  const org = ctx.url.named.searchorg;
  const list = (isSiteAdmin(ctx.auth) ? users.list() : users.list({ orgId: ctx.auth!.user.org_id }))
    .filter((user) => !value || user.email.toLowerCase().includes(value))
    .filter((user) => !org || String(user.org_id) === org);
  if (ctx.isRest) return json(list.map((user) => userIndexEntryJson(ctx.services, user)));
  return htmlResponse(adminIndexPage(ctx, list));
}

function view(ctx: RequestContext): Response {
  const user = findManagedUser(ctx, ctx.url.pass[0]);
  if (ctx.isRest) {
    const answer = userViewJson(ctx.services, user);
    (answer.User as Record<string, unknown>).orgAdmins = orgAdminsOf(ctx, user);
    return json(answer);
  }
  return htmlResponse(userViewPage(ctx, user, true));
}

/**
 * User.orgAdmins of MISP's admin view: the other enabled users of the same organisation whose
 * role has perm_admin, id → email. PHP encodes an empty list as [], a filled one as an object.
 */
function orgAdminsOf(ctx: RequestContext, user: UserRow): Record<string, string> | [] {
  const { users } = ctx.services;
  const admins = users
    .list({ orgId: user.org_id })
    .filter((other) => other.id !== user.id && other.disabled === 0)
    .filter((other) => users.role(other.role_id)?.perms.perm_admin === true);
  return admins.length === 0 ? [] : Object.fromEntries(admins.map((a) => [String(a.id), a.email]));
}

function remove(ctx: RequestContext): Response {
  const id = ctx.url.pass[0] ?? '';
  const user = findManagedUser(ctx, id);
  const { services } = ctx;
  services.users.delete(user.id);
  services.sessions.dropUser(user.id);
  const admin = ctx.auth!.user;
  services.logs.write({
    title: `User (${user.id}): ${user.email}`,
    model: 'User',
    model_id: admin.id,
    action: 'delete',
    actor: { id: admin.id, email: admin.email, org: ctx.auth!.org.name },
    ip: ctx.ip,
  });
  if (ctx.isRest) return json(saveSuccessBody('User deleted.', `/admin/users/delete/${id}`, user.id));
  flash(ctx, 'success', 'User deleted');
  return redirect(ctx, '/admin/users/index');
}

const adminOnly = (ctx: RequestContext) => isOrgAdmin(ctx.auth);

export const adminUserRoutes: RouteDef[] = [
  { path: 'admin/users/index', methods: ['GET'], allow: adminOnly, handler: index },
  { path: 'admin/users/view', methods: ['GET'], allow: adminOnly, handler: view },
  { path: 'admin/users/add', methods: ['GET', 'POST'], allow: adminOnly, handler: adminAdd },
  { path: 'admin/users/edit', methods: ['GET', 'POST', 'PUT'], allow: adminOnly, handler: adminEdit },
  { path: 'admin/users/delete', methods: ['POST', 'DELETE'], allow: adminOnly, handler: remove },
];
