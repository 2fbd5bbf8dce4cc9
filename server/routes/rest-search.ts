/** /events|attributes|objects/restSearch: MISP's search API in json or csv (PyMISP's search()). */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';
import type { SearchScope } from '../events/event-search.ts';
import { searchFilters } from './events.ts';

function restSearch(scope: SearchScope) {
  return (ctx: RequestContext): Response => {
    const filters = searchFilters(ctx);
    if (ctx.url.ext === 'csv' && filters.returnFormat === undefined) filters.returnFormat = 'csv';
    const answer = eventsOf(ctx.services).search.restSearch(ctx.auth as AuthUser, scope, filters);
    if (answer.format === 'json') return json(answer.body);
    return new Response(answer.text, { status: 200, headers: { 'content-type': 'text/csv; charset=UTF-8' } });
  };
}

export const restSearchRoutes: RouteDef[] = [
  { path: 'events/restSearch', methods: ['GET', 'POST'], handler: restSearch('events') },
  { path: 'attributes/restSearch', methods: ['GET', 'POST'], handler: restSearch('attributes') },
  { path: 'objects/restSearch', methods: ['GET', 'POST'], handler: restSearch('objects') },
];
