/**
 * /objects/add/<event>, view, edit, delete/<id>[/hard] and /objectReferences/add: MISP objects
 * with their attributes and references.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { flag } from '../events/attribute-validation.ts';
import { eventsOf } from '../events/module.ts';
import { objectReferenceJson } from '../events/object-references.ts';
import { requirePerm } from './acl.ts';
import { addObjectByForm } from './object-forms.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

async function add(ctx: RequestContext): Promise<Response> {
  if (!ctx.isRest) return addObjectByForm(ctx);
  const objects = eventsOf(ctx.services).objects;
  const object = await objects.add(user(ctx), ctx.url.pass[0], ctx.body);
  return json(objects.recordJson(object));
}

function view(ctx: RequestContext): Response {
  const objects = eventsOf(ctx.services).objects;
  return json(objects.viewJson(objects.view(user(ctx), ctx.url.pass[0])));
}

async function edit(ctx: RequestContext): Promise<Response> {
  const module = eventsOf(ctx.services);
  const object = await module.capture.editObject(user(ctx), ctx.url.pass[0], ctx.body);
  return json(module.objects.viewJson(object));
}

async function remove(ctx: RequestContext): Promise<Response> {
  const hard = ['1', 'true', 'hard'].includes(ctx.url.pass[1] ?? '') || flag(ctx.body.hard, false);
  const object = await eventsOf(ctx.services).objects.delete(user(ctx), ctx.url.pass[0], hard);
  return json(saveSuccessBody('Object deleted', `/objects/delete/${object.id}`, object.id));
}

function addReference(ctx: RequestContext): Response {
  const reference = eventsOf(ctx.services).references.add(user(ctx), ctx.url.pass[0], ctx.body);
  return json({ ObjectReference: objectReferenceJson(reference) });
}

export const objectRoutes: RouteDef[] = [
  { path: 'objects/add', methods: ['GET', 'POST'], allow: requirePerm('perm_add'), handler: add },
  { path: 'objects/view', methods: ['GET'], handler: view },
  { path: 'objects/edit', methods: ['POST', 'PUT'], allow: requirePerm('perm_modify'), handler: edit },
  { path: 'objects/delete', methods: ['POST', 'DELETE'], allow: requirePerm('perm_add'), handler: remove },
  { path: 'objectReferences/add', methods: ['POST'], allow: requirePerm('perm_add'), handler: addReference },
];
