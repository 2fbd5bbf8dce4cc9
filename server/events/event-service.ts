/**
 * Events (EventsController add/edit/delete/view/index and Event::_add): defaults of §4.2,
 * validation with CakePHP's rule names, the blocking event-before-save trigger before anything
 * is written, nested attributes, objects and tags on add, and the after-save triggers.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, forbidden, methodNotAllowed, saveFailure } from '../http/errors.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { ValidationErrors, Input } from './attribute-validation.ts';
import { flag, integer } from './attribute-validation.ts';
import { wrapped } from './attribute-service.ts';
import { list, type EventCapture, type PendingTags } from './event-capture.ts';
import type { PublishService } from './publish-service.ts';
import { canModifyEvent } from './event-access.ts';
import { isUuid, type EventRow, type NewEvent } from './event-repository.ts';
import { eventFieldsJson, fetchEventJson, type Json } from './event-json.ts';
import type { TagService } from './tag-service.ts';
import type { EventsDeps } from './deps.ts';

/** Fields whose change makes an edit sent as published publish the event (Event::_edit). */
const MATERIAL_FIELDS = ['analysis', 'threat_level_id', 'info', 'distribution', 'date'] as const;

const RULES = {
  threat_level_id: { min: 1, max: 4, message: 'Options : 1, 2, 3, 4' },
  analysis: { min: 0, max: 2, message: 'Options: 0, 1, 2' },
  distribution: {
    min: 0,
    max: 4,
    message:
      'Options: Your organisation only, This community only, Connected communities, All communities, Sharing group',
  },
} as const;

/** The size of MySQL's TEXT column holding events.info in MISP's schema. */
const EVENT_INFO_MAX_BYTES = 65_535;

export class EventService {
  constructor(
    private readonly deps: EventsDeps,
    private readonly capture: EventCapture,
    private readonly tags: TagService,
    private readonly publishing: PublishService,
  ) {}

  viewJson(auth: AuthUser, ref: string | undefined): { Event: Json } {
    return this.deps.readerView(auth, this.deps.visibleEvent(auth, ref));
  }

  async add(auth: AuthUser, body: Input): Promise<EventRow> {
    if (!auth.role.perms.perm_add) throw forbidden();
    const data = Array.isArray(body._list) ? {} : wrapped(body, 'Event');
    if (Object.keys(data).length === 0) throw methodNotAllowed('No valid event data received.');
    const { fields, errors } = this.validate(auth, data, null);
    if (typeof data.uuid === 'string' && isUuid(data.uuid)) {
      const existing = this.deps.repo.eventExistsByUuid(data.uuid);
      if (existing) throw eventExists(existing.id);
    }
    if (Object.keys(errors).length > 0) throw saveFailure('add', 'Event', '/events/add', { Event: errors });
    const row: NewEvent = {
      uuid: typeof data.uuid === 'string' && isUuid(data.uuid) ? data.uuid.toLowerCase() : randomUUID(),
      org_id: auth.org.id,
      orgc_id: auth.org.id,
      user_id: auth.user.id,
      published: 0,
      publish_timestamp: 0,
      timestamp: this.deps.now(),
      attribute_count: 0,
      proposal_email_lock: 0,
      locked: 0,
      disable_correlation: 0,
      protected: null,
      // validate() filled every field of a new event or reported an error above.
      info: fields.info ?? '',
      date: fields.date ?? '',
      threat_level_id: fields.threat_level_id ?? 4,
      analysis: fields.analysis ?? 0,
      distribution: fields.distribution ?? 0,
      sharing_group_id: fields.sharing_group_id ?? 0,
      extends_uuid: fields.extends_uuid ?? '',
    };
    await this.beforeSave(auth, row, 'add');
    const pending: PendingTags[] = [];
    const id = this.deps.repo.transaction(() => {
      const eventId = this.deps.repo.insertEvent(row);
      this.capture.capture(auth, eventId, data, pending);
      this.deps.repo.recountAttributes(eventId);
      return eventId;
    });
    this.deps.logChange(auth, 'Event', id, 'add', { info: row.info, distribution: row.distribution });
    await this.tags.attachNested(auth, { kind: 'Event', id }, list(data.Tag));
    await this.capture.attachPendingTags(auth, pending);
    const options = { eventId: id, user: auth };
    await this.deps.triggers.afterSave(
      'event-after-save',
      () => fetchEventJson(this.deps.services.db, id),
      options,
    );
    await this.deps.triggers.afterSave(
      'event-after-save-new',
      () => fetchEventJson(this.deps.services.db, id),
      options,
    );
    return this.deps.repo.findEvent(id) as EventRow;
  }

  /**
   * Event::_edit: the event's own fields, then what it carries (attributes, objects, references,
   * tags) by uuid. `published` is kept as sent for users who may publish, and a material change
   * sent as published is published at once, as MISP does.
   */
  async edit(auth: AuthUser, ref: string | undefined, body: Input): Promise<EventRow> {
    const event = this.modifiable(auth, ref);
    const data = wrapped(body, 'Event');
    const url = `/events/edit/${event.id}`;
    if (data.timestamp !== undefined && (integer(data.timestamp, 0) ?? 0) <= event.timestamp)
      throw saveFailure(
        'edit',
        'Event',
        url,
        'Event could not be saved: Event in the request not newer than the local copy.',
        event.id,
      );
    const { fields, errors } = this.validate(auth, data, event);
    if (Object.keys(errors).length > 0) throw saveFailure('edit', 'Event', url, { Event: errors }, event.id);
    const published = flag(data.published, false) && this.mayPublishOnEdit(auth, event) ? 1 : 0;
    const changes = { ...fields, timestamp: integer(data.timestamp, 0) || this.deps.now(), published };
    await this.beforeSave(auth, { ...event, ...changes }, 'edit');
    let changed = MATERIAL_FIELDS.some((name) => fields[name] !== undefined && fields[name] !== event[name]);
    const pending: PendingTags[] = [];
    this.deps.repo.transaction(() => {
      this.deps.repo.updateEvent(event.id, changes);
      changed = this.capture.capture(auth, event.id, data, pending) || changed;
      this.deps.repo.recountAttributes(event.id);
    });
    this.deps.logChange(auth, 'Event', event.id, 'edit', fields);
    await this.tags.attachNested(auth, { kind: 'Event', id: event.id }, list(data.Tag));
    await this.capture.attachPendingTags(auth, pending);
    await this.deps.triggers.afterSave(
      'event-after-save',
      () => fetchEventJson(this.deps.services.db, event.id),
      { eventId: event.id, user: auth },
    );
    if (changed && published) await this.publishing.publish(auth, String(event.id), { forceSync: true });
    return this.deps.repo.findEvent(event.id) as EventRow;
  }

  /** MISP.block_publishing_for_same_creator and perm_publish decide whether `published` sticks. */
  private mayPublishOnEdit(auth: AuthUser, event: EventRow): boolean {
    const perms = auth.role.perms;
    if (!perms.perm_publish) return false;
    const sameCreator = event.user_id === auth.user.id && !perms.perm_sync;
    return !(sameCreator && this.deps.services.settings.bool('MISP.block_publishing_for_same_creator'));
  }

  delete(auth: AuthUser, ref: string | undefined): EventRow {
    const event = this.modifiable(auth, ref);
    this.deps.repo.transaction(() => this.deps.repo.deleteEvent(event.id));
    this.deps.logChange(auth, 'Event', event.id, 'delete', { info: event.info });
    return event;
  }

  modifiable(auth: AuthUser, ref: string | number | undefined): EventRow {
    const event = this.deps.visibleEvent(auth, ref);
    if (!canModifyEvent(auth, event)) throw forbidden();
    return event;
  }

  /** event-before-save is blocking: a failed workflow refuses the save with empty errors (§3.11). */
  private async beforeSave(
    auth: AuthUser,
    row: Omit<EventRow, 'id'> & { id?: number },
    action: 'add' | 'edit',
  ) {
    const outcome = await this.deps.triggers.blocking(
      'event-before-save',
      () => {
        const fields = eventFieldsJson({ id: 0, ...row } as EventRow);
        // A new event has no id yet; MISP hands the data about to be saved.
        if (!row.id) delete fields.id;
        return { Event: fields };
      },
      { eventId: row.id, user: auth },
    );
    if (!outcome || outcome.success) return;
    this.deps.services.logs.write({
      title: `The workflow \`event-before-save\` prevented the saving of event (${row.uuid})`,
      model: 'Event',
      model_id: 0,
      action: 'add',
      change: `Returned message: ${outcome.errors.join(', ')}`,
    });
    const url = action === 'add' ? '/events/add' : `/events/edit/${row.id}`;
    throw saveFailure(action, 'Event', url, { Event: {} }, row.id);
  }

  /** MISP checks the group before anything else of a distribution-4 event: it must exist and be visible. */
  private visibleSharingGroup(auth: AuthUser, ref: unknown): boolean {
    const sg = this.sharingGroupOf(ref);
    return sg !== undefined && this.deps.services.sharingGroups.repo.canSee(auth, sg);
  }

  private sharingGroupOf(ref: unknown) {
    return ref === undefined || ref === null
      ? undefined
      : this.deps.services.sharingGroups.repo.find(String(ref));
  }

  /** Field rules of the Event model; only fields present are checked on edit. */
  private validate(auth: AuthUser, data: Input, existing: EventRow | null) {
    const errors: ValidationErrors = {};
    const fields: Partial<NewEvent> = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
    const settings = this.deps.services.settings;
    if (!existing || 'info' in data) {
      const info =
        typeof data.info === 'string'
          ? data.info.trim()
          : typeof data.info === 'number'
            ? String(data.info)
            : '';
      if (info === '') fail('info', 'valueNotEmpty');
      // MISP stores info in a MySQL TEXT column; a longer one makes real MISP 2.5.1 answer 500
      // ("Data too long"). We refuse it as a validation error instead.
      else if (Buffer.byteLength(info) > EVENT_INFO_MAX_BYTES)
        fail('info', `Event info must not be longer than ${EVENT_INFO_MAX_BYTES} bytes.`);
      else fields.info = info;
    }
    const defaults = {
      threat_level_id: settings.number('MISP.default_event_threat_level') || 4,
      analysis: 0,
      distribution: settings.number('MISP.default_event_distribution'),
    };
    for (const [name, rule] of Object.entries(RULES) as [
      keyof typeof RULES,
      (typeof RULES)[keyof typeof RULES],
    ][]) {
      if (existing && !(name in data)) continue;
      const value = integer(data[name], defaults[name]);
      if (value === null || value < rule.min || value > rule.max) fail(name, rule.message);
      else fields[name] = value;
    }
    if (fields.distribution === 4 && !this.visibleSharingGroup(auth, data.sharing_group_id))
      throw methodNotAllowed('Invalid Sharing Group or not authorised.');
    if (fields.distribution !== undefined)
      fields.sharing_group_id =
        fields.distribution === 4 ? Number(this.sharingGroupOf(data.sharing_group_id)?.id) : 0;
    if (!existing || 'date' in data) {
      const date =
        data.date === undefined || data.date === '' ? today(this.deps.services.clock()) : String(data.date);
      if (!isValidDate(date)) fail('date', 'Expected date format: YYYY-MM-DD');
      else fields.date = date;
    }
    if (!existing || 'extends_uuid' in data)
      fields.extends_uuid = typeof data.extends_uuid === 'string' ? data.extends_uuid : '';
    if (
      !existing &&
      data.uuid !== undefined &&
      data.uuid !== '' &&
      !(typeof data.uuid === 'string' && isUuid(data.uuid))
    )
      fail('uuid', 'Please provide a valid RFC 4122 UUID');
    return { fields, errors };
  }
}

function today(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isValidDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.getUTCDate() === Number(match[3]);
}

/** MISP answers an existing uuid with 404 and points at the event in a Location header. */
export class EventExistsError extends HttpError {
  constructor(readonly eventId: number) {
    super(404, 'Event already exists, if you would like to edit it, use the url in the location header.');
  }
}

function eventExists(id: number): HttpError {
  return new EventExistsError(id);
}
