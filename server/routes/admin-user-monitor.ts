/**
 * /admin/users/monitor/<id> (UsersController::admin_monitor, site admins only): POST {"value": 1}
 * puts the user under Security.user_monitoring_enabled's request logging, a PHP-empty value takes
 * them out. The answer is 1 when the user was not monitored before the call, else 0, as MISP's
 * viewData answers it; GET asks without changing anything.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { phpEmpty } from '../workflows/engine/php.ts';

function monitor(ctx: RequestContext): Response {
  const id = ctx.url.pass[0] ?? '';
  const user = /^\d+$/.test(id) ? ctx.services.users.findById(Number(id)) : undefined;
  if (!user) throw notFound('Invalid user.');
  const { access } = ctx.services;
  if (ctx.method !== 'POST') return json(access.isMonitored(user.id) ? 0 : 1);
  const wasMonitored = access.setMonitored(user.id, !phpEmpty(requestedValue(ctx.body)));
  return json(wasMonitored ? 0 : 1);
}

/** MISP unwraps data[User] and then data[value]; whatever is left decides. */
function requestedValue(body: Record<string, unknown>): unknown {
  const data =
    typeof body.User === 'object' && body.User !== null ? (body.User as Record<string, unknown>) : body;
  return 'value' in data ? data.value : data;
}

export const adminUserMonitorRoutes: RouteDef[] = [
  {
    path: 'admin/users/monitor',
    methods: ['GET', 'POST'],
    allow: (ctx) => isSiteAdmin(ctx.auth),
    handler: monitor,
  },
];
