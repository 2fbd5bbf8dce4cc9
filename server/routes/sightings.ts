/**
 * /sightings/add[/<attribute>], /sightings/listSightings and /sightings/restSearch[/<context>]
 * (PyMISP add_sighting, sightings, search_sightings).
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

export const sightingRoutes: RouteDef[] = [
  {
    path: 'sightings/add',
    methods: ['POST'],
    allow: (ctx) => user(ctx).role.perms.perm_sighting || user(ctx).role.perms.perm_site_admin,
    handler: (ctx) => {
      const answer = eventsOf(ctx.services).sightings.add(user(ctx), ctx.url.pass[0], ctx.body);
      return json(answer.saved ? { Sighting: answer.sighting } : { message: answer.message });
    },
  },
  {
    path: 'sightings/listSightings',
    methods: ['GET', 'POST'],
    handler: (ctx) => {
      const body = ctx.url.pass[0]
        ? { id: ctx.url.pass[0], context: ctx.url.pass[1] ?? 'attribute' }
        : ctx.body;
      return json(eventsOf(ctx.services).sightings.list(user(ctx), body));
    },
  },
  {
    path: 'sightings/restSearch',
    methods: ['POST'],
    handler: (ctx) =>
      json({
        response: eventsOf(ctx.services).sightingSearch.restSearch(user(ctx), ctx.url.pass[0], ctx.body),
      }),
  },
];
