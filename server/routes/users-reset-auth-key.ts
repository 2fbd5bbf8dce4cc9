/**
 * `POST /users/resetauthkey/<id|me>` (UsersController::resetauthkey; PyMISP has no method, MISP's
 * testlive_security calls it): answers `Authkey updated: <new key>` as MISP's saveSuccessResponse.
 * ACL: perm_auth and a key that is not read-only; only POST/PUT (MISP: 405 otherwise).
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { flash } from '../http/context.ts';
import { json, redirect } from '../http/respond.ts';
import { isReadOnlyKey } from '../users/current-user.ts';
import { resetAuthKey } from '../users/auth-key-reset.ts';

function reset(ctx: RequestContext): Response {
  const { user, newKey } = resetAuthKey(ctx.services, ctx.auth!, ctx.url.pass[0] ?? '');
  if (!ctx.isRest) {
    flash(ctx, 'success', 'New authkey generated.');
    return redirect(ctx, '/users/view/me');
  }
  return json(saveSuccessBody(`Authkey updated: ${newKey}`, `/users/resetauthkey/${user.id}`, user.id));
}

export const userResetAuthKeyRoutes: RouteDef[] = [
  {
    path: 'users/resetauthkey',
    methods: ['POST', 'PUT'],
    allow: (ctx) => ctx.auth?.role.perms.perm_auth === true && !isReadOnlyKey(ctx.auth),
    handler: reset,
  },
];
