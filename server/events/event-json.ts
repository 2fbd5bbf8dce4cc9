/**
 * MISP's JSON shapes for events, attributes, objects and tags (JSONConverterTool and the REST add
 * answers), key order included: ids and integers as strings, tinyint flags as booleans. Checked
 * against shared/spec/misp-samples (event-view, attribute-add, object-add).
 */
import type { Db } from '../storage/db.ts';
import type { OrgRow } from '../users/user-repository.ts';
import { EventRepository, type AttributeRow, type EventRow, type ObjectRow } from './event-repository.ts';
import { TagRepository, type AttachedTag } from './tag-repository.ts';
import { ObjectReferenceRepository, objectReferenceJson } from './object-references.ts';
import { SharingGroupRepository } from '../sharing-groups/sharing-group-repository.ts';
import { embeddedJson } from '../sharing-groups/sharing-group-json.ts';

export type Json = Record<string, unknown>;

const str = (value: number | string | null | undefined): string => String(value ?? 0);
const bool = (value: number | null | undefined): boolean => Number(value) === 1;

export function attributeValue(row: Pick<AttributeRow, 'type' | 'value1' | 'value2'>): string {
  return row.type.includes('|') ? `${row.value1}|${row.value2}` : row.value1;
}

export function tagJson(tag: AttachedTag): Json {
  return {
    id: str(tag.id),
    name: tag.name,
    colour: tag.colour,
    exportable: bool(tag.exportable),
    user_id: str(tag.user_id),
    hide_tag: bool(tag.hide_tag),
    numerical_value: tag.numerical_value === null ? null : str(tag.numerical_value),
    is_galaxy: bool(tag.is_galaxy),
    is_custom_galaxy: bool(tag.is_custom_galaxy),
    local_only: bool(tag.local_only),
    local: bool(tag.local),
    relationship_type: tag.relationship_type,
  };
}

export function orgJson(org: OrgRow | undefined, id: number): Json {
  return { id: str(id), name: org?.name ?? '', uuid: org?.uuid ?? '', local: org ? bool(org.local) : true };
}

/** An attribute as the add/edit/view answers show it (value1/value2 visible). */
export function attributeRecordJson(row: AttributeRow): Json {
  return {
    id: str(row.id),
    event_id: str(row.event_id),
    object_id: str(row.object_id),
    object_relation: row.object_relation,
    category: row.category,
    type: row.type,
    value1: row.value1,
    value2: row.value2,
    to_ids: bool(row.to_ids),
    uuid: row.uuid,
    timestamp: str(row.timestamp),
    distribution: str(row.distribution),
    sharing_group_id: str(row.sharing_group_id),
    comment: row.comment,
    deleted: bool(row.deleted),
    disable_correlation: bool(row.disable_correlation),
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    value: attributeValue(row),
  };
}

/** An attribute inside an event (JSONConverterTool: no value1/value2, Tag only when tagged). */
export function attributeViewJson(row: AttributeRow, tags: AttachedTag[], sharingGroup?: Json): Json {
  const json: Json = {
    id: str(row.id),
    type: row.type,
    category: row.category,
    to_ids: bool(row.to_ids),
    uuid: row.uuid,
    event_id: str(row.event_id),
    distribution: str(row.distribution),
    timestamp: str(row.timestamp),
    comment: row.comment,
    sharing_group_id: str(row.sharing_group_id),
    deleted: bool(row.deleted),
    disable_correlation: bool(row.disable_correlation),
    object_id: str(row.object_id),
    object_relation: row.object_relation,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    value: attributeValue(row),
    Galaxy: [],
    ...(sharingGroup ? { SharingGroup: sharingGroup } : {}),
    ShadowAttribute: [],
  };
  if (tags.length > 0) json.Tag = tags.map(tagJson);
  return json;
}

function objectFields(row: ObjectRow): Json {
  return {
    id: str(row.id),
    name: row.name,
    'meta-category': row.meta_category,
    description: row.description,
    template_uuid: row.template_uuid,
    template_version: row.template_version,
    event_id: str(row.event_id),
    uuid: row.uuid,
    timestamp: str(row.timestamp),
    distribution: str(row.distribution),
    sharing_group_id: str(row.sharing_group_id),
    comment: row.comment,
    deleted: bool(row.deleted),
    first_seen: row.first_seen,
    last_seen: row.last_seen,
  };
}

/** The answer of /objects/add: `{Object:{…, Attribute:[records]}}`. */
export function objectRecordJson(row: ObjectRow, attributes: AttributeRow[]): Json {
  return { Object: { ...objectFields(row), Attribute: attributes.map(attributeRecordJson) } };
}

export function eventFieldsJson(row: EventRow): Json {
  return {
    id: str(row.id),
    orgc_id: str(row.orgc_id),
    org_id: str(row.org_id),
    date: row.date,
    threat_level_id: str(row.threat_level_id),
    info: row.info,
    published: bool(row.published),
    uuid: row.uuid,
    attribute_count: str(row.attribute_count),
    analysis: str(row.analysis),
    timestamp: str(row.timestamp),
    distribution: str(row.distribution),
    proposal_email_lock: bool(row.proposal_email_lock),
    locked: bool(row.locked),
    publish_timestamp: str(row.publish_timestamp),
    sharing_group_id: str(row.sharing_group_id),
    disable_correlation: bool(row.disable_correlation),
    extends_uuid: row.extends_uuid,
    protected: row.protected === null ? null : bool(row.protected),
  };
}

/**
 * The full event as `GET /events/view/<id>.json` answers it, or null when there is no such event.
 * The workflow engine loads events through this too, so triggers see what REST clients see.
 */
export function fetchEventJson(
  db: Db,
  ref: number | string,
  /** Which attributes and objects the reader may see; omitted, all of them (site admin, engine). */
  shows: (item: { distribution: number; sharing_group_id: number }) => boolean = () => true,
): { Event: Json } | null {
  const events = new EventRepository(db);
  const tags = new TagRepository(db);
  const references = new ObjectReferenceRepository(db);
  const row = events.findEvent(ref);
  if (!row) return null;
  const org = (id: number) =>
    db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as OrgRow | undefined;
  const creator = db.prepare('SELECT email FROM users WHERE id = ?').get(row.user_id) as
    { email: string } | undefined;
  const groups = new SharingGroupRepository(db);
  // Events and attributes of distribution 4 carry their group, as Event::fetchEvent embeds it.
  const groupOf = (distribution: number, id: number) => {
    const sg = distribution === 4 ? groups.find(id) : undefined;
    return sg ? embeddedJson(groups, sg) : undefined;
  };
  const viewAttribute = (a: AttributeRow) =>
    attributeViewJson(
      a,
      tags.attached({ kind: 'Attribute', id: a.id, eventId: row.id }),
      groupOf(a.distribution, a.sharing_group_id),
    );
  const objects = events
    .objects(row.id)
    .filter(shows)
    .map((object) => ({ object, attributes: events.attributes(row.id, object.id).filter(shows) }))
    // JSONConverterTool drops objects that have no attribute left.
    .filter(({ attributes }) => attributes.length > 0)
    .map(({ object, attributes }) => ({
      ...objectFields(object),
      ObjectReference: references.ofObject(object.id).map(objectReferenceJson),
      Attribute: attributes.map(viewAttribute),
    }));
  const eventTags = tags.attached({ kind: 'Event', id: row.id });
  const sharingGroup = groupOf(row.distribution, row.sharing_group_id);
  const event: Json = {
    ...eventFieldsJson(row),
    event_creator_email: creator?.email ?? '',
    Org: orgJson(org(row.org_id), row.org_id),
    Orgc: orgJson(org(row.orgc_id), row.orgc_id),
    ...(sharingGroup ? { SharingGroup: sharingGroup } : {}),
    Attribute: events.attributes(row.id, 0).filter(shows).map(viewAttribute),
    ShadowAttribute: [],
    RelatedEvent: [],
    Galaxy: [],
    Object: objects,
    EventReport: [],
    CryptographicKey: [],
  };
  if (eventTags.length > 0) event.Tag = eventTags.map(tagJson);
  return { Event: event };
}

/** `/metadata:1` (Event::fetchEvent's metadata option): the event without what it contains. */
export function eventMetadataOnly(view: { Event: Json }): { Event: Json } {
  const { Attribute: _a, ShadowAttribute: _s, Object: _o, EventReport: _r, ...event } = view.Event;
  return { Event: event };
}

/** The lookup the workflow engine's core-format conversion expects (CoreFormatLookups.fetchEvent). */
export function eventJsonFetcher(db: Db): (eventId: string | number) => Promise<{ Event: Json } | null> {
  return async (eventId) => fetchEventJson(db, eventId);
}
