/**
 * The rules of MISP's UsersController::login and _postlogin (spec §1.1–§1.2): identify without
 * logging in, then the post-login steps (log line, login times, fresh session id, welcome flash,
 * redirect to /users/routeafterlogin). Routes call these; the rules live here.
 */
import type { RequestContext } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { redirect } from '../http/respond.ts';
import type { ServerServices } from '../services.ts';
import type { UserRow } from '../users/user-repository.ts';
import { hashPassword, verifyPassword } from './secrets.ts';
import { BruteForce } from './bruteforce.ts';

/** Session keys MISP uses during login (kept with MISP's names so a reader can map them). */
export const OTP_USER_KEY = 'otp_user';
export const OTP_SECRET_KEY = 'otp_secret';
export const PRE_LOGIN_URL_KEY = 'pre_login_requested_url';

/** Auth->identify: the user whose password matches, unless disabled. Never logs in. */
export async function identify(
  services: ServerServices,
  email: unknown,
  password: unknown,
): Promise<UserRow | null> {
  if (typeof email !== 'string' || typeof password !== 'string' || email.trim() === '') return null;
  const user = services.users.findByEmail(email);
  // Hash even for an unknown email, so answer times do not tell which accounts exist.
  const matches = await verifyPassword(password, user?.password ?? DUMMY_HASH);
  return user && !user.disabled && matches ? user : null;
}

const DUMMY_HASH = hashPassword('timing-equaliser');

export function bruteForce(services: ServerServices): BruteForce {
  return new BruteForce(services);
}

/** User::extralog: a User log line written as `actor`, titled "User (<id>): <email>[ suffix]". */
export function writeUserLog(
  services: ServerServices,
  actor: UserRow,
  action: string,
  title: string,
  options: { modelId?: number; ip?: string } = {},
): void {
  const org = services.users.org(actor.org_id);
  services.logs.write({
    title,
    model: 'User',
    model_id: options.modelId ?? actor.id,
    action,
    actor: { id: actor.id, email: actor.email, org: org?.name ?? '' },
    ip: options.ip,
  });
}

export function userTitle(user: Pick<UserRow, 'id' | 'email'>, suffix = ''): string {
  return `User (${user.id}): ${user.email}${suffix}`;
}

/** _postlogin: everything after a successful password (and OTP) check. */
export function completeLogin(ctx: RequestContext, user: UserRow): Response {
  const { services } = ctx;
  writeUserLog(services, user, 'login', userTitle(user), { ip: ctx.ip });
  // MISP reads last_login before shifting it, so the welcome names the login before the previous one.
  const previousLastLogin = user.last_login;
  services.users.update(user.id, {
    last_login: user.current_login,
    current_login: Math.floor(services.clock() / 1000),
  });
  ctx.session = services.sessions.regenerate(ctx.session);
  ctx.session.userId = user.id;
  delete ctx.session.values[OTP_USER_KEY];
  if (previousLastLogin) flash(ctx, 'info', `Welcome! Last login was on ${formatRfc822(previousLastLogin)}`);
  return redirect(ctx, '/users/routeafterlogin');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** PHP's 'D, d M y H:i:s O' (DATE_RFC822) in UTC, e.g. "Sun, 29 Nov 26 07:06:15 +0000". */
export function formatRfc822(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
