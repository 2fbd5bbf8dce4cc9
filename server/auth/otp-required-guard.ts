/**
 * Security.otp_required as MISP enforces it (AppController::__verifyUser, spec §1.7): a browser
 * user without TOTP is sent to /users/totp_new from every page but a few, until enrolled.
 * REST, AJAX and auth-key requests are never redirected, and roles with perm_skip_otp are exempt.
 * Security.otp_disabled is not consulted here, exactly as in MISP.
 */
import type { RequestContext } from '../http/context.ts';
import type { Guard } from '../http/dispatcher.ts';
import { redirect } from '../http/respond.ts';

/** The users/<action> pages a not-yet-enrolled user may still open (MISP's exact list). */
export const OTP_ENROLMENT_EXEMPT_ACTIONS: readonly string[] = [
  'terms',
  'change_pw',
  'logout',
  'login',
  'totp_new',
];

export function mustEnrolTotp(ctx: RequestContext): boolean {
  const auth = ctx.auth;
  if (!auth || ctx.viaAuthKey || ctx.isRest || ctx.isAjax) return false;
  if (auth.user.totp) return false;
  if (!ctx.services.settings.bool('Security.otp_required')) return false;
  if (auth.role.perms.perm_skip_otp) return false;
  const exempt =
    !ctx.url.admin && ctx.url.controller === 'users' && OTP_ENROLMENT_EXEMPT_ACTIONS.includes(ctx.url.action);
  return !exempt;
}

export const otpRequiredGuard: Guard = (ctx) =>
  mustEnrolTotp(ctx) ? redirect(ctx, '/users/totp_new') : null;
