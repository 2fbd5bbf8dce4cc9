/**
 * `POST /users/edit/<id>` and `/users/change_pw` over REST (UsersController::edit, change_pw;
 * PyMISP update_user for users without admin rights, change_user_password): a user changes only
 * their own email, password and alert flags. Organisation, role and the forced password change
 * stay as they are, whatever is sent; MISP.disable_user_login_change and
 * disable_user_password_change leave the email and the password alone.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { HttpError, notFound, saveFailure, saveSuccessBody } from '../http/errors.ts';
import type { Body } from '../http/form-data.ts';
import { json } from '../http/respond.ts';
import { userViewJson } from '../views/users/user-json.ts';
import { lockedFields, passwordIsStrong, passwordMinLength, passwordRule } from './admin-user-save.ts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fieldsOf(body: Body): Body {
  const inner = body.User;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Body) : body;
}

const bit = (value: unknown, current: number): number =>
  value === undefined ? current : value === true || value === 1 || value === '1' || value === 'true' ? 1 : 0;

function edit(ctx: RequestContext): Response {
  if (!ctx.isRest) throw new HttpError(405, 'You do not have permission to do that.');
  const me = ctx.auth!.user;
  const requested = ctx.url.pass[0];
  if (requested !== undefined && requested !== 'me' && requested !== String(me.id))
    throw notFound('Invalid user');
  const fields = fieldsOf(ctx.body);
  const locked = lockedFields(ctx);
  const { users } = ctx.services;
  const path = `/users/edit/${me.id}`;
  const email = !locked.login && typeof fields.email === 'string' ? fields.email.trim() : me.email;
  if (!EMAIL_PATTERN.test(email))
    throw saveFailure('edit', 'User', path, { email: ['Please enter a valid email address.'] }, me.id);
  const owner = users.findByEmail(email);
  if (owner && owner.id !== me.id)
    throw saveFailure(
      'edit',
      'User',
      path,
      { email: ['An account with this email address already exists.'] },
      me.id,
    );
  const password = !locked.password && typeof fields.password === 'string' ? fields.password : undefined;
  if (password !== undefined && !passwordIsStrong(password, passwordMinLength(ctx)))
    throw saveFailure('edit', 'User', path, { password: [passwordRule(passwordMinLength(ctx))] }, me.id);
  users.update(me.id, {
    email,
    autoalert: bit(fields.autoalert, me.autoalert),
    contactalert: bit(fields.contactalert, me.contactalert),
  });
  if (password !== undefined) users.setPassword(me.id, password);
  return json(userViewJson(ctx.services, users.findById(me.id)!));
}

function changePassword(ctx: RequestContext): Response {
  if (!ctx.isRest) throw new HttpError(405, 'You do not have permission to do that.');
  if (lockedFields(ctx).password)
    throw new HttpError(403, 'You do not have permission to use this functionality.');
  const fields = fieldsOf(ctx.body);
  const password = typeof fields.password === 'string' ? fields.password : '';
  const me = ctx.auth!.user;
  if (!passwordIsStrong(password, passwordMinLength(ctx)))
    throw saveFailure(
      'change_pw',
      'User',
      '/users/change_pw',
      { password: [passwordRule(passwordMinLength(ctx))] },
      me.id,
    );
  ctx.services.users.setPassword(me.id, password);
  ctx.services.users.update(me.id, { change_pw: 0 });
  return json(saveSuccessBody('Password Changed.', '/users/change_pw', me.id));
}

export const userSelfEditRoutes: RouteDef[] = [
  { path: 'users/edit', methods: ['POST', 'PUT'], handler: edit },
  { path: 'users/change_pw', methods: ['POST', 'PUT'], handler: changePassword },
];
