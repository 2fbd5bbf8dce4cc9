/** /objects/add/<event> and /objects/delete/<id>[/hard]: MISP objects with their attributes. */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { flag } from '../events/attribute-validation.ts';
import { eventsOf } from '../events/module.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

async function add(ctx: RequestContext): Promise<Response> {
  const objects = eventsOf(ctx.services).objects;
  const object = await objects.add(user(ctx), ctx.url.pass[0], ctx.body);
  return json(objects.recordJson(object));
}

async function remove(ctx: RequestContext): Promise<Response> {
  const hard = ['1', 'true', 'hard'].includes(ctx.url.pass[1] ?? '') || flag(ctx.body.hard, false);
  const object = await eventsOf(ctx.services).objects.delete(user(ctx), ctx.url.pass[0], hard);
  return json(saveSuccessBody('Object deleted.', `/objects/delete/${object.id}`, object.id));
}

export const objectRoutes: RouteDef[] = [
  { path: 'objects/add', methods: ['POST'], allow: requirePerm('perm_add'), handler: add },
  { path: 'objects/delete', methods: ['POST', 'DELETE'], allow: requirePerm('perm_add'), handler: remove },
];
