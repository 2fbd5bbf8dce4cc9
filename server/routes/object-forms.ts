/**
 * "Add Object" from the event page, the browser's way (MISP 2.5.1's flow, observed:
 * fixtures/misp-samples-observed/workshop-pages.json): the two popover choices, the template's
 * form, its review (/objects/revise_object/add/<event>/<template>), and the browser's POST of
 * /objects/add/<event>/<template> with data[Object][data], answered "Object saved." on the event.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { htmlResponse, redirect } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { canModifyEvent } from '../events/event-access.ts';
import { eventsOf } from '../events/module.ts';
import { OBJECT_TEMPLATES, findTemplate, type ObjectTemplate } from '../events/object-templates.ts';
import {
  metaChoice,
  objectAddPage,
  objectRevisePage,
  templateChoice,
  type RevisedObject,
} from '../views/events/object-forms.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

function editableEvent(ctx: RequestContext, ref: string | undefined) {
  const event = eventsOf(ctx.services).deps.visibleEvent(user(ctx), ref);
  if (!canModifyEvent(user(ctx), event)) throw new HttpError(403, 'You do not have permission to do that.');
  return event;
}

function template(ref: string | undefined): ObjectTemplate {
  const found = findTemplate(ref);
  if (!found) throw new HttpError(404, 'Invalid template.');
  return found;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form's rows that carry a value, as MISP's review keeps them (by row number). */
function revisedFrom(body: Record<string, unknown>): RevisedObject {
  const object = (body.Object ?? {}) as Record<string, unknown>;
  const rows =
    body.Attribute && typeof body.Attribute === 'object' ? (body.Attribute as Record<string, unknown>) : {};
  const kept: RevisedObject['Attribute'] = {};
  for (const [index, raw] of Object.entries(rows)) {
    const row = (raw ?? {}) as Record<string, unknown>;
    if (text(row.value).trim() === '') continue;
    kept[index] = Object.fromEntries(
      [
        'object_relation',
        'type',
        'category',
        'value',
        'to_ids',
        'disable_correlation',
        'distribution',
        'comment',
      ].map((field) => [field, text(row[field])]),
    );
  }
  return {
    Object: { distribution: text(object.distribution) || '5', comment: text(object.comment) },
    Attribute: kept,
  };
}

function revise(ctx: RequestContext): Response {
  const [, eventRef, templateRef] = ctx.url.pass;
  const event = editableEvent(ctx, eventRef);
  const chosen = template(templateRef);
  const revised = revisedFrom(ctx.body);
  if (Object.keys(revised.Attribute).length === 0) {
    flash(ctx, 'error', 'Object could not be saved: fill in at least one attribute.');
    return redirect(ctx, `/objects/add/${event.id}/${chosen.id}`);
  }
  return htmlResponse(objectRevisePage(ctx, event.id, chosen, revised));
}

/** GET: the template's form; POST (browser): the reviewed object saved as objects/add saves one. */
export async function addObjectByForm(ctx: RequestContext): Promise<Response> {
  const [eventRef, templateRef] = ctx.url.pass;
  const event = editableEvent(ctx, eventRef);
  const chosen = template(templateRef);
  if (ctx.method === 'GET') return htmlResponse(objectAddPage(ctx, event.id, chosen));
  let revised: RevisedObject;
  try {
    revised = JSON.parse(
      text((ctx.body.Object as Record<string, unknown> | undefined)?.data),
    ) as RevisedObject;
  } catch {
    throw new HttpError(400, 'Invalid object data.');
  }
  const objects = eventsOf(ctx.services).objects;
  try {
    await objects.add(user(ctx), String(event.id), {
      Object: {
        name: chosen.name,
        'meta-category': chosen.metaCategory,
        description: chosen.description,
        template_uuid: chosen.uuid,
        template_version: chosen.version,
        distribution: revised.Object?.distribution ?? '5',
        comment: revised.Object?.comment ?? '',
        Attribute: Object.values(revised.Attribute ?? {}),
      },
    });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    flash(ctx, 'error', `Object could not be saved. ${error.message}`);
    return redirect(ctx, `/objects/add/${event.id}/${chosen.id}`);
  }
  flash(ctx, 'success', 'Object saved.');
  return redirect(ctx, `/events/view/${event.id}`);
}

const adder = requirePerm('perm_add');

export const objectFormRoutes: RouteDef[] = [
  {
    path: 'objectTemplates/objectMetaChoice',
    methods: ['GET'],
    allow: adder,
    handler: (ctx) => htmlResponse(metaChoice(editableEvent(ctx, ctx.url.pass[0]).id, OBJECT_TEMPLATES)),
  },
  {
    path: 'objectTemplates/objectChoice',
    methods: ['GET'],
    allow: adder,
    handler: (ctx) => {
      const [eventRef, meta] = ctx.url.pass;
      const templates = OBJECT_TEMPLATES.filter((t) => meta === '0' || t.metaCategory === meta);
      return htmlResponse(templateChoice(editableEvent(ctx, eventRef).id, templates));
    },
  },
  { path: 'objects/revise_object', methods: ['POST'], allow: adder, handler: revise },
];
