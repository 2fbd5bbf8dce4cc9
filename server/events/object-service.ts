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
  type NewAttribute,
  type NewObject,
  type ObjectRow,
} from './event-repository.ts';
import { objectRecordJson } from './event-json.ts';
import type { EventsDeps } from './deps.ts';

/** Template information MISP needs when it has no local copy of the template. */
const TEMPLATE_FIELDS = [
  'name',
  'meta-category',
  'description',
  'template_uuid',
  'template_version',
] as const;

export type PreparedObject =
  { ok: true; object: NewObject; attributes: NewAttribute[] } | { ok: false; errors: string };

export class ObjectService {
  constructor(
    private readonly deps: EventsDeps,
    private readonly attributes: AttributeService,
  ) {}

  /** Validates an object and all its attributes; nothing is written. */
  prepare(input: Input, eventId: number): PreparedObject {
    const field = (name: string): unknown => input[name] ?? input[name.replace('-', '_')];
    const missing = TEMPLATE_FIELDS.filter((name) => {
      const value = field(name);
      return value === undefined || value === null || value === '';
    });
    if (missing.length > 0)
      return {
        ok: false,
        errors: `No valid template found and object lacking template information. (${missing.join(', ')})`,
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
        meta_category: String(field('meta-category')),
        description: String(field('description')),
        template_uuid: String(field('template_uuid')),
        template_version: String(field('template_version')),
        timestamp: this.deps.now(),
        distribution,
        sharing_group_id: 0,
        comment: typeof input.comment === 'string' ? input.comment : '',
        deleted: 0,
        first_seen: null,
        last_seen: null,
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
    const prepared = this.prepare(wrapped(body, 'Object'), event.id);
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
