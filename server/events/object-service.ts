/**
 * MISP objects (ObjectsController::add/delete). Without a local template library, an object must
 * carry its template information; one bad attribute refuses the whole object (Appendix C), and
 * the object with its attributes is written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { forbidden, notFound, saveFailure } from '../http/errors.ts';
import type { AuthUser } from '../users/current-user.ts';
import { integer, type Input } from './attribute-validation.ts';
import type { AttributeService } from './attribute-service.ts';
import { wrapped } from './attribute-service.ts';
import { canModifyEvent } from './event-access.ts';
import {
  isUuid,
  type AttributeRow,
  type EventRow,
  type NewAttribute,
  type NewObject,
  type ObjectRow,
} from './event-repository.ts';
import { attributeViewJson, objectRecordJson, type Json } from './event-json.ts';
import { ObjectReferenceRepository, objectReferenceJson } from './object-references.ts';
import { seenTime } from './seen-time.ts';
import type { EventsDeps } from './deps.ts';

/** Template information MISP needs when it has no local copy of the template, in its order. */
const TEMPLATE_FIELDS = [
  'name',
  'meta-category',
  'description',
  'template_version',
  'template_uuid',
] as const;

export type PreparedObject =
  { ok: true; object: NewObject; attributes: NewAttribute[] } | { ok: false; errors: string };

export class ObjectService {
  private readonly references: ObjectReferenceRepository;

  constructor(
    private readonly deps: EventsDeps,
    private readonly attributes: AttributeService,
  ) {
    this.references = new ObjectReferenceRepository(deps.services.db);
  }

  /**
   * Validates an object and all its attributes; nothing is written. objects/add needs the
   * template information (saveObject names the first field missing); an object inside an event
   * is captured as sent (captureObject), with only its name required.
   */
  prepare(input: Input, eventId: number, options: { requireTemplate: boolean }): PreparedObject {
    const field = (name: string): unknown => input[name] ?? input[name.replace('-', '_')];
    const required = options.requireTemplate ? TEMPLATE_FIELDS : (['name'] as const);
    const missing = required.find((name) => {
      const value = field(name);
      return value === undefined || value === null || value === '';
    });
    if (missing)
      return {
        ok: false,
        errors: `Object could not be saved.\ntemplate: No valid template found and object lacking template information. (${missing})`,
      };
    const distribution = integer(input.distribution, 0);
    if (distribution === null || distribution < 0 || distribution > 5)
      return { ok: false, errors: 'Invalid distribution.' };
    const rawUuid = typeof input.uuid === 'string' ? input.uuid.toLowerCase() : '';
    if (rawUuid !== '' && (!isUuid(rawUuid) || this.deps.repo.findObject(rawUuid)))
      return { ok: false, errors: 'The UUID provided is not valid or not unique.' };
    const list = Array.isArray(input.Attribute) ? input.Attribute : [];
    const inputs = list.filter((a): a is Input => typeof a === 'object' && a !== null);
    // Object id 1 only marks "inside an object" for validation; the real id is set on insert.
    const prepared = this.attributes.prepare(inputs, eventId, 1);
    const failedAt = prepared.findIndex((p) => !p.ok);
    const failed = prepared[failedAt];
    if (failed && !failed.ok) {
      const relation = String(inputs[failedAt]?.object_relation ?? '');
      return {
        ok: false,
        errors: `Could not save object as at least one attribute has failed validation (${relation}). ${JSON.stringify(failed.errors)}`,
      };
    }
    return {
      ok: true,
      object: {
        uuid: rawUuid || randomUUID(),
        event_id: eventId,
        name: String(field('name')),
        meta_category: String(field('meta-category') ?? ''),
        description: String(field('description') ?? ''),
        template_uuid: optionalString(field('template_uuid')),
        template_version: optionalString(field('template_version')),
        timestamp: this.deps.now(),
        distribution,
        sharing_group_id: 0,
        comment: typeof input.comment === 'string' ? input.comment : '',
        deleted: 0,
        first_seen: seenTime(input.first_seen),
        last_seen: seenTime(input.last_seen),
      },
      attributes: prepared.flatMap((p) => (p.ok ? [p.row] : [])),
    };
  }

  /** Inserts a prepared object; call inside a transaction. */
  write(prepared: Extract<PreparedObject, { ok: true }>, eventId: number): number {
    const objectId = this.deps.repo.insertObject({ ...prepared.object, event_id: eventId });
    for (const attribute of prepared.attributes)
      this.deps.repo.insertAttribute({ ...attribute, event_id: eventId, object_id: objectId });
    return objectId;
  }

  async add(auth: AuthUser, eventRef: string | undefined, body: Input): Promise<ObjectRow> {
    const event = this.deps.visibleEvent(auth, eventRef);
    if (!auth.role.perms.perm_add || !canModifyEvent(auth, event)) throw forbidden();
    const prepared = this.prepare(wrapped(body, 'Object'), event.id, { requireTemplate: true });
    if (!prepared.ok)
      throw saveFailure('add', 'Object', `/objects/add/${event.id}`, prepared.errors, event.id);
    const objectId = this.deps.repo.transaction(() => {
      const id = this.write(prepared, event.id);
      this.deps.touchEvent(event.id);
      return id;
    });
    const object = this.deps.repo.findObject(objectId) as ObjectRow;
    await this.afterSave(auth, object);
    return object;
  }

  /** objects/view: soft-deleted objects stay visible, as on MISP 2.5.1. */
  view(auth: AuthUser, ref: string | undefined): ObjectRow {
    const object = ref === undefined ? undefined : this.deps.repo.findObject(ref);
    if (!object) throw notFound('Invalid object.');
    this.deps.visibleEvent(auth, object.event_id);
    return object;
  }

  /** The object with its event's summary and its attributes (with tags), as objects/view answers. */
  viewJson(object: ObjectRow): Json {
    const event = this.deps.repo.findEvent(object.event_id) as EventRow;
    const record = objectRecordJson(object, []).Object as Json;
    const attributes = this.deps.repo
      .attributes(object.event_id, object.id)
      .map((a) =>
        attributeViewJson(
          a,
          this.deps.tagRepo.attached({ kind: 'Attribute', id: a.id, eventId: a.event_id }),
        ),
      );
    const references = this.references.ofObject(object.id).map(objectReferenceJson);
    return {
      Object: {
        ...record,
        ...(references.length > 0 ? { ObjectReference: references } : {}),
        Event: {
          id: String(event.id),
          info: event.info,
          org_id: String(event.org_id),
          orgc_id: String(event.orgc_id),
          uuid: event.uuid,
        },
        Attribute: attributes,
      },
    };
  }

  recordJson(object: ObjectRow): ReturnType<typeof objectRecordJson> {
    return objectRecordJson(object, this.deps.repo.attributes(object.event_id, object.id));
  }

  /** Object log line, attribute-after-save for each attribute, then object-after-save. */
  async afterSave(auth: AuthUser, object: ObjectRow): Promise<void> {
    this.deps.logChange(auth, 'MispObject', object.id, 'add', {
      event_id: object.event_id,
      name: object.name,
    });
    const attributes: AttributeRow[] = this.deps.repo.attributes(object.event_id, object.id);
    for (const attribute of attributes) await this.attributes.afterSave(auth, attribute, 'add');
    await this.deps.triggers.afterSave('object-after-save', () => this.recordJson(object), {
      eventId: object.event_id,
      user: auth,
    });
  }

  async delete(auth: AuthUser, ref: string | undefined, hard: boolean): Promise<ObjectRow> {
    const object = ref === undefined ? undefined : this.deps.repo.findObject(ref);
    if (!object || (object.deleted && !hard)) throw notFound('Invalid object.');
    const event = this.deps.visibleEvent(auth, object.event_id);
    if (!auth.role.perms.perm_modify || !canModifyEvent(auth, event)) throw forbidden();
    this.deps.repo.transaction(() => {
      this.deps.repo.deleteObject(object.id, hard, this.deps.now());
      this.deps.touchEvent(event.id);
    });
    this.deps.logChange(auth, 'MispObject', object.id, 'delete', { deleted: hard ? 'hard' : 1 });
    return object;
  }
}

function optionalString(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
