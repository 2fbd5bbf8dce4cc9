/** The authenticated user with role and organisation resolved once per request. */
import type { OrgRow, RoleRow, UserRepository, UserRow } from './user-repository.ts';
import type { LogActor } from '../logs/log-service.ts';

export interface AuthUser {
  user: UserRow;
  role: RoleRow;
  org: OrgRow;
  /** The advanced auth key this request came with, if any (MISP's authkey_id / authkey_read_only). */
  authKey?: { id: number; readOnly: boolean };
}

export function loadAuthUser(users: UserRepository, id: number): AuthUser | null {
  const user = users.findById(id);
  if (!user) return null;
  const role = users.role(user.role_id);
  const org = users.org(user.org_id);
  return role && org ? { user, role, org } : null;
}

export function actorOf(auth: AuthUser | null): LogActor | undefined {
  return auth ? { id: auth.user.id, email: auth.user.email, org: auth.org.name } : undefined;
}

export const isSiteAdmin = (auth: AuthUser | null): boolean => auth?.role.perms.perm_site_admin === true;
export const isOrgAdmin = (auth: AuthUser | null): boolean => auth?.role.perms.perm_admin === true;

/** ACL's not_read_only_authkey: actions a read-only key may never reach. */
export const isReadOnlyKey = (auth: AuthUser | null): boolean => auth?.authKey?.readOnly === true;
