/**
 * /events/*: index, view, add (REST and the EventAddForm page), edit, delete, publish (with the
 * PromptForm confirmation), unpublish. REST answers follow shared/spec/misp-samples exactly.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, exceptionBody, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { absoluteUrl, htmlResponse, json, redirect, requestPath } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { canModifyEvent, canPublishEvent } from '../events/event-access.ts';
import { eventMetadataOnly, fetchEventJson } from '../events/event-json.ts';
import { EventExistsError } from '../events/event-service.ts';
import { wrapped } from '../events/attribute-service.ts';
import { eventsOf } from '../events/module.ts';
import type { Filters } from '../events/event-search.ts';
import { eventAddPage, promptPage, type EventFormValues } from '../views/events/event-form.ts';
import { eventViewPage } from '../views/events/event-pages.ts';
import { eventIndexPage } from '../views/events/event-index-page.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;
/** The saved event as add and edit answer it; `/metadata:1` leaves out what it contains. */
function eventJson(ctx: RequestContext, id: number) {
  const view = fetchEventJson(ctx.services.db, id);
  return view && ctx.url.named.metadata === '1' ? eventMetadataOnly(view) : view;
}

/** Named `search<filter>:` parameters and body keys both filter, as in EventsController::index. */
function index(ctx: RequestContext): Response {
  const events = eventsOf(ctx.services).search.index(user(ctx), searchFilters(ctx));
  if (ctx.isRest) return json(events);
  // The page's "Creator user" column: MISP shows the creator's email to those allowed to see it.
  const creator = ctx.services.db.prepare(
    'SELECT users.email FROM events JOIN users ON users.id = events.user_id WHERE events.id = ?',
  );
  const creatorEmail = (eventId: string) =>
    (creator.get(eventId) as { email: string } | undefined)?.email ?? '';
  return htmlResponse(eventIndexPage(ctx, events, creatorEmail));
}

function view(ctx: RequestContext): Response {
  const module = eventsOf(ctx.services);
  const data = module.events.viewJson(user(ctx), ctx.url.pass[0]);
  if (ctx.isRest) return json(data);
  const row = module.deps.visibleEvent(user(ctx), ctx.url.pass[0]);
  const rights = { canPublish: canPublishEvent(user(ctx), row), canModify: canModifyEvent(user(ctx), row) };
  return htmlResponse(eventViewPage(ctx, data, rights));
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

/** The confirmation prompt a browser's GET of /events/publish or /events/alert shows. */
function publishPrompt(
  ctx: RequestContext,
  action: 'publish' | 'alert',
  legend: string,
  text: string,
): Response {
  const event = eventsOf(ctx.services).publishing.publishable(user(ctx), ctx.url.pass[0]);
  return htmlResponse(
    promptPage(ctx, {
      title: 'Publish Event',
      legend,
      text,
      action: `/events/${action}/${event.id}`,
      cancel: `/events/view/${event.id}`,
    }),
  );
}

/** A publish the workflow refused: MISP's 403 for REST, the error flash on the event for a browser. */
function refusedPublish(
  ctx: RequestContext,
  action: 'publish' | 'alert',
  eventId: number,
  errors: string[],
): Response {
  if (ctx.isRest)
    throw saveFailure(
      action,
      'Event',
      `/events/${action}/${eventId}`,
      { Module: 'Module failure.' },
      eventId,
    );
  flash(
    ctx,
    'error',
    `Event publishing failed due to a blocking module failing. The reason for the failure: ${errors.join(', ')}`,
  );
  return redirect(ctx, `/events/view/${eventId}`);
}

function published(
  ctx: RequestContext,
  action: 'publish' | 'alert',
  eventId: number,
  message: string,
): Response {
  if (ctx.isRest) return json(saveSuccessBody(message, `/events/${action}/${eventId}`, eventId));
  flash(ctx, 'success', message);
  return redirect(ctx, `/events/view/${eventId}`);
}

async function publish(ctx: RequestContext): Promise<Response> {
  if (ctx.method === 'GET')
    return publishPrompt(
      ctx,
      'publish',
      'Publish Event (no email)',
      'Publish but do NOT send alert email? Only for minor changes!',
    );
  const forceSync = ctx.url.named.disable_background_processing === '1';
  const publishing = eventsOf(ctx.services).publishing;
  const { event, answer } = await publishing.publish(user(ctx), ctx.url.pass[0], { forceSync });
  if (answer.kind === 'blocked') return refusedPublish(ctx, 'publish', event.id, answer.errors);
  return published(
    ctx,
    'publish',
    event.id,
    answer.kind === 'queued' ? 'Job queued' : 'Event published without alerts',
  );
}

/**
 * /events/alert/<id>: publish with the alert mail ("Publish Event" in the side menu; GET is its
 * prompt, worded as MISP's). MISP words its answers apart from publish's.
 */
async function alert(ctx: RequestContext): Promise<Response> {
  if (ctx.method === 'GET')
    return publishPrompt(
      ctx,
      'alert',
      'Publish Event',
      'Are you sure this event is complete and everyone should be informed?',
    );
  const { event, answer } = await eventsOf(ctx.services).publishing.alert(user(ctx), ctx.url.pass[0]);
  if (answer.kind === 'blocked') return refusedPublish(ctx, 'alert', event.id, answer.errors);
  return published(
    ctx,
    'alert',
    event.id,
    answer.kind === 'queued' ? 'Job queued.' : 'Email sent to all participants.',
  );
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

export function searchFilters(ctx: RequestContext): Filters {
  const filters: Filters = {};
  for (const [name, value] of Object.entries(ctx.url.named))
    filters[name.startsWith('search') ? name.slice(6) : name] = value;
  const body = ctx.body.request ?? ctx.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(filters, body);
  return filters;
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
  { path: 'events/alert', methods: ['GET', 'POST'], allow: requirePerm('perm_publish'), handler: alert },
];
