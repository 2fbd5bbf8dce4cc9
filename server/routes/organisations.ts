/** /organisations/index|view and /admin/organisations/add|edit|delete (site admins change them). */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import { isSiteAdmin, type AuthUser } from '../users/current-user.ts';

const organisations = (ctx: RequestContext) => ctx.services.organisations;
const siteAdmin = (ctx: RequestContext) => isSiteAdmin(ctx.auth);

export const organisationRoutes: RouteDef[] = [
  {
    path: 'organisations/index',
    methods: ['GET', 'POST'],
    handler: (ctx) =>
      json(
        organisations(ctx).index(
          ctx.auth as AuthUser,
          ctx.url.named.scope ?? 'local',
          ctx.url.named.searchall,
        ),
      ),
  },
  {
    path: 'organisations/view',
    methods: ['GET'],
    handler: (ctx) => json(organisations(ctx).view(ctx.auth as AuthUser, ctx.url.pass[0])),
  },
  {
    path: 'admin/organisations/add',
    methods: ['POST'],
    allow: siteAdmin,
    handler: (ctx) => json(organisations(ctx).add(ctx.auth as AuthUser, ctx.body)),
  },
  {
    path: 'admin/organisations/edit',
    methods: ['POST', 'PUT'],
    allow: siteAdmin,
    handler: (ctx) => json(organisations(ctx).edit(ctx.url.pass[0], ctx.body)),
  },
  {
    path: 'admin/organisations/delete',
    methods: ['POST', 'DELETE'],
    allow: siteAdmin,
    handler: (ctx) => {
      const org = organisations(ctx).delete(ctx.url.pass[0]);
      return json(saveSuccessBody('Organisation deleted', `/admin/organisations/delete/${org.id}`, org.id));
    },
  },
];
