/**
 * Object references (ObjectReference::captureReference, ObjectReferencesController::add): a
 * relationship from an object to an attribute or another object of the same event. References
 * sent inside an event are captured after every object of it is saved, so they may point forward.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { Input } from './attribute-validation.ts';
import { wrapped } from './attribute-service.ts';
import { canModifyEvent } from './event-access.ts';
import { isUuid, type ObjectRow } from './event-repository.ts';
import type { EventsDeps } from './deps.ts';
import { DomainError } from '../domain-error.ts';

export interface ObjectReferenceRow {
  id: number;
  uuid: string;
  timestamp: number;
  object_id: number;
  event_id: number;
  source_uuid: string;
  referenced_uuid: string;
  referenced_id: number;
  referenced_type: number;
  relationship_type: string;
  comment: string;
  deleted: number;
}

/** The reference as MISP serialises it: ids as strings, the source object's uuid beside it. */
export function objectReferenceJson(row: ObjectReferenceRow): Record<string, unknown> {
  return {
    id: String(row.id),
    uuid: row.uuid,
    timestamp: String(row.timestamp),
    object_id: String(row.object_id),
    event_id: String(row.event_id),
    source_uuid: row.source_uuid,
    referenced_uuid: row.referenced_uuid,
    referenced_id: String(row.referenced_id),
    referenced_type: String(row.referenced_type),
    relationship_type: row.relationship_type,
    comment: row.comment,
    deleted: row.deleted === 1,
    object_uuid: row.source_uuid,
  };
}

export class ObjectReferenceRepository {
  constructor(private readonly db: Db) {}

  ofObject(objectId: number): ObjectReferenceRow[] {
    return this.db
      .prepare('SELECT * FROM object_references WHERE object_id = ? AND deleted = 0 ORDER BY id')
      .all(objectId) as ObjectReferenceRow[];
  }

  findByUuid(uuid: string): ObjectReferenceRow | undefined {
    return this.db.prepare('SELECT * FROM object_references WHERE uuid = ?').get(uuid) as
      ObjectReferenceRow | undefined;
  }

  find(id: number): ObjectReferenceRow | undefined {
    return this.db.prepare('SELECT * FROM object_references WHERE id = ?').get(id) as
      ObjectReferenceRow | undefined;
  }

  insert(row: Omit<ObjectReferenceRow, 'id'>): number {
    const columns = Object.keys(row);
    const info = this.db
      .prepare(
        `INSERT INTO object_references (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(row));
    return Number(info.lastInsertRowid);
  }

  update(id: number, changes: Partial<ObjectReferenceRow>): void {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE object_references SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
  }
}

export class ObjectReferenceService {
  readonly repo: ObjectReferenceRepository;

  constructor(private readonly deps: EventsDeps) {
    this.repo = new ObjectReferenceRepository(deps.services.db);
  }

  /**
   * captureReference: a known uuid updates the reference when the sent one is newer; a new one
   * needs its source object in the event and a referenced attribute or object. Null: not saved.
   */
  capture(eventId: number, source: ObjectRow, input: Input): ObjectReferenceRow | null {
    const uuid = typeof input.uuid === 'string' && isUuid(input.uuid) ? input.uuid.toLowerCase() : null;
    const existing = uuid ? this.repo.findByUuid(uuid) : undefined;
    const timestamp = Number(input.timestamp) || this.deps.now();
    if (existing) {
      if (input.timestamp !== undefined && timestamp <= existing.timestamp) return existing;
      this.repo.update(existing.id, {
        timestamp,
        ...(typeof input.relationship_type === 'string'
          ? { relationship_type: input.relationship_type }
          : {}),
        ...(typeof input.comment === 'string' ? { comment: input.comment } : {}),
        ...(input.deleted !== undefined
          ? { deleted: input.deleted === true || input.deleted === '1' ? 1 : 0 }
          : {}),
      });
      return this.repo.find(existing.id) ?? null;
    }
    const referenced = this.referenced(eventId, input.referenced_uuid);
    if (!referenced) return null;
    const id = this.repo.insert({
      uuid: uuid ?? randomUUID(),
      timestamp,
      object_id: source.id,
      event_id: eventId,
      source_uuid: source.uuid,
      referenced_uuid: referenced.uuid,
      referenced_id: referenced.id,
      referenced_type: referenced.type,
      relationship_type: typeof input.relationship_type === 'string' ? input.relationship_type : '',
      comment: typeof input.comment === 'string' ? input.comment : '',
      deleted: 0,
    });
    return this.repo.find(id) ?? null;
  }

  /** References inside objects as an event carries them (`Object[].ObjectReference[]`). */
  captureNested(eventId: number, objects: Input[]): void {
    for (const input of objects) {
      const references = Array.isArray(input.ObjectReference) ? input.ObjectReference : [];
      const source = typeof input.uuid === 'string' ? this.deps.repo.findObject(input.uuid) : undefined;
      if (!source || source.event_id !== eventId) continue;
      for (const reference of references)
        if (typeof reference === 'object' && reference !== null)
          this.capture(eventId, source, reference as Input);
    }
  }

  /** POST /objectReferences/add[/<object id>]: the source object by id or object_uuid. */
  add(auth: AuthUser, objectRef: string | undefined, body: Input): ObjectReferenceRow {
    const data = wrapped(body, 'ObjectReference');
    const ref = objectRef ?? (typeof data.object_uuid === 'string' ? data.object_uuid : data.object_id);
    const source = ref === undefined ? undefined : this.deps.repo.findObject(String(ref));
    if (!source || source.deleted) throw new DomainError('not-found', 'Invalid object.');
    const event = this.deps.visibleEvent(auth, source.event_id);
    if (!auth.role.perms.perm_add || !canModifyEvent(auth, event)) throw new DomainError('forbidden');
    if (!this.referenced(event.id, data.referenced_uuid))
      throw new DomainError('save-failed', 'Invalid referenced_uuid.', {
        action: 'add',
        model: 'ObjectReference',
        url: '/objectReferences/add',
      });
    const saved = this.deps.repo.transaction(() => {
      const row = this.capture(event.id, source, { ...data, uuid: undefined, timestamp: undefined });
      this.deps.touchEvent(event.id);
      return row;
    });
    if (!saved) throw new DomainError('not-found', 'Invalid object.');
    this.deps.logChange(auth, 'ObjectReference', saved.id, 'add', {
      relationship_type: saved.relationship_type,
    });
    return saved;
  }

  private referenced(eventId: number, uuid: unknown): { id: number; uuid: string; type: number } | null {
    if (typeof uuid !== 'string' || !isUuid(uuid)) return null;
    const attribute = this.deps.repo.findAttribute(uuid);
    if (attribute && attribute.event_id === eventId)
      return { id: attribute.id, uuid: attribute.uuid, type: 0 };
    const object = this.deps.repo.findObject(uuid);
    if (object && object.event_id === eventId) return { id: object.id, uuid: object.uuid, type: 1 };
    return null;
  }
}
