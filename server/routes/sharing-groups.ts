/**
 * /sharingGroups/* over REST (PyMISP's sharing_groups, add/update/delete_sharing_group,
 * add/remove_org_to/from_sharing_group, add/remove_server_*). MISP's ACL: index and view for
 * everyone, the rest with perm_sharing_group. GET on add and edit describes the API, as MISP's
 * RestResponse does.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { requirePerm } from './acl.ts';

const groups = (ctx: RequestContext) => ctx.services.sharingGroups;
const user = (ctx: RequestContext) => ctx.auth as AuthUser;
const mayShare = requirePerm('perm_sharing_group');

const ORG_FIELDS = ['uuid', 'name', 'extend'];
const SERVER_FIELDS = ['url', 'name', 'all_orgs'];

/** MISP's RestResponse::describe for sharing groups, as real MISP 2.5.1 answers GET. */
function describe(action: 'add' | 'edit'): Response {
  const fields = ['name', 'releasability', 'description', 'uuid', 'organisation_uuid', 'active'];
  const optional =
    action === 'add'
      ? {
          ...fields.slice(2).concat(['created', 'modified', 'roaming']),
          Server: SERVER_FIELDS,
          Organisation: ORG_FIELDS,
        }
      : {
          ...fields.concat(['created', 'modified', 'roaming']),
          SharingGroupServer: SERVER_FIELDS,
          SharingGroupOrg: ORG_FIELDS,
        };
  return json({
    name: `/sharing_groups/${action} API description`,
    description: `POST a Sharing Group object in JSON format to this API to ${action} a Sharing Group. The API will also try to capture attached organisations and servers if applicable to the current user.`,
    mandatory_fields: action === 'add' ? ['name', 'releasability'] : [],
    optional_fields: optional,
    url: `/sharing_groups/${action}`,
  });
}

const quickEdit = (change: 'addOrg' | 'removeOrg') => (ctx: RequestContext) =>
  json(saveSuccessBody(groups(ctx)[change](user(ctx), ctx.url.pass, ctx.body), `/sharing_groups/${change}`));

export const sharingGroupRoutes: RouteDef[] = [
  {
    path: 'sharingGroups/index',
    methods: ['GET', 'POST'],
    handler: (ctx) =>
      json({
        response: groups(ctx).index(user(ctx), {
          passive: ctx.url.pass[0] === 'true',
          value: ctx.url.named.value,
          limit: ctx.url.named.limit,
          page: ctx.url.named.page,
        }),
      }),
  },
  {
    path: 'sharingGroups/view',
    methods: ['GET'],
    handler: (ctx) => {
      if (ctx.hono.req.method === 'HEAD')
        return new Response(null, { status: groups(ctx).exists(user(ctx), ctx.url.pass[0]) ? 200 : 404 });
      return json(groups(ctx).view(user(ctx), ctx.url.pass[0]));
    },
  },
  {
    path: 'sharingGroups/add',
    methods: ['GET', 'POST'],
    allow: mayShare,
    handler: (ctx) => (ctx.method === 'GET' ? describe('add') : json(groups(ctx).add(user(ctx), ctx.body))),
  },
  {
    path: 'sharingGroups/edit',
    methods: ['GET', 'POST', 'PUT'],
    allow: mayShare,
    handler: (ctx) => {
      if (ctx.method === 'GET') {
        groups(ctx).edit(user(ctx), ctx.url.pass[0], {}); // the same refusals as a POST, without a change
        return describe('edit');
      }
      return json(groups(ctx).edit(user(ctx), ctx.url.pass[0], ctx.body));
    },
  },
  {
    path: 'sharingGroups/delete',
    methods: ['POST', 'DELETE'],
    allow: mayShare,
    handler: (ctx) => {
      const ref = ctx.url.pass[0];
      const sg = groups(ctx).delete(user(ctx), ref);
      return json(saveSuccessBody('SharingGroup deleted', `/sharing_groups/delete/${ref}`, ref ?? sg.id));
    },
  },
  { path: 'sharingGroups/addOrg', methods: ['POST'], allow: mayShare, handler: quickEdit('addOrg') },
  { path: 'sharingGroups/removeOrg', methods: ['POST'], allow: mayShare, handler: quickEdit('removeOrg') },
  {
    path: 'sharingGroups/addServer',
    methods: ['POST'],
    allow: mayShare,
    handler: (ctx) => groups(ctx).addOrRemoveServer(user(ctx), ctx.url.pass, ctx.body),
  },
  {
    path: 'sharingGroups/removeServer',
    methods: ['POST'],
    allow: mayShare,
    handler: (ctx) => groups(ctx).addOrRemoveServer(user(ctx), ctx.url.pass, ctx.body),
  },
];
