/**
 * Attributes (AttributesController): add one, a list or a batch of values; edit; delete; view.
 * A saved attribute unpublishes its event and fires attribute-after-save.
 */
import { HttpError, forbidden, notFound, saveFailure } from '../http/errors.ts';
import { DomainError } from '../domain-error.ts';
import type { AuthUser } from '../users/current-user.ts';
import { buildAttribute, flag, integer, type Input, type ValidationErrors } from './attribute-validation.ts';
import { canModifyEvent } from './event-access.ts';
import type { AttributeRow, EventRow, NewAttribute } from './event-repository.ts';
import { attributeRecordJson, tagJson, type Json } from './event-json.ts';
import type { EventsDeps } from './deps.ts';

export type AttributeAddResult =
  | { kind: 'single'; attribute: AttributeRow }
  | { kind: 'many'; attributes: AttributeRow[]; errors: Record<string, ValidationErrors> };

export class AttributeService {
  constructor(private readonly deps: EventsDeps) {}

  /**
   * Validates attribute inputs for an event; uuids must be new, also within the batch. Each input
   * gives a row or its errors, in order.
   */
  prepare(
    inputs: Input[],
    eventId: number,
    objectId = 0,
    /** The attribute being edited, which must not count as its own duplicate. */
    editedId = 0,
  ): Array<{ ok: true; row: NewAttribute } | { ok: false; errors: ValidationErrors }> {
    const seen = new Set<string>();
    const now = this.deps.now();
    return inputs.map((input) => {
      const built = buildAttribute(input, {
        eventId,
        objectId,
        now,
        inObject: objectId !== 0 || input.object_relation !== undefined,
        uuidTaken: (uuid) => seen.has(uuid) || this.deps.repo.findAttribute(uuid) !== undefined,
      });
      if (!built.ok) return built;
      if (objectId === 0 && this.deps.repo.hasSimilarAttribute(built.row, editedId))
        return { ok: false, errors: { value: ['A similar attribute already exists for this event.'] } };
      seen.add(built.row.uuid);
      return built;
    });
  }

  /** Whether an input of distribution 4 names a sharing group the user can see (MISP checks this first). */
  private groupAllowed(auth: AuthUser, input: Input): boolean {
    if (integer(input.distribution, 5) !== 4) return true;
    const repo = this.deps.services.sharingGroups.repo;
    const sg = input.sharing_group_id == null ? undefined : repo.find(String(input.sharing_group_id));
    return sg !== undefined && repo.canSee(auth, sg);
  }

  /**
   * Inside events/add and edit, MISP 2.5.1 saves an attribute whose sharing group is unknown or
   * hidden as "your organisation only" (observed): the attribute is kept, never wider than asked.
   */
  withKnownGroup(auth: AuthUser, input: Input): Input {
    return this.groupAllowed(auth, input) ? input : { ...input, distribution: 0, sharing_group_id: 0 };
  }

  /**
   * `breakOnDuplicate: false` (PyMISP's break_on_duplicate=False, the named parameter
   * breakOnDuplicate:0) turns a single duplicate into an edit of the attribute that exists.
   */
  async add(
    auth: AuthUser,
    eventRef: string | undefined,
    body: Input,
    options: { breakOnDuplicate?: boolean } = {},
  ): Promise<AttributeAddResult> {
    const event = this.deps.visibleEvent(auth, eventRef);
    if (!auth.role.perms.perm_add || !canModifyEvent(auth, event)) throw forbidden();
    const { inputs, single } = attributeInputs(body);
    if (inputs.some((input) => !this.groupAllowed(auth, input)))
      throw new HttpError(403, 'Invalid Sharing Group or not authorised.');
    if (inputs.length === 0)
      throw saveFailure('add', 'Attribute', '/attributes/add', { value: ['stringNotEmpty'] });
    if (single && options.breakOnDuplicate === false) {
      const duplicate = this.similarTo(event.id, inputs[0] as Input);
      if (duplicate)
        return { kind: 'single', attribute: await this.edit(auth, String(duplicate.id), inputs[0] as Input) };
    }
    const prepared = this.prepare(
      inputs.map((input) => ({ ...input, object_relation: undefined })),
      event.id,
    );
    const rows = prepared.flatMap((p) => (p.ok ? [p.row] : []));
    if (single || rows.length === 0) {
      const failed = prepared.find((p) => !p.ok);
      if (failed && !failed.ok) throw saveFailure('add', 'Attribute', '/attributes/add', failed.errors);
    }
    const ids = this.deps.repo.transaction(() => {
      const saved = rows.map((row) => this.deps.repo.insertAttribute(row));
      this.deps.touchEvent(event.id);
      return saved;
    });
    const attributes = ids.map((id) => this.deps.repo.findAttribute(id) as AttributeRow);
    for (const attribute of attributes) await this.afterSave(auth, attribute, 'add');
    if (single) return { kind: 'single', attribute: attributes[0] as AttributeRow };
    const errors: Record<string, ValidationErrors> = {};
    prepared.forEach((p, index) => {
      if (!p.ok) errors[`attribute_${index}`] = p.errors;
    });
    return { kind: 'many', attributes, errors };
  }

  /** The live attribute with the same type, category and value, if the input would duplicate one. */
  private similarTo(eventId: number, input: Input): AttributeRow | undefined {
    const built = buildAttribute(
      { ...input, uuid: undefined },
      { eventId, objectId: 0, now: 0, inObject: false, uuidTaken: () => false },
    );
    return built.ok ? this.deps.repo.similarAttribute(built.row) : undefined;
  }

  /** MISP 2.5.1 answers an unknown or deleted attribute with 405 "Invalid attribute". */
  view(auth: AuthUser, ref: string | undefined): AttributeRow {
    const attribute = ref === undefined ? undefined : this.deps.repo.findAttribute(ref);
    if (!attribute || attribute.deleted) throw new DomainError('not-allowed', 'Invalid attribute');
    const event = this.deps.visibleEvent(auth, attribute.event_id);
    if (!this.deps.contentFilter(auth, event)(attribute))
      throw new DomainError('not-allowed', 'Invalid attribute');
    return attribute;
  }

  async edit(auth: AuthUser, ref: string | undefined, body: Input): Promise<AttributeRow> {
    const current = this.view(auth, ref);
    const event = this.modifiableEvent(auth, current.event_id);
    const input = wrapped(body, 'Attribute');
    const merged: Input = {
      ...recordAsInput(current),
      ...input,
      uuid: undefined,
      object_relation: current.object_relation ?? undefined,
    };
    // As attributes/add: an unknown or hidden sharing group is refused, the attribute unchanged
    // (real MISP 2.5.1's 403, observed on attributes/edit).
    if (!this.groupAllowed(auth, merged))
      throw new HttpError(403, 'Invalid Sharing Group or not authorised.');
    const built = this.prepare([merged], current.event_id, current.object_id, current.id)[0] ?? {
      ok: false as const,
      errors: {},
    };
    if (!built.ok)
      throw saveFailure('edit', 'Attribute', `/attributes/edit/${current.id}`, built.errors, current.id);
    this.deps.repo.transaction(() => {
      const { uuid: _uuid, event_id: _event, object_id: _object, ...changes } = built.row;
      // `deleted` is one of the fields an edit may change (MispAttribute::EDITABLE_FIELDS).
      this.deps.repo.updateAttribute(current.id, { ...changes, deleted: flag(input.deleted, false) ? 1 : 0 });
      this.deps.touchEvent(event.id);
    });
    const saved = this.deps.repo.findAttribute(current.id) as AttributeRow;
    await this.afterSave(auth, saved, 'edit');
    return saved;
  }

  async delete(auth: AuthUser, ref: string | undefined, hard: boolean): Promise<AttributeRow> {
    const attribute = ref === undefined ? undefined : this.deps.repo.findAttribute(ref);
    if (!attribute || (attribute.deleted && !hard)) throw notFound('Invalid attribute');
    this.modifiableEvent(auth, attribute.event_id);
    this.deps.repo.transaction(() => {
      if (hard) this.deps.repo.deleteAttribute(attribute.id);
      else this.deps.repo.updateAttribute(attribute.id, { deleted: 1, timestamp: this.deps.now() });
      this.deps.touchEvent(attribute.event_id);
    });
    this.deps.logChange(auth, 'Attribute', attribute.id, 'delete', { deleted: hard ? 'hard' : 1 });
    if (!hard)
      await this.afterSave(auth, this.deps.repo.findAttribute(attribute.id) as AttributeRow, 'delete');
    return attribute;
  }

  /** The log line and the non-blocking attribute-after-save trigger of MispAttribute::afterSave. */
  async afterSave(auth: AuthUser, attribute: AttributeRow, action: string): Promise<void> {
    if (action !== 'delete')
      this.deps.logChange(auth, 'Attribute', attribute.id, action, {
        event_id: attribute.event_id,
        type: attribute.type,
        category: attribute.category,
        value: attribute.value2 ? `${attribute.value1}|${attribute.value2}` : attribute.value1,
      });
    await this.deps.triggers.afterSave(
      'attribute-after-save',
      () => ({ Attribute: this.triggerJson(attribute) }),
      {
        eventId: attribute.event_id,
        user: auth,
      },
    );
  }

  /** The attribute as the trigger sees it: the record with its own tags. */
  triggerJson(attribute: AttributeRow): Json {
    const tags = this.deps.tagRepo.attached({
      kind: 'Attribute',
      id: attribute.id,
      eventId: attribute.event_id,
    });
    return { ...attributeRecordJson(attribute), Tag: tags.map(tagJson) };
  }

  private modifiableEvent(auth: AuthUser, eventId: number): EventRow {
    const event = this.deps.visibleEvent(auth, eventId);
    if (!auth.role.perms.perm_modify || !canModifyEvent(auth, event)) throw forbidden();
    return event;
  }
}

/** `{"Attribute":{…}}`, the flat attribute, a list of either, or `value` as a list (batch). */
export function attributeInputs(body: Input): { inputs: Input[]; single: boolean } {
  const list = Array.isArray(body._list) ? body._list : Array.isArray(body.Attribute) ? body.Attribute : null;
  if (list) {
    return {
      inputs: list
        .filter((item): item is Input => typeof item === 'object' && item !== null)
        .map((item) => wrapped(item, 'Attribute')),
      single: false,
    };
  }
  const input = wrapped(body, 'Attribute');
  if (Array.isArray(input.value)) {
    return { inputs: input.value.map((value) => ({ ...input, value, uuid: undefined })), single: false };
  }
  return { inputs: Object.keys(input).length === 0 ? [] : [input], single: true };
}

export function wrapped(body: Input, model: string): Input {
  const inner = body[model];
  const data = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Input) : body;
  const { _Token: _token, _method: _m, ...rest } = data;
  return rest;
}

/** A stored attribute as input again: what an edit starts from before the sent fields apply. */
export function recordAsInput(row: AttributeRow): Input {
  return {
    type: row.type,
    category: row.category,
    value: row.type.includes('|') ? `${row.value1}|${row.value2}` : row.value1,
    to_ids: flag(row.to_ids, false),
    distribution: row.distribution,
    sharing_group_id: row.sharing_group_id,
    comment: row.comment,
    disable_correlation: row.disable_correlation,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
  };
}
