/**
 * Finding events and attributes: the filters of `events/index` (EventsController::index, what
 * PyMISP's search_index sends) and of `restSearch` on events, attributes and objects (MISP's
 * RestSearch: json and csv). Visibility comes first; paging (limit/page) last, so a poller asking
 * "what changed since T" gets only that.
 */
import type { AuthUser } from '../users/current-user.ts';
import { DomainError } from '../domain-error.ts';
import type { AttributeRow, EventRow, ObjectRow } from './event-repository.ts';
import { eventFieldsJson, eventMetadataOnly, fetchEventJson, type Json } from './event-json.ts';
import type { EventsDeps } from './deps.ts';
import {
  boolFilter,
  dateBound,
  inRange,
  like,
  matchesTerms,
  terms,
  timeRange,
  type Terms,
} from './search-terms.ts';
import { attributeSearchJson, attributesCsv } from './search-output.ts';

export type Filters = Record<string, unknown>;
export type SearchScope = 'events' | 'attributes' | 'objects';
export type SearchAnswer = { format: 'json'; body: unknown } | { format: 'csv'; text: string };

const INDEX_SORTABLE = new Set([
  'id', 'date', 'info', 'timestamp', 'publish_timestamp', 'threat_level_id', 'analysis', 'distribution',
  'attribute_count', 'org_id', 'orgc_id', 'published', 'uuid',
]); // prettier-ignore

export class EventSearch {
  constructor(private readonly deps: EventsDeps) {}

  /** events/index: event metadata with Org, Orgc and EventTag, filtered, sorted and paged. */
  index(auth: AuthUser, filters: Filters): Json[] {
    const now = this.deps.now();
    const eventTags = (event: EventRow) => this.tagNames({ kind: 'Event', id: event.id });
    let events = this.visibleEvents(auth)
      .filter((event) => this.eventMatches(auth, event, filters, now, 'index'))
      .filter((event) => matchesTerms(eventTags(event), terms(filters.tag ?? filters.tags)));
    const attributeTerms = terms(filters.attribute);
    if (attributeTerms)
      events = events.filter((event) =>
        matchesTerms(this.readableAttributes(auth, event).map(fullValue), attributeTerms),
      );
    const sort = typeof filters.sort === 'string' && INDEX_SORTABLE.has(filters.sort) ? filters.sort : null;
    if (sort) {
      const direction = String(filters.direction ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
      const key = sort as keyof EventRow;
      events.sort((a, b) => compare(a[key], b[key]) * direction);
    } else events.reverse();
    return page(events, filters).map((event) => this.indexJson(event));
  }

  restSearch(auth: AuthUser, scope: SearchScope, filters: Filters): SearchAnswer {
    const format = String(filters.returnFormat ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'csv') throw new DomainError('not-found', 'Invalid output format.');
    const now = this.deps.now();
    const events = this.visibleEvents(auth).filter((event) =>
      this.eventMatches(auth, event, filters, now, scope),
    );
    const matching = events.map((event) => ({
      event,
      attributes: this.matchingAttributes(event, filters, now, scope).filter(
        this.deps.contentFilter(auth, event),
      ),
    }));
    if (scope === 'attributes') {
      const attributes = page(
        matching.flatMap((m) => m.attributes.map((attribute) => ({ event: m.event, attribute }))),
        filters,
      );
      if (format === 'csv')
        return {
          format,
          text: attributesCsv(
            this.deps,
            attributes.map((a) => a.attribute),
          ),
        };
      const withEventTags = boolFilter(filters.includeEventTags) === true;
      return {
        format,
        body: {
          response: {
            Attribute: attributes.map((a) =>
              attributeSearchJson(this.deps, a.attribute, a.event, withEventTags),
            ),
          },
        },
      };
    }
    const hits = matching.filter((m) => m.attributes.length > 0 || !hasAttributeFilter(filters));
    if (scope === 'objects') {
      const objects = hits.flatMap((m) => this.matchingObjects(m.event, m.attributes, filters));
      return { format: 'json', body: { response: page(objects, filters).map((o) => this.objectJson(o)) } };
    }
    const selected = page(hits, filters);
    if (format === 'csv')
      return {
        format,
        text: attributesCsv(
          this.deps,
          selected.flatMap((m) => this.readableAttributes(auth, m.event)),
        ),
      };
    const metadata = boolFilter(filters.metadata) === true;
    return {
      format,
      body: {
        response: selected.map((m) => {
          const view = this.deps.readerView(auth, m.event);
          return metadata ? eventMetadataOnly(view) : view;
        }),
      },
    };
  }

  private visibleEvents(auth: AuthUser): EventRow[] {
    return this.deps.repo.listEvents().filter((event) => this.deps.canView(auth, event));
  }

  /** Filters on the event itself, in index or restSearch spelling. */
  private eventMatches(
    auth: AuthUser,
    event: EventRow,
    f: Filters,
    now: number,
    scope: SearchScope | 'index',
  ): boolean {
    const published = boolFilter(f.published);
    if (published !== null && (event.published === 1) !== published) return false;
    if (!matchesTerms([String(event.id), event.uuid], terms(f.eventid))) return false;
    // Attribute searches match uuid against the attribute or its event (MispAttribute::set_filter_uuid).
    const eventUuid = scope === 'index' || scope === 'attributes' ? undefined : f.uuid;
    if (!matchesTerms([event.uuid], terms(eventUuid))) return false;
    if (!matchesInfo(event.info, f.eventinfo)) return false;
    if (!matchesTerms(this.orgNames(event), terms(f.org))) return false;
    for (const [name, column] of [
      ['threatlevel', 'threat_level_id'],
      ['threat_level_id', 'threat_level_id'],
      ['distribution', 'distribution'],
      ['analysis', 'analysis'],
    ] as const)
      if (!matchesTerms([String(event[column])], terms(f[name]))) return false;
    const from = dateBound(f.datefrom ?? f.from ?? f.date_from);
    const to = dateBound(f.dateuntil ?? f.to ?? f.date_to);
    if ((from && event.date < from) || (to && event.date > to)) return false;
    if (scope !== 'attributes' && !inRange(event.timestamp, timeRange(f.timestamp ?? f.event_timestamp, now)))
      return false;
    if (scope === 'attributes' && !inRange(event.timestamp, timeRange(f.event_timestamp, now))) return false;
    const publishRange = timeRange(f.publish_timestamp ?? f.last, now);
    if (publishRange && !(event.published === 1 && inRange(event.publish_timestamp, publishRange)))
      return false;
    if (scope !== 'index' && !this.tagsMatch(auth, event, f)) return false;
    return true;
  }

  /** restSearch `tags` on events: a tag of the event or of any of its attributes. */
  private tagsMatch(auth: AuthUser, event: EventRow, f: Filters): boolean {
    const wanted = terms(f.tags ?? f.event_tags);
    if (!wanted) return true;
    const names = new Set(this.tagNames({ kind: 'Event', id: event.id }));
    if (f.event_tags === undefined)
      for (const attribute of this.readableAttributes(auth, event))
        for (const name of this.tagNames({ kind: 'Attribute', id: attribute.id, eventId: event.id }))
          names.add(name);
    return matchesTerms([...names], wanted);
  }

  /** The attributes the attribute-level filters select (value, type, category, to_ids, tags…). */
  private matchingAttributes(event: EventRow, f: Filters, now: number, scope: SearchScope): AttributeRow[] {
    const deleted = boolFilter(f.deleted);
    const valueTerms = terms(f.value);
    // Exact values (no wildcard, no negation) are looked up in SQLite instead of walking every row.
    const exactValues =
      deleted === null &&
      valueTerms &&
      valueTerms.all.length === 0 &&
      valueTerms.none.length === 0 &&
      valueTerms.any.every((v) => !v.includes('%') && !v.includes('_'))
        ? valueTerms.any
        : null;
    const rows = exactValues
      ? this.deps.repo.attributesWithValues(event.id, exactValues)
      : deleted === null
        ? this.liveAttributes(event.id)
        : this.deps.repo.allAttributes(event.id).filter((a) => (a.deleted === 1) === deleted);
    // MISP filters on to_ids only when it is set true-ish: `to_ids: false` lists every attribute.
    const toIds = boolFilter(f.to_ids) === true ? true : null;
    const tagTerms = scope === 'attributes' ? terms(f.tags) : null;
    const eventTags = tagTerms ? this.tagNames({ kind: 'Event', id: event.id }) : [];
    // Parsed once per search, not once per attribute: restSearch walks every attribute.
    const wanted = { type: terms(f.type), category: terms(f.category), value: terms(f.value) };
    const uuids = scope === 'attributes' ? terms(f.uuid) : null;
    const timestamps = scope === 'attributes' ? timeRange(f.timestamp, now) : null;
    return rows.filter((attribute) => {
      if (toIds !== null && (attribute.to_ids === 1) !== toIds) return false;
      if (wanted.type && !matchesTerms([attribute.type], wanted.type)) return false;
      if (wanted.category && !matchesTerms([attribute.category], wanted.category)) return false;
      if (wanted.value && !matchesTerms(valuesOf(attribute), wanted.value)) return false;
      if (uuids && !matchesTerms([attribute.uuid, event.uuid], uuids)) return false;
      if (!inRange(attribute.timestamp, timestamps)) return false;
      if (tagTerms) {
        const own = this.tagNames({ kind: 'Attribute', id: attribute.id, eventId: event.id });
        if (!matchesTerms([...own, ...eventTags], tagTerms)) return false;
      }
      return true;
    });
  }

  private matchingObjects(event: EventRow, attributes: AttributeRow[], f: Filters): ObjectRow[] {
    const ids = new Set(attributes.map((a) => a.object_id));
    return this.deps.repo
      .objects(event.id)
      .filter((object) => !hasAttributeFilter(f) || ids.has(object.id))
      .filter((object) => matchesTerms([object.name], terms(f.object_name)));
  }

  private objectJson(object: ObjectRow): Json {
    const record = fetchEventJson(this.deps.services.db, object.event_id)?.Event.Object as Json[] | undefined;
    const found = record?.find((o) => o.id === String(object.id));
    return { Object: found ?? { id: String(object.id), name: object.name } };
  }

  private indexJson(event: EventRow): Json {
    const org = (id: number) => {
      const row = this.deps.services.users.org(id);
      return { id: String(id), name: row?.name ?? '', uuid: row?.uuid ?? '' };
    };
    const tags = this.deps.tagRepo.attached({ kind: 'Event', id: event.id });
    return {
      ...eventFieldsJson(event),
      sighting_timestamp: String(this.lastSighting(event.id)),
      Org: org(event.org_id),
      Orgc: org(event.orgc_id),
      EventTag: tags.map((tag) => ({
        id: String(tag.link_id),
        event_id: String(event.id),
        tag_id: String(tag.id),
        local: tag.local === 1,
        // events/index answers "" where events/view answers null for the same link (MISP 2.5.1).
        relationship_type: tag.relationship_type ?? '',
        Tag: { id: String(tag.id), name: tag.name, colour: tag.colour, is_galaxy: tag.is_galaxy === 1 },
      })),
    };
  }

  private lastSighting(eventId: number): number {
    const row = this.deps.services.db
      .prepare('SELECT MAX(date_sighting) AS last FROM sightings WHERE event_id = ?')
      .get(eventId) as { last: number | null };
    return row.last ?? 0;
  }

  /**
   * The event's live attributes this reader may see: a filter must not match on an attribute the
   * reader is not shown, or the answer would tell that it exists.
   */
  private readableAttributes(auth: AuthUser, event: EventRow): AttributeRow[] {
    return this.liveAttributes(event.id).filter(this.deps.contentFilter(auth, event));
  }

  private liveAttributes(eventId: number): AttributeRow[] {
    return this.deps.repo.attributes(eventId);
  }

  private tagNames(target: Parameters<EventsDeps['tagRepo']['attached']>[0]): string[] {
    return this.deps.tagRepo.attached(target).map((tag) => tag.name);
  }

  private orgNames(event: EventRow): string[] {
    const org = this.deps.services.users.org(event.orgc_id);
    return [String(event.orgc_id), org?.name ?? '', org?.uuid ?? ''];
  }
}

const ATTRIBUTE_FILTERS = ['value', 'type', 'category', 'to_ids', 'tags', 'object_name'];

function hasAttributeFilter(f: Filters): boolean {
  return ATTRIBUTE_FILTERS.some(
    (name) => terms(f[name]) !== null || (name === 'to_ids' && boolFilter(f[name]) !== null),
  );
}

/** eventinfo: `a|b` any of them, `!a` none; each a case-insensitive substring (LIKE %a%). */
function matchesInfo(info: string, value: unknown): boolean {
  const wanted: Terms | null = terms(value);
  if (!wanted) return true;
  const contains = (piece: string) => like(info, `%${piece}%`);
  if (wanted.none.some(contains)) return false;
  const positive = [...wanted.any, ...wanted.all];
  return positive.length === 0 || positive.some(contains);
}

function valuesOf(attribute: AttributeRow): string[] {
  return [attribute.value1, attribute.value2, fullValue(attribute)].filter((v) => v !== '');
}

function fullValue(attribute: AttributeRow): string {
  return attribute.type.includes('|') ? `${attribute.value1}|${attribute.value2}` : attribute.value1;
}

function page<T>(items: T[], f: Filters): T[] {
  const limit = Number(f.limit);
  if (!Number.isInteger(limit) || limit <= 0) return items;
  const pageNumber = Math.max(1, Number.isInteger(Number(f.page)) ? Number(f.page) : 1);
  return items.slice((pageNumber - 1) * limit, pageNumber * limit);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
