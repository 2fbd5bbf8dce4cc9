/**
 * MISP.live off (AppController::__verifyUser, _isLive): everyone but site admins is logged out
 * and sent to the login page with MISP.maintenance_message, over REST too (MISP redirects there
 * as well, which PyMISP reports as a failed connection).
 */
import { flash } from '../http/context.ts';
import type { Guard } from '../http/dispatcher.ts';
import { redirect } from '../http/respond.ts';

export const liveGuard: Guard = (ctx) => {
  const { settings, sessions } = ctx.services;
  if (settings.bool('MISP.live') || !ctx.auth || ctx.auth.role.perms.perm_site_admin) return null;
  const email = settings.string('MISP.email');
  const message = settings.string('MISP.maintenance_message').replace('$email', email);
  ctx.session = sessions.regenerate(ctx.session);
  ctx.session.userId = null;
  ctx.session.values = {};
  flash(ctx, 'info', message);
  return redirect(ctx, '/users/login');
};
