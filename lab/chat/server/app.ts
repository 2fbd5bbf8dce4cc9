import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bodyLeftUnread } from '../../unread-body.ts';
import { ApiError, renderError, routeNotFound } from './errors.ts';
import { newId } from './ids.ts';
import type { ChatEnv } from './request.ts';
import { botRoutes } from './routes/bots.ts';
import { channelRoutes } from './routes/channels.ts';
import { configRoutes } from './routes/config.ts';
import { hookRoutes } from './routes/hooks.ts';
import { pageRoutes, type ChatPageLogin } from './routes/pages.ts';
import { postRoutes } from './routes/posts.ts';
import { systemRoutes } from './routes/system.ts';
import { teamRoutes } from './routes/teams.ts';
import { userRoutes } from './routes/users.ts';
import type { ChatStore } from './store.ts';

const MAX_BODY_BYTES = 1024 * 1024;

/** The chat stand-in's HTTP application: Mattermost REST v4 under /api/v4, webhooks, and a web view. */
export function createChatApp(
  store: ChatStore,
  log: (line: string) => void = console.error,
  pageLogins: readonly ChatPageLogin[] = [],
): Hono<ChatEnv> {
  const app = new Hono<ChatEnv>();

  // Mattermost tags every answer with a request id, and its error bodies repeat it.
  app.use(async (c, next) => {
    const requestId = newId();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    // An unread body (refused, unauthenticated) ends the connection: the client must not reuse it.
    if (bodyLeftUnread(c.req.raw)) c.header('connection', 'close');
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'api.context.request_body_too_large.app_error',
          'The request body is too large.',
        );
      },
    }),
  );

  const hooks = hookRoutes(store);
  for (const routes of [
    systemRoutes(),
    userRoutes(store),
    botRoutes(store),
    teamRoutes(store),
    channelRoutes(store),
    postRoutes(store),
    hooks.api,
    configRoutes(store),
  ]) {
    app.route('/api/v4', routes);
  }
  app.route('/', hooks.public);
  app.route('/', pageRoutes(store, pageLogins));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return renderError(c, routeNotFound());
    return c.html(
      '<!doctype html><title>Not found</title><p>Not found. <a href="/">Teams and channels</a></p>',
      404,
    );
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return renderError(c, error);
    // A bug, not bad input: say so in Mattermost's shape, keep the stack in the server log only.
    log(`chat service: ${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return renderError(
      c,
      new ApiError(500, 'api.context.unexpected.app_error', 'An unexpected error occurred.'),
    );
  });

  return app;
}
