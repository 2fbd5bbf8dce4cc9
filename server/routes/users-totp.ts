/**
 * TOTP enrolment (/users/totp_new), paper tokens (/users/hotp) and the admin's TOTP deletion
 * (/users/totp_delete/<id>), as UsersController does them (spec §1.3–§1.5).
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { modelField } from '../http/form-data.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { OTP_SECRET_KEY, userTitle, writeUserLog } from '../auth/login-service.ts';
import {
  formatPaperTokens,
  newOtpSecret,
  paperTokens,
  provisioningUri,
  qrSvg,
  verifyTotp,
} from '../auth/otp.ts';
import { isOrgAdmin } from '../users/current-user.ts';
import { confirmPage, hotpPage, totpNewPage } from '../views/users/login-pages.ts';
import { findManagedUser } from './managed-users.ts';
import { requireOtpEnabled } from './users.ts';

/** Cake's $this->referer(): the Referer's path when it is ours, else "/". */
function refererPath(ctx: RequestContext): string {
  const referer = ctx.hono.req.header('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    const here = new URL(ctx.hono.req.url);
    if (url.host !== here.host || url.pathname.startsWith('/users/totp_new')) return '/';
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}

/** Security.otp_issuer, else "<MISP.org> MISP"; otphp refuses ':' in an issuer, so it is dropped. */
function otpIssuer(ctx: RequestContext): string {
  const { settings } = ctx.services;
  const issuer = settings.string('Security.otp_issuer') || `${settings.string('MISP.org')} MISP`;
  return issuer.replace(/:/g, '');
}

async function totpNew(ctx: RequestContext): Promise<Response> {
  requireOtpEnabled(ctx);
  const { services } = ctx;
  if (services.settings.bool('LinOTPAuth.enabled')) {
    flash(ctx, 'error', 'LinOTP is enabled for this instance. Built-in TOTP should not be used.');
    return redirect(ctx, refererPath(ctx));
  }
  const user = services.users.findById(ctx.auth!.user.id)!;
  if (user.totp) {
    flash(
      ctx,
      'error',
      'Your account already has a TOTP. Please contact your organisational administrator to change or delete it.',
    );
    return redirect(ctx, refererPath(ctx));
  }
  let secret = ctx.session.values[OTP_SECRET_KEY];
  // A new secret on every GET; a POST keeps the one its QR code showed.
  if (ctx.method === 'GET' || typeof secret !== 'string') {
    secret = newOtpSecret();
    ctx.session.values[OTP_SECRET_KEY] = secret;
  }
  const code = modelField(ctx.body, 'User', 'otp');
  if (ctx.method === 'POST' && code !== undefined) {
    const input = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
    if (await verifyTotp(secret as string, input, services.clock())) {
      services.users.update(user.id, { totp: secret as string, hotp_counter: 0 });
      delete ctx.session.values[OTP_SECRET_KEY];
      flash(ctx, 'info', 'The OTP is correct and now active for your account.');
      writeUserLog(services, user, 'update', userTitle(user, ' TOTP token created'), { ip: ctx.ip });
      return redirect(ctx, '/users/hotp');
    }
    flash(ctx, 'error', 'The OTP is incorrect or has expired.');
  }
  const uri = provisioningUri(otpIssuer(ctx), user.email, secret as string);
  return htmlResponse(totpNewPage(ctx, await qrSvg(uri), secret as string));
}

async function hotp(ctx: RequestContext): Promise<Response> {
  requireOtpEnabled(ctx);
  // Always the logged-in user: MISP ignores any id in the URL.
  const user = ctx.services.users.findById(ctx.auth!.user.id)!;
  // MISP quirk kept: without a TOTP, otphp invents a random secret, so the codes are useless.
  const secret = user.totp ?? newOtpSecret();
  const tokens = await paperTokens(secret, user.hotp_counter ?? 0);
  return htmlResponse(hotpPage(ctx, formatPaperTokens(tokens)));
}

function totpDelete(ctx: RequestContext): Response {
  requireOtpEnabled(ctx);
  const id = ctx.url.pass[0] ?? '';
  const path = `/users/totp_delete/${id}`;
  if (ctx.method === 'GET') {
    return htmlResponse(
      confirmPage(ctx, {
        title: 'Delete user TOTP',
        question: 'Are you sure you want to delete the TOTP of the user?.',
        action: path,
        actionName: 'Delete',
        formId: 'UserTotpDeleteForm',
      }),
    );
  }
  const { services } = ctx;
  const target = findManagedUser(ctx, id);
  services.users.update(target.id, { totp: null });
  // MISP's extralog has no modified user here, so model_id is the admin's own id (kept as is).
  const admin = ctx.auth!.user;
  writeUserLog(services, admin, 'update', userTitle(target, ' TOTP deleted'), { ip: ctx.ip });
  if (ctx.isRest) return json(saveSuccessBody('User TOTP deleted.', path, target.id));
  flash(ctx, 'success', 'User TOTP deleted');
  return redirect(ctx, '/admin/users/index');
}

export const userTotpRoutes: RouteDef[] = [
  { path: 'users/totp_new', methods: ['GET', 'POST'], handler: totpNew },
  { path: 'users/hotp', methods: ['GET'], handler: hotp },
  {
    path: 'users/totp_delete',
    methods: ['GET', 'POST', 'DELETE'],
    allow: (ctx) => isOrgAdmin(ctx.auth),
    handler: totpDelete,
  },
];
