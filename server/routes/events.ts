/**
 * /events/*: index, view, add (REST and the EventAddForm page), edit, delete, publish (with the
 * PromptForm confirmation), unpublish. REST answers follow shared/spec/misp-samples exactly.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, exceptionBody, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { absoluteUrl, htmlResponse, json, redirect, requestPath } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { canPublishEvent } from '../events/event-access.ts';
import { fetchEventJson } from '../events/event-json.ts';
import { EventExistsError } from '../events/event-service.ts';
import { wrapped } from '../events/attribute-service.ts';
import { eventsOf } from '../events/module.ts';
import { eventAddPage, promptPage, type EventFormValues } from '../views/events/event-form.ts';
import { eventIndexPage, eventViewPage } from '../views/events/event-pages.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;
const eventJson = (ctx: RequestContext, id: number) => fetchEventJson(ctx.services.db, id);

function index(ctx: RequestContext): Response {
  const events = eventsOf(ctx.services).events.index(user(ctx));
  return ctx.isRest ? json(events) : htmlResponse(eventIndexPage(ctx, events));
}

function view(ctx: RequestContext): Response {
  const module = eventsOf(ctx.services);
  const data = module.events.viewJson(user(ctx), ctx.url.pass[0]);
  if (ctx.isRest) return json(data);
  const row = module.deps.visibleEvent(user(ctx), ctx.url.pass[0]);
  return htmlResponse(eventViewPage(ctx, data, canPublishEvent(user(ctx), row)));
}

async function add(ctx: RequestContext): Promise<Response> {
  if (ctx.method === 'GET') {
    if (ctx.isRest) throw new HttpError(405, 'You do not have permission to do that.');
    return htmlResponse(eventAddPage(ctx, formDefaults(ctx)));
  }
  try {
    const event = await eventsOf(ctx.services).events.add(user(ctx), ctx.body);
    if (ctx.isRest) return json(eventJson(ctx, event.id));
    flash(ctx, 'success', 'The event has been saved');
    return redirect(ctx, `/events/view/${event.id}`);
  } catch (error) {
    if (error instanceof EventExistsError) {
      return json(exceptionBody(error.message, requestPath(ctx)), 404, {
        location: absoluteUrl(ctx, `/events/view/${error.eventId}`),
      });
    }
    if (ctx.isRest || !(error instanceof HttpError) || error.status !== 403 || !error.body) throw error;
    // The browser gets the form back with the messages beside the fields.
    flash(ctx, 'error', 'The event could not be saved. Please, try again.');
    const errors = ((error.body.errors as Record<string, unknown>)?.Event ?? {}) as Record<string, string[]>;
    const submitted = wrapped(ctx.body, 'Event');
    const values = { ...formDefaults(ctx) };
    for (const key of Object.keys(values) as (keyof EventFormValues)[])
      if (typeof submitted[key] === 'string') values[key] = submitted[key] as string;
    return htmlResponse(eventAddPage(ctx, values, errors), 200);
  }
}

async function edit(ctx: RequestContext): Promise<Response> {
  const event = await eventsOf(ctx.services).events.edit(user(ctx), ctx.url.pass[0], ctx.body);
  if (ctx.isRest) return json(eventJson(ctx, event.id));
  flash(ctx, 'success', 'The event has been saved');
  return redirect(ctx, `/events/view/${event.id}`);
}

function remove(ctx: RequestContext): Response {
  const event = eventsOf(ctx.services).events.delete(user(ctx), ctx.url.pass[0]);
  if (ctx.isRest) return json(saveSuccessBody('Event deleted.', `/events/delete/${event.id}`, event.id));
  flash(ctx, 'success', 'Event deleted.');
  return redirect(ctx, '/events/index');
}

async function publish(ctx: RequestContext): Promise<Response> {
  const publishing = eventsOf(ctx.services).publishing;
  if (ctx.method === 'GET') {
    const event = publishing.publishable(user(ctx), ctx.url.pass[0]);
    return htmlResponse(
      promptPage(ctx, {
        title: 'Publish Event',
        legend: 'Publish Event (no email)',
        text: 'Publish but do NOT send alert email? Only for minor changes!',
        action: `/events/publish/${event.id}`,
        cancel: `/events/view/${event.id}`,
      }),
    );
  }
  const forceSync = ctx.url.named.disable_background_processing === '1';
  const { event, answer } = await publishing.publish(user(ctx), ctx.url.pass[0], { forceSync });
  const url = `/events/publish/${event.id}`;
  if (answer.kind === 'blocked') {
    if (ctx.isRest) throw saveFailure('publish', 'Event', url, { Module: 'Module failure.' }, event.id);
    flash(
      ctx,
      'error',
      `Event publishing failed due to a blocking module failing. The reason for the failure: ${answer.errors.join(', ')}`,
    );
    return redirect(ctx, `/events/view/${event.id}`);
  }
  const message = answer.kind === 'queued' ? 'Job queued' : 'Event published without alerts';
  if (ctx.isRest) return json(saveSuccessBody(message, url, event.id));
  flash(ctx, 'success', message);
  return redirect(ctx, `/events/view/${event.id}`);
}

function unpublish(ctx: RequestContext): Response {
  const publishing = eventsOf(ctx.services).publishing;
  if (ctx.method === 'GET') {
    const event = publishing.publishable(user(ctx), ctx.url.pass[0]);
    return htmlResponse(
      promptPage(ctx, {
        title: 'Unpublish Event',
        legend: 'Unpublish Event',
        text: 'Are you sure you wish to unpublish the event?',
        action: `/events/unpublish/${event.id}`,
        cancel: `/events/view/${event.id}`,
      }),
    );
  }
  const event = publishing.unpublish(user(ctx), ctx.url.pass[0]);
  if (ctx.isRest)
    return json(saveSuccessBody('Event unpublished.', `/events/unpublish/${event.id}`, event.id));
  flash(ctx, 'success', 'Event unpublished.');
  return redirect(ctx, `/events/view/${event.id}`);
}

function formDefaults(ctx: RequestContext): EventFormValues {
  const settings = ctx.services.settings;
  return {
    date: new Date(ctx.services.clock()).toISOString().slice(0, 10),
    distribution: String(settings.number('MISP.default_event_distribution')),
    threat_level_id: String(settings.number('MISP.default_event_threat_level') || 4),
    analysis: '0',
    info: '',
    extends_uuid: '',
  };
}

export const eventRoutes: RouteDef[] = [
  { path: 'events/index', methods: ['GET', 'POST'], handler: index },
  { path: 'events/view', methods: ['GET', 'POST'], handler: view },
  { path: 'events/add', methods: ['GET', 'POST'], allow: requirePerm('perm_add'), handler: add },
  { path: 'events/edit', methods: ['POST', 'PUT'], allow: requirePerm('perm_add'), handler: edit },
  { path: 'events/delete', methods: ['POST', 'DELETE'], allow: requirePerm('perm_add'), handler: remove },
  { path: 'events/publish', methods: ['GET', 'POST'], allow: requirePerm('perm_publish'), handler: publish },
  {
    path: 'events/unpublish',
    methods: ['GET', 'POST'],
    allow: requirePerm('perm_modify'),
    handler: unpublish,
  },
];
