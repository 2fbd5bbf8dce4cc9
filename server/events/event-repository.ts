/**
 * Rows of events, objects and attributes; the only place that writes those tables. Values are
 * kept as MISP stores them (integers, 0/1 flags); the JSON converters turn them into MISP's shapes.
 */
import type { Db } from '../storage/db.ts';

export interface EventRow {
  id: number;
  uuid: string;
  org_id: number;
  orgc_id: number;
  user_id: number;
  date: string;
  info: string;
  threat_level_id: number;
  analysis: number;
  distribution: number;
  sharing_group_id: number;
  published: number;
  publish_timestamp: number;
  timestamp: number;
  attribute_count: number;
  proposal_email_lock: number;
  locked: number;
  disable_correlation: number;
  extends_uuid: string;
  protected: number | null;
}

export interface AttributeRow {
  id: number;
  uuid: string;
  event_id: number;
  object_id: number;
  object_relation: string | null;
  type: string;
  category: string;
  value1: string;
  value2: string;
  to_ids: number;
  timestamp: number;
  distribution: number;
  sharing_group_id: number;
  comment: string;
  deleted: number;
  disable_correlation: number;
  first_seen: string | null;
  last_seen: string | null;
}

export interface ObjectRow {
  id: number;
  uuid: string;
  event_id: number;
  name: string;
  meta_category: string;
  description: string;
  template_uuid: string | null;
  template_version: string | null;
  timestamp: number;
  distribution: number;
  sharing_group_id: number;
  comment: string;
  deleted: number;
  first_seen: string | null;
  last_seen: string | null;
}

export type NewEvent = Omit<EventRow, 'id'>;
export type NewAttribute = Omit<AttributeRow, 'id'>;
export type NewObject = Omit<ObjectRow, 'id'>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export class EventRepository {
  constructor(readonly db: Db) {}

  /** Runs `work` in one transaction: all of it is saved, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  findEvent(ref: string | number): EventRow | undefined {
    return this.findBy<EventRow>('events', ref);
  }

  listEvents(): EventRow[] {
    return this.db.prepare('SELECT * FROM events ORDER BY id').all() as EventRow[];
  }

  eventExistsByUuid(uuid: string): EventRow | undefined {
    return this.db.prepare('SELECT * FROM events WHERE uuid = ?').get(uuid.toLowerCase()) as
      EventRow | undefined;
  }

  insertEvent(event: NewEvent): number {
    return this.insert('events', event);
  }

  updateEvent(id: number, changes: Partial<NewEvent>): void {
    this.update('events', id, changes);
  }

  deleteEvent(id: number): boolean {
    this.db.prepare('DELETE FROM attribute_tags WHERE event_id = ?').run(id);
    return this.db.prepare('DELETE FROM events WHERE id = ?').run(id).changes > 0;
  }

  /** MISP's attribute_count: live attributes, object attributes included. */
  recountAttributes(eventId: number): void {
    this.db
      .prepare(
        'UPDATE events SET attribute_count = (SELECT COUNT(*) FROM attributes WHERE event_id = ? AND deleted = 0) WHERE id = ?',
      )
      .run(eventId, eventId);
  }

  findAttribute(ref: string | number): AttributeRow | undefined {
    return this.findBy<AttributeRow>('attributes', ref);
  }

  /** Live attributes of an event; `objectId` 0 gives the top-level ones. */
  attributes(eventId: number, objectId?: number): AttributeRow[] {
    if (objectId === undefined)
      return this.db
        .prepare('SELECT * FROM attributes WHERE event_id = ? AND deleted = 0 ORDER BY id')
        .all(eventId) as AttributeRow[];
    return this.db
      .prepare('SELECT * FROM attributes WHERE event_id = ? AND object_id = ? AND deleted = 0 ORDER BY id')
      .all(eventId, objectId) as AttributeRow[];
  }

  /**
   * Live attributes of an event whose value (either half of a composite) is one of `values`,
   * compared without case as MySQL's collation does: restSearch by value reads only the hits.
   */
  attributesWithValues(eventId: number, values: string[]): AttributeRow[] {
    const lowered = values.map((v) => v.toLowerCase());
    const list = lowered.map(() => '?').join(', ');
    // "a|b" matches value1 "a" and value2 "b" (value1 || '|' || value2): one pair per "|" of it.
    const pairs = lowered.flatMap((v) =>
      [...v].flatMap((c, i) => (c === '|' ? [[v.slice(0, i), v.slice(i + 1)] as const] : [])),
    );
    // One branch per index (migration 011): SQLite's planner takes the event_id index for an OR
    // of these and then walks every attribute of the event.
    const branches = [
      `SELECT id FROM attributes WHERE event_id = ? AND lower(value1) IN (${list})`,
      `SELECT id FROM attributes WHERE event_id = ? AND lower(value2) IN (${list})`,
      ...pairs.map(
        () => 'SELECT id FROM attributes WHERE event_id = ? AND lower(value1) = ? AND lower(value2) = ?',
      ),
    ];
    return this.db
      .prepare(
        `SELECT * FROM attributes WHERE id IN (${branches.join(' UNION ALL ')}) AND deleted = 0 ORDER BY id`,
      )
      .all(
        eventId,
        ...lowered,
        eventId,
        ...lowered,
        ...pairs.flatMap(([value1, value2]) => [eventId, value1, value2]),
      ) as AttributeRow[];
  }

  /** Every attribute of an event, deleted ones included (restSearch with `deleted`). */
  allAttributes(eventId: number): AttributeRow[] {
    return this.db
      .prepare('SELECT * FROM attributes WHERE event_id = ? ORDER BY id')
      .all(eventId) as AttributeRow[];
  }

  /** MISP refuses a second live top-level attribute with the same type, category and value. */
  hasSimilarAttribute(
    candidate: Pick<AttributeRow, 'event_id' | 'type' | 'category' | 'value1' | 'value2'>,
    exceptId = 0,
  ): boolean {
    return this.similarAttribute(candidate, exceptId) !== undefined;
  }

  similarAttribute(
    candidate: Pick<AttributeRow, 'event_id' | 'type' | 'category' | 'value1' | 'value2'>,
    exceptId = 0,
  ): AttributeRow | undefined {
    return this.db
      .prepare(
        'SELECT * FROM attributes WHERE event_id = ? AND object_id = 0 AND deleted = 0 AND type = ? AND category = ? AND value1 = ? AND value2 = ? AND id != ?',
      )
      .get(
        candidate.event_id,
        candidate.type,
        candidate.category,
        candidate.value1,
        candidate.value2,
        exceptId,
      ) as AttributeRow | undefined;
  }

  insertAttribute(attribute: NewAttribute): number {
    return this.insert('attributes', attribute);
  }

  updateAttribute(id: number, changes: Partial<NewAttribute>): void {
    this.update('attributes', id, changes);
  }

  deleteAttribute(id: number): void {
    this.db.prepare('DELETE FROM attributes WHERE id = ?').run(id);
  }

  findObject(ref: string | number): ObjectRow | undefined {
    return this.findBy<ObjectRow>('objects', ref);
  }

  objects(eventId: number): ObjectRow[] {
    return this.db
      .prepare('SELECT * FROM objects WHERE event_id = ? AND deleted = 0 ORDER BY id')
      .all(eventId) as ObjectRow[];
  }

  insertObject(object: NewObject): number {
    return this.insert('objects', object);
  }

  updateObject(id: number, changes: Partial<NewObject>): void {
    this.update('objects', id, changes);
  }

  /** Soft delete marks the object and its attributes; hard delete removes them. */
  deleteObject(id: number, hard: boolean, timestamp: number): void {
    if (hard) {
      this.db.prepare('DELETE FROM attributes WHERE object_id = ?').run(id);
      this.db.prepare('DELETE FROM objects WHERE id = ?').run(id);
      return;
    }
    this.db
      .prepare('UPDATE attributes SET deleted = 1, timestamp = ? WHERE object_id = ?')
      .run(timestamp, id);
    this.db.prepare('UPDATE objects SET deleted = 1, timestamp = ? WHERE id = ?').run(timestamp, id);
  }

  private findBy<T>(table: string, ref: string | number): T | undefined {
    const text = String(ref).trim();
    if (/^\d+$/.test(text))
      return this.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(Number(text)) as T;
    if (isUuid(text))
      return this.db.prepare(`SELECT * FROM ${table} WHERE uuid = ?`).get(text.toLowerCase()) as T;
    return undefined;
  }

  private insert(table: string, row: object): number {
    const entries = Object.entries(row);
    const info = this.db
      .prepare(
        `INSERT INTO ${table} (${entries.map(([c]) => c).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`,
      )
      .run(...entries.map(([, v]) => v));
    return Number(info.lastInsertRowid);
  }

  private update(table: string, id: number, changes: object): void {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE ${table} SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
  }
}
