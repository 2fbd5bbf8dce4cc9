/**
 * /admin/roles/add and /admin/roles/delete/<id> as MISP's REST answers them (RolesController,
 * CRUD component): add takes {"Role":{name, permission, perm_*}} (or the fields unwrapped) and
 * answers the saved {"Role":{…}}; delete refuses while users hold the role. Site admins only.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { HttpError, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { PERMISSION_FLAGS, type Permissions } from '../users/roles.ts';
import { roleJson } from '../views/users/user-json.ts';

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

function add(ctx: RequestContext): Response {
  if (!ctx.isRest)
    throw new HttpError(405, 'Role management pages are not available here: use the REST API.');
  const wrapped = ctx.body.Role;
  const fields = (
    typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped) ? wrapped : ctx.body
  ) as Record<string, unknown>;
  const name = typeof fields.name === 'string' ? fields.name.trim() : '';
  const errors: Record<string, string[]> = {};
  if (name === '') errors.name = ['A role name is required.'];
  else if (ctx.services.users.roles().some((r) => r.name.toLowerCase() === name.toLowerCase()))
    errors.name = ['A role with this name already exists.'];
  const permission = Number(fields.permission ?? 0);
  if (!Number.isInteger(permission) || permission < 0 || permission > 3)
    errors.permission = ['Invalid permission level.'];
  if (Object.keys(errors).length > 0) throw saveFailure('add', 'Role', '/admin/roles/add', errors);
  const perms: Partial<Permissions> = {};
  for (const flag of PERMISSION_FLAGS) if (truthy(fields[flag])) perms[flag] = true;
  // MISP derives these from the permission level (0 read only … 3 publish).
  if (permission >= 1) perms.perm_add = true;
  if (permission >= 2) perms.perm_modify = true;
  if (permission >= 3) perms.perm_publish = true;
  const role = ctx.services.users.createRole(name, perms, permission);
  return json({ Role: roleJson(role) });
}

function remove(ctx: RequestContext): Response {
  const raw = ctx.url.pass[0] ?? '';
  const id = Number(raw);
  const role = /^\d+$/.test(raw) ? ctx.services.users.role(id) : undefined;
  if (!role) throw new HttpError(404, 'Invalid role');
  const path = `/admin/roles/delete/${raw}`;
  if (!ctx.services.users.deleteRole(id))
    throw saveFailure(
      'delete',
      'Role',
      path,
      'It is not possible to delete a role that is assigned to users.',
      id,
    );
  // Real MISP 2.5.1 answers the role's id as a number here, and the url without /admin.
  return json({ ...saveSuccessBody('Role deleted.', `/roles/delete/${id}`), id });
}

const siteAdminOnly = (ctx: RequestContext) => isSiteAdmin(ctx.auth);

/** roles/index and roles/view/<id>: every user may read the roles (PyMISP's roles()). */
function index(ctx: RequestContext): Response {
  return json(ctx.services.users.roles().map((role) => ({ Role: roleJson(role) })));
}

function view(ctx: RequestContext): Response {
  const raw = ctx.url.pass[0] ?? '';
  const role = /^\d+$/.test(raw) ? ctx.services.users.role(Number(raw)) : undefined;
  if (!role) throw new HttpError(404, 'Invalid Role.');
  return json({ Role: roleJson(role) });
}

export const adminRoleRoutes: RouteDef[] = [
  { path: 'roles/index', methods: ['GET'], handler: index },
  { path: 'roles/view', methods: ['GET'], handler: view },
  { path: 'admin/roles/add', methods: ['POST'], allow: siteAdminOnly, handler: add },
  { path: 'admin/roles/delete', methods: ['POST', 'DELETE'], allow: siteAdminOnly, handler: remove },
];
