/**
 * /users/register (UsersController::register). While Security.allow_self_registration is on it is
 * reachable without login: GET shows the form, POST files the request for the administrators.
 * While it is off, real MISP 2.5.1 sends a visitor to /users/login (302, as for any page behind
 * login) and answers a logged-in user 405 "Self registration is not enabled on this instance.".
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { methodNotAllowed, saveSuccessBody } from '../http/errors.ts';
import type { Body } from '../http/form-data.ts';
import { htmlResponse, json, redirect, requestPath } from '../http/respond.ts';
import { REGISTRATION_SENT, registerRequest } from '../users/registration-service.ts';
import { registerPage } from '../views/users/register-page.ts';

function register(ctx: RequestContext): Response {
  const { settings, db, clock } = ctx.services;
  if (!settings.bool('Security.allow_self_registration')) {
    if (ctx.session.userId !== null)
      throw methodNotAllowed('Self registration is not enabled on this instance.');
    ctx.session.values.pre_login_requested_url = requestPath(ctx);
    return redirect(ctx, '/users/login');
  }
  if (ctx.method === 'GET') {
    const message = settings.string('Security.self_registration_message');
    return htmlResponse(registerPage(ctx, message));
  }
  // MISP reads data[User] when it is there, else the flat body PyMISP-style clients send.
  const wrapped = ctx.body.User;
  const fields = typeof wrapped === 'object' && wrapped !== null ? (wrapped as Body) : ctx.body;
  registerRequest(db, clock, fields, {
    ip: ctx.ip,
    userAgent: ctx.hono.req.header('user-agent') ?? '',
  });
  if (ctx.isRest) return json(saveSuccessBody(REGISTRATION_SENT, '/users/register'));
  flash(ctx, 'success', REGISTRATION_SENT);
  return redirect(ctx, '/');
}

export const userRegisterRoutes: RouteDef[] = [
  { path: 'users/register', public: true, methods: ['GET', 'POST'], handler: register },
];
