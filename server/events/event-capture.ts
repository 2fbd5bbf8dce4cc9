/**
 * What an event carries inside it, saved the way MISP's Event::_edit and _add do: attributes and
 * objects matched by uuid, a known one changed only when the sent timestamp is newer (PyMISP drops
 * the timestamp of what it edited), new ones created, tags of attributes attached, references
 * captured once every object exists. Nothing a client sent is ignored without a log line.
 */
import type { AuthUser } from '../users/current-user.ts';
import { flag, integer, type Input, type ValidationErrors } from './attribute-validation.ts';
import { recordAsInput, wrapped, type AttributeService } from './attribute-service.ts';
import { canModifyEvent } from './event-access.ts';
import { DomainError } from '../domain-error.ts';
import type { AttributeRow, NewObject, ObjectRow } from './event-repository.ts';
import type { ObjectService } from './object-service.ts';
import type { ObjectReferenceService } from './object-references.ts';
import type { TagService } from './tag-service.ts';
import type { EventsDeps } from './deps.ts';

/** Tags to attach once the rows are written (tag attachment fires triggers, so it runs after). */
export interface PendingTags {
  attributeId: number;
  eventId: number;
  tags: Input[];
}

export class EventCapture {
  constructor(
    private readonly deps: EventsDeps,
    private readonly attributes: AttributeService,
    private readonly objects: ObjectService,
    private readonly tags: TagService,
    private readonly references: ObjectReferenceService,
  ) {}

  /** Attributes and objects of an event; call inside a transaction. True when something changed. */
  capture(auth: AuthUser, eventId: number, data: Input, pending: PendingTags[]): boolean {
    let changed = false;
    for (const input of list(data.Attribute))
      changed = this.captureAttribute(auth, eventId, 0, input, pending) || changed;
    const objects = list(data.Object);
    for (const input of objects) changed = this.captureObject(auth, eventId, input, pending) || changed;
    this.references.captureNested(eventId, objects);
    return changed;
  }

  /** objects/edit/<id>: the object's fields and attributes as sent (MISP's deltaMerge). */
  async editObject(auth: AuthUser, ref: string | undefined, body: Input): Promise<ObjectRow> {
    const object = this.objects.view(auth, ref);
    const event = this.deps.visibleEvent(auth, object.event_id);
    if (!auth.role.perms.perm_modify || !canModifyEvent(auth, event)) throw new DomainError('forbidden');
    const input = wrapped(body, 'Object');
    const deleted = flag(input.deleted, object.deleted === 1);
    const pending: PendingTags[] = [];
    this.deps.repo.transaction(() => {
      this.deps.repo.updateObject(
        object.id,
        objectChanges(object, { ...input, timestamp: undefined }, deleted, this.deps.now()),
      );
      for (const attribute of list(input.Attribute))
        this.captureAttribute(auth, object.event_id, object.id, attribute, pending, deleted);
      this.references.captureNested(object.event_id, [{ ...input, uuid: object.uuid }]);
      this.deps.touchEvent(object.event_id);
    });
    await this.attachPendingTags(auth, pending);
    this.deps.logChange(auth, 'MispObject', object.id, 'edit', { name: object.name });
    return this.deps.repo.findObject(object.id) as ObjectRow;
  }

  async attachPendingTags(auth: AuthUser, pending: PendingTags[]): Promise<void> {
    for (const entry of pending)
      await this.tags.attachNested(
        auth,
        { kind: 'Attribute', id: entry.attributeId, eventId: entry.eventId },
        entry.tags,
      );
  }

  /** MispAttribute::editAttribute + editAttributeBulk for one attribute. */
  private captureAttribute(
    auth: AuthUser,
    eventId: number,
    objectId: number,
    input: Input,
    pending: PendingTags[],
    forceDeleted = false,
  ): boolean {
    const uuid = typeof input.uuid === 'string' ? input.uuid.toLowerCase() : '';
    const existing = uuid ? this.deps.repo.findAttribute(uuid) : undefined;
    const deleted = forceDeleted || flag(input.deleted, existing ? existing.deleted === 1 : false);
    if (existing) {
      if (existing.event_id !== eventId || existing.object_id !== objectId) {
        this.dropped(auth, eventId, 'Attribute', 'Duplicate UUID found in attribute', { uuid: [uuid] });
        return false;
      }
      if (input.timestamp !== undefined && Number(input.timestamp) <= existing.timestamp) return false;
      const merged: Input = {
        ...recordAsInput(existing),
        ...defined(input),
        uuid: undefined,
        object_relation: existing.object_relation ?? undefined,
      };
      const built = this.attributes.prepare(
        [this.attributes.withKnownGroup(auth, merged)],
        eventId,
        objectId,
        existing.id,
      )[0];
      if (!built?.ok) {
        this.dropped(auth, eventId, 'Attribute', `Attribute dropped due to validation`, built?.errors ?? {});
        return false;
      }
      const { uuid: _u, event_id: _e, object_id: _o, ...changes } = built.row;
      this.deps.repo.updateAttribute(existing.id, {
        ...changes,
        deleted: deleted ? 1 : 0,
        timestamp: integer(input.timestamp, 0) || this.deps.now(),
      });
      this.queueTags(pending, existing, input);
      return true;
    }
    const built = this.attributes.prepare(
      [this.attributes.withKnownGroup(auth, input)],
      eventId,
      objectId,
    )[0];
    if (!built?.ok) {
      this.dropped(auth, eventId, 'Attribute', 'Attribute dropped due to validation', built?.errors ?? {});
      return false;
    }
    const id = this.deps.repo.insertAttribute({ ...built.row, deleted: deleted ? 1 : 0 });
    this.queueTags(pending, this.deps.repo.findAttribute(id) as AttributeRow, input);
    return true;
  }

  /** MispObject::editObject, or captureObject for an object the event does not have yet. */
  private captureObject(auth: AuthUser, eventId: number, input: Input, pending: PendingTags[]): boolean {
    const uuid = typeof input.uuid === 'string' ? input.uuid.toLowerCase() : '';
    const existing = uuid ? this.deps.repo.findObject(uuid) : undefined;
    if (!existing) {
      const prepared = this.objects.prepare(input, eventId, { requireTemplate: false });
      if (!prepared.ok) {
        this.dropped(auth, eventId, 'MispObject', 'Object dropped due to validation', {
          Object: [prepared.errors],
        });
        return false;
      }
      const objectId = this.objects.write(prepared, eventId);
      this.queueObjectTags(pending, objectId, input);
      return true;
    }
    if (existing.event_id !== eventId) {
      this.dropped(auth, eventId, 'MispObject', 'Duplicate UUID found in object', { uuid: [uuid] });
      return false;
    }
    if (input.timestamp !== undefined && existing.timestamp >= Number(input.timestamp)) return false;
    const deleted = flag(input.deleted, existing.deleted === 1);
    this.deps.repo.updateObject(existing.id, objectChanges(existing, input, deleted, this.deps.now()));
    for (const attribute of list(input.Attribute))
      this.captureAttribute(auth, eventId, existing.id, attribute, pending, deleted);
    return true;
  }

  private queueTags(pending: PendingTags[], attribute: AttributeRow, input: Input): void {
    const tags = list(input.Tag);
    if (tags.length > 0) pending.push({ attributeId: attribute.id, eventId: attribute.event_id, tags });
  }

  private queueObjectTags(pending: PendingTags[], objectId: number, input: Input): void {
    const attributes = this.deps.repo.attributes(
      this.deps.repo.findObject(objectId)?.event_id ?? 0,
      objectId,
    );
    for (const sent of list(input.Attribute)) {
      const saved = attributes.find((a) => a.uuid === String(sent.uuid ?? '').toLowerCase());
      if (saved) this.queueTags(pending, saved, sent);
    }
  }

  private dropped(auth: AuthUser, eventId: number, model: string, title: string, errors: ValidationErrors) {
    this.deps.services.logs.write({
      title: `${title} for Event ${eventId}`,
      model,
      model_id: 0,
      action: 'edit',
      actor: { id: auth.user.id, email: auth.user.email, org: auth.org.name },
      change: `Validation errors: ${JSON.stringify(errors)}`,
    });
  }
}

/** The object fields editObject saves: what was sent, else what the object had. */
function objectChanges(existing: ObjectRow, input: Input, deleted: boolean, now: number): Partial<NewObject> {
  const text = (key: string, fallback: string | null) =>
    typeof input[key] === 'string' ? (input[key] as string) : fallback;
  return {
    name: text('name', existing.name) ?? existing.name,
    meta_category: text('meta-category', existing.meta_category) ?? existing.meta_category,
    description: text('description', existing.description) ?? existing.description,
    template_uuid: text('template_uuid', existing.template_uuid),
    template_version: text('template_version', existing.template_version),
    distribution: integer(input.distribution, existing.distribution) ?? existing.distribution,
    comment: text('comment', existing.comment) ?? existing.comment,
    first_seen: text('first_seen', existing.first_seen),
    last_seen: text('last_seen', existing.last_seen),
    deleted: deleted ? 1 : 0,
    timestamp: integer(input.timestamp, 0) || now,
  };
}

export function list(value: unknown): Input[] {
  return Array.isArray(value) ? value.filter((v): v is Input => typeof v === 'object' && v !== null) : [];
}

function defined(input: Input): Input {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
}
