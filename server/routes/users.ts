/**
 * Login, OTP step, email OTP step, logout, routeafterlogin and the own-profile view (UsersController,
 * spec §1.1, §1.2, §1.5, §1.8). Rules live in auth/login-service.ts and auth/email-otp.ts; these
 * handlers parse, check and render.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { modelField } from '../http/form-data.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import {
  OTP_USER_KEY,
  PRE_LOGIN_URL_KEY,
  bruteForce,
  completeLogin,
  identify,
  userTitle,
  writeUserLog,
} from '../auth/login-service.ts';
import { verifyHotp, verifyTotp } from '../auth/otp.ts';
import {
  EMAIL_OTP_NOT_SENT_FLASH,
  EMAIL_OTP_SENT_FLASH,
  EMAIL_OTP_USER_KEY,
  EMAIL_OTP_WRONG_FLASH,
  emailOtpCodes,
  emailOtpEnabled,
  isEmailOtpException,
  sendEmailOtp,
} from '../auth/email-otp.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { loginPage, otpPage } from '../views/users/login-pages.ts';
import { emailOtpPage } from '../views/users/email-otp-page.ts';
import { userViewJson } from '../views/users/user-json.ts';
import { userViewPage } from '../views/users/user-pages.ts';

export const OTP_DISABLED_MESSAGE = 'OTP has been disabled on this instance.';

/** ACL "otp_enabled": the OTP pages answer 403 while Security.otp_disabled is on. */
export function requireOtpEnabled(ctx: RequestContext): void {
  if (ctx.services.settings.bool('Security.otp_disabled')) throw forbidden(OTP_DISABLED_MESSAGE);
}

function failureContext(ctx: RequestContext) {
  return { ip: ctx.ip, userAgent: ctx.hono.req.header('user-agent') };
}

async function login(ctx: RequestContext): Promise<Response> {
  if (ctx.method === 'GET') return htmlResponse(loginPage(ctx));
  const { services } = ctx;
  const email = modelField(ctx.body, 'User', 'email');
  const password = modelField(ctx.body, 'User', 'password');
  const guard = bruteForce(services);
  if (typeof email === 'string' && email !== '' && guard.isBlocklisted(ctx.ip, email)) {
    throw forbidden(guard.blockedMessage());
  }
  const user = await identify(services, email, password);
  if (user) {
    if (!services.settings.bool('Security.otp_disabled') && user.totp) {
      // Password is right but the user is not logged in until the OTP page says so.
      ctx.session.values[OTP_USER_KEY] = user.id;
      return redirect(ctx, '/users/otp');
    }
    if (emailOtpEnabled(services)) {
      ctx.session.values[EMAIL_OTP_USER_KEY] = user.id;
      return redirect(ctx, '/users/email_otp');
    }
    return completeLogin(ctx, user);
  }
  flash(ctx, 'error', 'Invalid username or password, try again');
  if (typeof email === 'string') guard.insert(email, failureContext(ctx));
  return htmlResponse(loginPage(ctx, typeof email === 'string' ? email : ''));
}

async function otp(ctx: RequestContext): Promise<Response> {
  requireOtpEnabled(ctx);
  const { services } = ctx;
  const pendingId = ctx.session.values[OTP_USER_KEY];
  const user = typeof pendingId === 'number' ? services.users.findById(pendingId) : undefined;
  if (!user || !user.totp || user.disabled) {
    delete ctx.session.values[OTP_USER_KEY];
    return redirect(ctx, '/users/login');
  }
  const code = modelField(ctx.body, 'User', 'otp');
  if (ctx.method === 'POST' && code !== undefined) {
    const guard = bruteForce(services);
    if (guard.isBlocklisted(ctx.ip, user.email)) throw forbidden(guard.blockedMessage());
    const input = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
    if (await verifyTotp(user.totp, input, services.clock())) return completeLogin(ctx, user);
    if (user.hotp_counter !== null && (await verifyHotp(user.totp, input, user.hotp_counter))) {
      services.users.update(user.id, { hotp_counter: user.hotp_counter + 1 });
      return completeLogin(ctx, user);
    }
    flash(ctx, 'error', 'The OTP is incorrect or has expired');
    writeUserLog(services, user, 'login_fail', userTitle(user, ' wrong OTP token'), { ip: ctx.ip });
    guard.insert(user.email, failureContext(ctx));
  }
  return htmlResponse(otpPage(ctx, user.hotp_counter));
}

/** Spec §1.8: GET mails a new code (or logs an exception in); POST checks it. No brute-force check. */
async function emailOtp(ctx: RequestContext): Promise<Response> {
  const { services } = ctx;
  const pendingId = ctx.session.values[EMAIL_OTP_USER_KEY];
  const user = typeof pendingId === 'number' ? services.users.findById(pendingId) : undefined;
  if (!emailOtpEnabled(services) || !user || user.disabled) {
    delete ctx.session.values[EMAIL_OTP_USER_KEY];
    return redirect(ctx, '/users/login');
  }
  const logIn = () => {
    delete ctx.session.values[EMAIL_OTP_USER_KEY];
    return completeLogin(ctx, user);
  };
  const code = modelField(ctx.body, 'User', 'otp');
  if (ctx.method === 'POST' && code !== undefined) {
    const input = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
    if (emailOtpCodes(services).consume(user.id, input)) return logIn();
    flash(ctx, 'error', EMAIL_OTP_WRONG_FLASH);
    writeUserLog(services, user, 'login_fail', userTitle(user, ' wrong email OTP token'), { ip: ctx.ip });
    return htmlResponse(emailOtpPage(ctx));
  }
  if (isEmailOtpException(services, user.email)) return logIn();
  const outcome = await sendEmailOtp(ctx, user);
  if (outcome.sent) flash(ctx, 'success', EMAIL_OTP_SENT_FLASH);
  else flash(ctx, 'error', EMAIL_OTP_NOT_SENT_FLASH);
  return htmlResponse(emailOtpPage(ctx));
}

function logout(ctx: RequestContext): Response {
  const { services } = ctx;
  const user = ctx.session.userId !== null ? services.users.findById(ctx.session.userId) : undefined;
  if (user) writeUserLog(services, user, 'logout', userTitle(user), { ip: ctx.ip });
  // Auth->logout: identity, OTP secret and other session values go; the flash survives.
  const flashes = ctx.session.flashes;
  ctx.session = services.sessions.regenerate(ctx.session);
  ctx.session.userId = null;
  ctx.session.values = {};
  ctx.session.flashes = flashes;
  flash(ctx, 'info', 'Good-Bye');
  return redirect(ctx, '/users/login');
}

function routeAfterLogin(ctx: RequestContext): Response {
  const saved = ctx.session.values[PRE_LOGIN_URL_KEY];
  delete ctx.session.values[PRE_LOGIN_URL_KEY];
  // Only same-site paths: a saved absolute URL could otherwise send the user elsewhere.
  const target = typeof saved === 'string' && saved.startsWith('/') && !saved.startsWith('//') ? saved : '';
  // MISP redirects to events/index, which its Router writes as "/" (routes.php connects / to it).
  return redirect(ctx, target || '/');
}

function view(ctx: RequestContext): Response {
  const auth = ctx.auth!;
  const requested = ctx.url.pass[0] ?? 'me';
  const id = requested === 'me' ? auth.user.id : Number(requested);
  if (!isSiteAdmin(auth) && id !== auth.user.id) throw notFound('Invalid user or not authorised.');
  const user = Number.isInteger(id) && id > 0 ? ctx.services.users.findById(id) : undefined;
  if (!user) throw notFound('Invalid user');
  if (ctx.isRest) return json(userViewJson(ctx.services, user));
  return htmlResponse(userViewPage(ctx, user, false));
}

export const userRoutes: RouteDef[] = [
  { path: 'users/login', public: true, methods: ['GET', 'POST'], handler: login },
  { path: 'users/otp', public: true, methods: ['GET', 'POST'], handler: otp },
  { path: 'users/email_otp', public: true, methods: ['GET', 'POST'], handler: emailOtp },
  { path: 'users/logout', public: true, methods: ['GET', 'POST'], handler: logout, csrf: false },
  { path: 'users/routeafterlogin', methods: ['GET'], handler: routeAfterLogin },
  { path: 'users/view', methods: ['GET'], handler: view },
];
