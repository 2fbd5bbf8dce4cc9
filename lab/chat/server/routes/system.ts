import { Hono } from 'hono';
import type { ChatEnv } from '../request.ts';

/** `GET /api/v4/system/ping`: the readiness probe, answered without authentication like Mattermost does. */
export function systemRoutes(): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();
  routes.get('/system/ping', (c) =>
    c.json({
      ActiveSearchBackend: 'database',
      AndroidLatestVersion: '',
      AndroidMinVersion: '',
      IosLatestVersion: '',
      IosMinVersion: '',
      status: 'OK',
    }),
  );
  return routes;
}
