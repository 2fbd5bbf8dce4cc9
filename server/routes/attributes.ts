/** /attributes/*: add (single, list, batch), edit, delete, view and describeTypes (PyMISP's start-up call). */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { attributeAddPage } from '../views/events/attribute-form.ts';
import type { AuthUser } from '../users/current-user.ts';
import { flag } from '../events/attribute-validation.ts';
import { DESCRIBE_TYPES } from '../events/describe-types.ts';
import { attributeRecordJson, tagJson } from '../events/event-json.ts';
import { eventsOf } from '../events/module.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

async function add(ctx: RequestContext): Promise<Response> {
  const eventRef = ctx.url.pass[0];
  if (ctx.method === 'GET') {
    if (ctx.isRest) throw new HttpError(405, 'You do not have permission to do that.');
    const event = eventsOf(ctx.services).deps.visibleEvent(user(ctx), eventRef);
    return htmlResponse(attributeAddPage(ctx, event.id));
  }
  try {
    const breakOnDuplicate = ctx.url.named.breakOnDuplicate === '0' ? false : undefined;
    const result = await eventsOf(ctx.services).attributes.add(user(ctx), eventRef, ctx.body, {
      breakOnDuplicate,
    });
    if (!ctx.isRest) {
      // Observed on MISP 2.5.1 for a single attribute added through the form.
      flash(ctx, 'success', 'Attributes saved.');
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
  // MISP 2.5.1's view hides value1/value2 and names the event's uuid.
  const { value1: _v1, value2: _v2, ...record }: Record<string, unknown> = attributeRecordJson(attribute);
  record.event_uuid = module.deps.repo.findEvent(attribute.event_id)?.uuid ?? '';
  if (tags.length > 0) record.Tag = tags.map(tagJson);
  return json({ Attribute: record });
}

export const attributeRoutes: RouteDef[] = [
  { path: 'attributes/add', methods: ['GET', 'POST'], allow: requirePerm('perm_add'), handler: add },
  { path: 'attributes/edit', methods: ['POST', 'PUT'], allow: requirePerm('perm_add'), handler: edit },
  { path: 'attributes/delete', methods: ['POST', 'DELETE'], allow: requirePerm('perm_add'), handler: remove },
  { path: 'attributes/view', methods: ['GET'], handler: view },
  { path: 'attributes/describeTypes', methods: ['GET'], handler: () => json({ result: DESCRIBE_TYPES }) },
];
