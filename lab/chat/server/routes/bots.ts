import { Hono } from 'hono';
import { ApiError, notFound } from '../errors.ts';
import { requireSystemAdmin } from '../permissions.ts';
import {
  created,
  currentUser,
  idParam,
  readJsonObject,
  requireEnabled,
  requiredNonEmpty,
  stringField,
  type ChatEnv,
} from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validateUsername } from '../validation.ts';

/** Bot accounts and personal access tokens: how the MISP `mattermost` action module authenticates. */
export function botRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();

  routes.post('/bots', async (c) => {
    const caller = currentUser(c, store);
    requireEnabled(
      store.config.EnableBotAccountCreation,
      403,
      'api.bot.create_disabled',
      'Bot creation has been disabled.',
    );
    requireSystemAdmin(caller);
    const body = await readJsonObject(c, 'bot');
    const username = stringField(body, 'username').toLowerCase();
    validateUsername(username);
    if (store.userByUsername(username)) {
      throw new ApiError(
        400,
        'app.user.save.username_exists.app_error',
        'An account with that username already exists.',
      );
    }
    const bot = store.createBot(caller.id, {
      username,
      display_name: stringField(body, 'display_name', ''),
      description: stringField(body, 'description', ''),
    });
    return created(c, bot);
  });

  routes.get('/bots/:bot_user_id', (c) => {
    currentUser(c, store);
    const bot = store.botByUserId(idParam(c, 'bot_user_id'));
    if (!bot) throw notFound('store.sql_bot.get.missing.app_error', 'Bot does not exist.');
    return c.json(bot);
  });

  routes.post('/users/:user_id/tokens', async (c) => {
    const caller = currentUser(c, store);
    requireEnabled(
      store.config.EnableUserAccessTokens,
      501,
      'app.user_access_token.disabled',
      'User access tokens are disabled on this server. Please contact your system administrator for details.',
    );
    requireSystemAdmin(caller);
    const userId = idParam(c, 'user_id');
    const body = await readJsonObject(c, 'description');
    const description = requiredNonEmpty(body, 'description');
    const user = store.userById(userId);
    if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
    return c.json(store.createAccessToken(user.id, description));
  });

  return routes;
}
