import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { ApiError, notFound } from '../errors.ts';
import { isSystemAdmin } from '../permissions.ts';
import {
  created,
  currentUser,
  idParam,
  optionalUser,
  readJsonObject,
  stringField,
  type ChatEnv,
} from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validateEmail, validatePassword, validateUsername } from '../validation.ts';

const userNotFound = () => notFound('app.user.missing_account.const', 'Unable to find the user.');

const invalidCredentials = () =>
  new ApiError(
    401,
    'api.user.login.invalid_credentials_email_username',
    'Enter a valid email or username and/or password.',
  );

/** Users: sign-up (the first account becomes system admin), login, and lookups. */
export function userRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();

  routes.post('/users', async (c) => {
    const firstUser = store.userCount() === 0;
    const caller = optionalUser(c, store);
    if (!firstUser && !(caller && isSystemAdmin(caller)) && !store.config.EnableOpenServer) {
      throw new ApiError(
        403,
        'api.user.create_user.no_open_server',
        'This server does not allow open signups. Please speak with your Administrator to receive an invitation.',
      );
    }
    const body = await readJsonObject(c, 'user');
    const username = stringField(body, 'username').toLowerCase();
    const email = stringField(body, 'email').toLowerCase();
    const password = stringField(body, 'password');
    validateUsername(username);
    validateEmail(email);
    validatePassword(password);
    if (store.userByUsername(username)) {
      throw new ApiError(
        400,
        'app.user.save.username_exists.app_error',
        'An account with that username already exists.',
      );
    }
    if (store.userByEmail(email)) {
      throw new ApiError(
        400,
        'app.user.save.email_exists.app_error',
        'An account with that email already exists.',
      );
    }
    const roles = firstUser ? 'system_user system_admin' : 'system_user';
    return created(c, store.createUser({ username, email, password, roles }));
  });

  routes.post('/users/login', async (c) => {
    const body = await readJsonObject(c, 'login_id');
    const loginId = stringField(body, 'login_id', '').toLowerCase();
    const password = stringField(body, 'password', '');
    if (password === '') {
      throw new ApiError(400, 'api.user.login.blank_pwd.app_error', 'Password field must not be blank');
    }
    const user = store.userByUsername(loginId) ?? store.userByEmail(loginId);
    if (!user || user.is_bot || !store.passwordMatches(user.id, password)) throw invalidCredentials();
    if (user.delete_at !== 0) {
      throw new ApiError(
        401,
        'api.user.login.inactive.app_error',
        'Login failed because your account has been deactivated.',
      );
    }
    const token = store.createSession(user.id);
    c.header('Token', token);
    setCookie(c, 'MMAUTHTOKEN', token, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.json(user);
  });

  routes.get('/users/me', (c) => c.json(currentUser(c, store)));

  routes.get('/users/username/:username', (c) => {
    currentUser(c, store);
    const user = store.userByUsername(c.req.param('username'));
    if (!user) throw userNotFound();
    return c.json(user);
  });

  routes.get('/users/:user_id', (c) => {
    currentUser(c, store);
    const user = store.userById(idParam(c, 'user_id'));
    if (!user) throw userNotFound();
    return c.json(user);
  });

  return routes;
}
