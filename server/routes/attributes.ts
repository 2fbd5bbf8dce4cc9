/** /attributes/*: add (single, list, batch), edit, delete, view and describeTypes (PyMISP's start-up call). */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, saveSuccessBody } from '../http/errors.ts';
import { json, redirect } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { flag } from '../events/attribute-validation.ts';
import { DESCRIBE_TYPES } from '../events/describe-types.ts';
import { attributeRecordJson, tagJson } from '../events/event-json.ts';
import { eventsOf } from '../events/module.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

async function add(ctx: RequestContext): Promise<Response> {
  const eventRef = ctx.url.pass[0];
  try {
    const result = await eventsOf(ctx.services).attributes.add(user(ctx), eventRef, ctx.body);
    if (!ctx.isRest) {
      flash(ctx, 'success', 'The attribute has been saved');
      return redirect(ctx, `/events/view/${eventRef}`);
    }
    if (result.kind === 'single')
      return json({ Attribute: attributeRecordJson(result.attribute), AttributeTag: [] });
    const body: Record<string, unknown> = { Attribute: result.attributes.map(attributeRecordJson) };
    if (Object.keys(result.errors).length > 0) body.errors = result.errors;
    return json(body);
  } catch (error) {
    if (ctx.isRest || !(error instanceof HttpError) || error.status !== 403 || !error.body) throw error;
    flash(ctx, 'error', `The attribute could not be saved: ${JSON.stringify(error.body.errors)}`);
    return redirect(ctx, `/events/view/${eventRef}`);
  }
}

async function edit(ctx: RequestContext): Promise<Response> {
  const attribute = await eventsOf(ctx.services).attributes.edit(user(ctx), ctx.url.pass[0], ctx.body);
  return json({ Attribute: attributeRecordJson(attribute) });
}

async function remove(ctx: RequestContext): Promise<Response> {
  const hard = ctx.url.pass[1] === '1' || flag(ctx.body.hard, false);
  const attribute = await eventsOf(ctx.services).attributes.delete(user(ctx), ctx.url.pass[0], hard);
  if (ctx.isRest)
    return json(saveSuccessBody('Attribute deleted.', `/attributes/delete/${attribute.id}`, attribute.id));
  flash(ctx, 'success', 'Attribute deleted.');
  return redirect(ctx, `/events/view/${attribute.event_id}`);
}

function view(ctx: RequestContext): Response {
  const module = eventsOf(ctx.services);
  const attribute = module.attributes.view(user(ctx), ctx.url.pass[0]);
  const tags = module.deps.tagRepo.attached({
    kind: 'Attribute',
    id: attribute.id,
    eventId: attribute.event_id,
  });
  const record: Record<string, unknown> = attributeRecordJson(attribute);
  if (tags.length > 0) record.Tag = tags.map(tagJson);
  return json({ Attribute: record });
}

export const attributeRoutes: RouteDef[] = [
  { path: 'attributes/add', methods: ['POST'], allow: requirePerm('perm_add'), handler: add },
  { path: 'attributes/edit', methods: ['POST', 'PUT'], allow: requirePerm('perm_add'), handler: edit },
  { path: 'attributes/delete', methods: ['POST', 'DELETE'], allow: requirePerm('perm_add'), handler: remove },
  { path: 'attributes/view', methods: ['GET'], handler: view },
  { path: 'attributes/describeTypes', methods: ['GET'], handler: () => json({ result: DESCRIBE_TYPES }) },
];
