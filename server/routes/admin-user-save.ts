/**
 * /admin/users/add and /admin/users/edit/<id>: form or REST JSON in, validation as MISP's User
 * model words it, 403 {saved:false,…} for REST failures. A new user gets a fresh 40-character
 * auth key, shown in clear once in the REST answer (MISP does the same for legacy keys).
 */
import type { RequestContext } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, saveFailure } from '../http/errors.ts';
import type { Body } from '../http/form-data.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { generateAuthKey, generatePassword } from '../auth/secrets.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { AuthKeyRepository } from '../users/auth-key-repository.ts';
import type { UserRow } from '../users/user-repository.ts';
import { adminAddPage, adminEditPage, type AdminUserFormValues } from '../views/users/admin-forms.ts';
import { userRecordJson, userViewJson } from '../views/users/user-json.ts';
import { findManagedUser } from './managed-users.ts';
import { userAfterSave, userBeforeSave } from '../workflows/user-triggers.ts';

type Errors = Record<string, string[]>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** MISP's words for its password rule, with the length Security.password_policy_length sets. */
export function passwordRule(minLength: number): string {
  return `Password must be ${minLength} characters minimum, and contain at least one upper-case, one lower-case, one digit or special character.`;
}

/** Security.password_policy_length (12 unless set). */
export function passwordMinLength(ctx: RequestContext): number {
  return ctx.services.settings.number('Security.password_policy_length') || 12;
}

function userFields(body: Body): Body {
  const wrapped = body.User;
  return typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)
    ? (wrapped as Body)
    : body;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const flag = (v: unknown): boolean | undefined =>
  v === undefined ? undefined : v === true || v === 1 || v === '1' || v === 'true' || v === 'on';

/** 16 characters or more, or the policy's length with upper, lower and a digit or symbol. */
export function passwordIsStrong(password: string, minLength = 12): boolean {
  if (password.length >= Math.max(16, minLength)) return true;
  return (
    password.length >= minLength &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[\d\W_]/.test(password)
  );
}

function choices(ctx: RequestContext) {
  const { users } = ctx.services;
  const siteAdmin = isSiteAdmin(ctx.auth);
  return {
    orgs: siteAdmin ? users.orgs() : users.orgs().filter((o) => o.id === ctx.auth!.user.org_id),
    roles: siteAdmin ? users.roles() : users.roles().filter((r) => !r.perms.perm_site_admin),
  };
}

/** Org admins' users stay in their organisation: MISP ignores another org_id without a word. */
function orgFor(ctx: RequestContext, sent: string | undefined, fallback: number): number {
  if (!isSiteAdmin(ctx.auth)) return ctx.auth!.user.org_id;
  return Number(sent ?? fallback);
}

/** Checks the organisation and role an admin asks for; org admins are held to their own org. */
function checkOrgAndRole(ctx: RequestContext, orgId: number, roleId: number, errors: Errors): void {
  const { users } = ctx.services;
  if (!Number.isInteger(orgId) || !users.org(orgId)) errors.org_id = ['Invalid organisation.'];
  const role = Number.isInteger(roleId) ? users.role(roleId) : undefined;
  if (!role) errors.role_id = ['Invalid role.'];
  else if (role.perms.perm_site_admin && !isSiteAdmin(ctx.auth))
    errors.role_id = ['You are not authorised to assign that role to a user.'];
}

function checkEmail(
  ctx: RequestContext,
  email: string | undefined,
  self: UserRow | null,
  errors: Errors,
): void {
  if (!email || !EMAIL_PATTERN.test(email)) errors.email = ['Please enter a valid email address.'];
  else {
    const owner = ctx.services.users.findByEmail(email);
    if (owner && owner.id !== self?.id) errors.email = ['An account with this email address already exists.'];
  }
}

export async function adminAdd(ctx: RequestContext): Promise<Response> {
  const own = ctx.auth!.user;
  // ACLComponent: MISP.disable_user_add stops org admins (not site admins) from adding users.
  if (!isSiteAdmin(ctx.auth) && ctx.services.settings.bool('MISP.disable_user_add'))
    throw new HttpError(403, 'You do not have permission to use this functionality.');
  const defaultRole = ctx.services.users.roles().find((r) => r.default_role === 1)?.id ?? 3;
  if (ctx.method === 'GET') {
    const values = { email: '', org_id: String(own.org_id), role_id: String(defaultRole) };
    return htmlResponse(adminAddPage(ctx, values, choices(ctx)));
  }
  const fields = userFields(ctx.body);
  const email = text(fields.email);
  const orgId = orgFor(ctx, text(fields.org_id), own.org_id);
  const roleId = Number(text(fields.role_id) ?? defaultRole);
  const given = text(fields.password);
  const errors: Errors = {};
  checkEmail(ctx, email, null, errors);
  checkOrgAndRole(ctx, orgId, roleId, errors);
  if (given && !passwordIsStrong(given, passwordMinLength(ctx)))
    errors.password = [passwordRule(passwordMinLength(ctx))];
  const values = { email: email ?? '', org_id: String(orgId), role_id: String(roleId) };
  if (Object.keys(errors).length > 0) return failed(ctx, 'add', '/admin/users/add', errors, values);

  const draft = { email, org_id: orgId, role_id: roleId, disabled: flag(fields.disabled) ?? false };
  if (await userBeforeSave(ctx.services, { User: draft }, 'add')) {
    return failed(ctx, 'add', '/admin/users/add', {}, values);
  }
  // With Security.advanced_authkeys (MISP's default) the first key is an AuthKey like any other,
  // listed by /auth_keys/index; otherwise it is the user's legacy key.
  const advanced = ctx.services.settings.bool('Security.advanced_authkeys');
  const legacyKey = advanced ? undefined : generateAuthKey();
  const user = ctx.services.users.create({
    email: email!,
    password: given || generatePassword(),
    org_id: orgId,
    role_id: roleId,
    authkey: legacyKey,
    disabled: flag(fields.disabled) ?? false,
    // MISP 2.5.1 makes a new user change the password at first login unless told otherwise.
    change_pw: flag(fields.change_pw) ?? ctx.isRest,
    invited_by: own.id,
  });
  const authKey = legacyKey ?? new AuthKeyRepository(ctx.services.db, ctx.services.clock).create(user.id).raw;
  logUserChange(ctx, 'add', user);
  await userAfterSave(ctx.services, {
    User: userViewJson(ctx.services, user).User as Record<string, unknown>,
  });
  if (ctx.isRest) {
    // MISP 2.5.1's add answer is the User alone (no Role, UserSetting or Organisation), with the
    // new key shown once, advanced auth keys too (battery), and its TOTP null, not masked.
    return json({ User: { ...userRecordJson(user), server_id: '0', authkey: authKey, totp: null } });
  }
  flash(ctx, 'success', 'The user has been saved.');
  return redirect(ctx, '/admin/users/index');
}

export async function adminEdit(ctx: RequestContext): Promise<Response> {
  const user = findManagedUser(ctx, ctx.url.pass[0]);
  const current = { email: user.email, org_id: String(user.org_id), role_id: String(user.role_id) };
  if (ctx.method === 'GET') {
    return htmlResponse(
      adminEditPage(ctx, user, { ...current, disabled: user.disabled === 1 }, choices(ctx)),
    );
  }
  const fields = userFields(ctx.body);
  const locked = lockedFields(ctx);
  const email = (!locked.login && text(fields.email)) || user.email;
  const orgId = orgFor(ctx, text(fields.org_id), user.org_id);
  const roleId = Number(text(fields.role_id) ?? user.role_id);
  const password = locked.password ? undefined : text(fields.password);
  const disabled = flag(fields.disabled) ?? user.disabled === 1;
  const errors: Errors = {};
  checkEmail(ctx, email, user, errors);
  checkOrgAndRole(ctx, orgId, roleId, errors);
  if (password && !passwordIsStrong(password, passwordMinLength(ctx)))
    errors.password = [passwordRule(passwordMinLength(ctx))];
  const values = { email, org_id: String(orgId), role_id: String(roleId), disabled };
  const path = `/admin/users/edit/${user.id}`;
  if (Object.keys(errors).length > 0) return failed(ctx, 'edit', path, errors, values, user);

  const draft = { id: user.id, email, org_id: orgId, role_id: roleId, disabled };
  if (await userBeforeSave(ctx.services, { User: draft }, 'edit'))
    return failed(ctx, 'edit', path, {}, values, user);
  const { users, sessions } = ctx.services;
  users.update(user.id, {
    email,
    org_id: orgId,
    role_id: roleId,
    disabled: disabled ? 1 : 0,
    ...notificationFlags(fields, user),
  });
  if (password) users.setPassword(user.id, password);
  if (disabled) sessions.dropUser(user.id);
  const saved = users.findById(user.id)!;
  logUserChange(ctx, 'edit', saved);
  await userAfterSave(ctx.services, {
    User: userViewJson(ctx.services, saved).User as Record<string, unknown>,
  });
  if (ctx.isRest) return json(userViewJson(ctx.services, saved));
  flash(ctx, 'success', 'The user has been saved');
  return redirect(ctx, '/admin/users/index');
}

/**
 * MISP.disable_user_login_change and disable_user_password_change: only site admins may then
 * change an email or a password; for anyone else the sent value is left out, as MISP does.
 */
export function lockedFields(ctx: RequestContext): { login: boolean; password: boolean } {
  if (isSiteAdmin(ctx.auth)) return { login: false, password: false };
  const settings = ctx.services.settings;
  return {
    login: settings.bool('MISP.disable_user_login_change'),
    password: settings.bool('MISP.disable_user_password_change'),
  };
}

/** The flags an admin edit may change besides identity: alerts, terms, the forced password change. */
function notificationFlags(fields: Body, user: UserRow) {
  const keep = (name: 'autoalert' | 'contactalert' | 'termsaccepted' | 'change_pw') => {
    const sent = flag(fields[name]);
    return sent === undefined ? user[name] : sent ? 1 : 0;
  };
  return {
    autoalert: keep('autoalert'),
    contactalert: keep('contactalert'),
    termsaccepted: keep('termsaccepted'),
    change_pw: keep('change_pw'),
  };
}

function failed(
  ctx: RequestContext,
  action: string,
  path: string,
  errors: Errors,
  values: AdminUserFormValues,
  user?: UserRow,
): Response {
  if (ctx.isRest) throw saveFailure(action, 'User', path, errors, user?.id);
  flash(
    ctx,
    'error',
    `The user could not be saved. Please, try again. ${Object.values(errors).flat().join(' ')}`,
  );
  const page = user
    ? adminEditPage(ctx, user, values, choices(ctx))
    : adminAddPage(ctx, values, choices(ctx));
  return htmlResponse(page);
}

function logUserChange(ctx: RequestContext, action: 'add' | 'edit', user: UserRow): void {
  const admin = ctx.auth!;
  ctx.services.logs.write({
    title: `User (${user.id}): ${user.email}`,
    model: 'User',
    model_id: user.id,
    action,
    actor: { id: admin.user.id, email: admin.user.email, org: admin.org.name },
    ip: ctx.ip,
  });
}
