/**
 * MISP's ACLComponent rules for the data routes: an action needs one role permission, checked
 * before the controller runs, with the ACL's own 403 ("You do not have permission to use this
 * functionality."). Read-only auth keys rely on it: they arrive with those permissions off.
 */
import type { RequestContext } from '../http/context.ts';
import type { Permissions } from '../users/roles.ts';

export const requirePerm =
  (name: keyof Permissions) =>
  (ctx: RequestContext): boolean =>
    ctx.auth?.role.perms[name] === true;
