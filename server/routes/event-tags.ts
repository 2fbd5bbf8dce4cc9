/**
 * The tag picker's routes as MISP 2.5.1's event page calls them (observed:
 * fixtures/misp-samples-observed/workshop-pages.json): /tags/selectTaxonomy and /tags/selectTag
 * give the popover's fragments, GET /events/addTag and /attributes/addTag the form with the CSRF
 * token, their POST the JSON answer {"saved":true,"success":"Tag added.","check_publish":true};
 * /events/removeTag and /attributes/removeTag the prompt and "Tag removed.".
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { htmlResponse, json } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';
import { wrapped } from '../events/attribute-service.ts';
import {
  addTagForm,
  preTagPicker,
  removeTagPrompt,
  tagList,
  type TagScope,
} from '../views/events/tag-picker.ts';
import { requirePerm } from './acl.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;
const isLocal = (ctx: RequestContext): boolean => ctx.url.named.local === '1';

/** The uuid the tag service resolves, for an event or attribute id seen by this user. */
function targetOf(ctx: RequestContext, scope: TagScope, id: string | undefined) {
  const module = eventsOf(ctx.services);
  if (scope === 'attribute') {
    const attribute = module.attributes.view(user(ctx), id);
    return {
      id: String(attribute.id),
      uuid: attribute.uuid,
      label: attribute.value2 ? `${attribute.value1}|${attribute.value2}` : attribute.value1,
      kind: 'Attribute' as const,
    };
  }
  const event = module.deps.visibleEvent(user(ctx), id);
  return { id: String(event.id), uuid: event.uuid, label: event.info, kind: 'Event' as const };
}

function selectTaxonomy(ctx: RequestContext): Response {
  const scope: TagScope = ctx.url.pass[1] === 'attribute' ? 'attribute' : 'event';
  const target = targetOf(ctx, scope, ctx.url.pass[0]);
  return htmlResponse(preTagPicker({ id: target.id, scope, local: isLocal(ctx) }));
}

function selectTag(ctx: RequestContext): Response {
  const [id, kind, scopeName] = ctx.url.pass;
  const scope: TagScope = scopeName === 'attribute' ? 'attribute' : 'event';
  const target = targetOf(ctx, scope, id);
  // This server keeps no taxonomies or tag collections: every tag is a custom one.
  const tags =
    kind === 'collections'
      ? []
      : eventsOf(ctx.services)
          .tags.index()
          .Tag.map((tag) => ({
            id: String(tag.id),
            name: String(tag.name),
            colour: String(tag.colour),
          }));
  return htmlResponse(tagList({ id: target.id, scope, local: isLocal(ctx) }, tags));
}

/** The submitted tag list: MISP's picker posts a JSON array of ids; a bare id or name works too. */
function submittedTags(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
    return [String(parsed)];
  } catch {
    return [value.trim()];
  }
}

function addTag(scope: TagScope) {
  return async (ctx: RequestContext): Promise<Response> => {
    const target = targetOf(ctx, scope, ctx.url.pass[0]);
    if (ctx.method === 'GET')
      return htmlResponse(addTagForm(ctx, { id: target.id, scope, local: isLocal(ctx) }));
    const tags = submittedTags(wrapped(ctx.body, target.kind).tag);
    if (tags.length === 0) return json({ saved: false, errors: 'Invalid Tag.' });
    try {
      await eventsOf(ctx.services).tags.attach(user(ctx), {
        uuid: target.uuid,
        tag: tags,
        local: isLocal(ctx) ? '1' : '0',
      });
    } catch (error) {
      if (error instanceof HttpError) return json({ saved: false, errors: error.message });
      throw error;
    }
    return json({
      saved: true,
      success: tags.length > 1 ? 'Tag(s) added.' : 'Tag added.',
      check_publish: true,
    });
  };
}

function removeTag(scope: TagScope) {
  return async (ctx: RequestContext): Promise<Response> => {
    const [id, tagRef] = ctx.url.pass;
    const target = targetOf(ctx, scope, id);
    const module = eventsOf(ctx.services);
    const attached = module.deps.tagRepo
      .attached(
        scope === 'attribute'
          ? {
              kind: 'Attribute',
              id: Number(target.id),
              eventId: module.attributes.view(user(ctx), id).event_id,
            }
          : { kind: 'Event', id: Number(target.id) },
      )
      .find((tag) => String(tag.id) === tagRef);
    if (!attached) throw new HttpError(404, 'Invalid tag.');
    if (ctx.method === 'GET') {
      const tag = {
        id: String(attached.id),
        name: attached.name,
        colour: attached.colour,
        local: attached.local === 1,
      };
      return htmlResponse(removeTagPrompt(ctx, { id: target.id, scope, label: target.label }, tag));
    }
    try {
      await module.tags.remove(user(ctx), { uuid: target.uuid, tag: String(attached.id) });
    } catch (error) {
      if (error instanceof HttpError) return json({ saved: false, errors: error.message });
      throw error;
    }
    return json({ saved: true, success: 'Tag removed.', check_publish: true });
  };
}

const tagger = requirePerm('perm_tagger');

export const eventTagRoutes: RouteDef[] = [
  { path: 'tags/selectTaxonomy', methods: ['GET'], allow: tagger, handler: selectTaxonomy },
  { path: 'tags/selectTag', methods: ['GET'], allow: tagger, handler: selectTag },
  { path: 'events/addTag', methods: ['GET', 'POST'], allow: tagger, handler: addTag('event') },
  { path: 'attributes/addTag', methods: ['GET', 'POST'], allow: tagger, handler: addTag('attribute') },
  { path: 'events/removeTag', methods: ['GET', 'POST'], allow: tagger, handler: removeTag('event') },
  { path: 'attributes/removeTag', methods: ['GET', 'POST'], allow: tagger, handler: removeTag('attribute') },
];
