/**
 * Events (EventsController add/edit/delete/view/index and Event::_add): defaults of §4.2,
 * validation with CakePHP's rule names, the blocking event-before-save trigger before anything
 * is written, nested attributes, objects and tags on add, and the after-save triggers.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, forbidden, methodNotAllowed, saveFailure } from '../http/errors.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { ValidationErrors, Input } from './attribute-validation.ts';
import { integer } from './attribute-validation.ts';
import type { AttributeService } from './attribute-service.ts';
import { wrapped } from './attribute-service.ts';
import { canModifyEvent, canViewEvent } from './event-access.ts';
import { isUuid, type EventRow, type NewEvent } from './event-repository.ts';
import { eventFieldsJson, fetchEventJson, type Json } from './event-json.ts';
import type { ObjectService } from './object-service.ts';
import type { TagService } from './tag-service.ts';
import type { EventsDeps } from './deps.ts';

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
    private readonly attributes: AttributeService,
    private readonly objects: ObjectService,
    private readonly tags: TagService,
  ) {}

  viewJson(auth: AuthUser, ref: string | undefined): { Event: Json } {
    const event = this.deps.visibleEvent(auth, ref);
    return fetchEventJson(this.deps.services.db, event.id) as { Event: Json };
  }

  /** The REST index: flat event records with Org, Orgc and EventTag, as MISP 2.5 lists them. */
  index(auth: AuthUser): Json[] {
    const users = this.deps.services.users;
    return this.deps.repo
      .listEvents()
      .filter((event) => canViewEvent(auth, event))
      .reverse()
      .map((event) => {
        const org = (id: number) => {
          const row = users.org(id);
          return { id: String(id), name: row?.name ?? '', uuid: row?.uuid ?? '' };
        };
        const tags = this.deps.tagRepo.attached({ kind: 'Event', id: event.id });
        return {
          ...eventFieldsJson(event),
          Org: org(event.org_id),
          Orgc: org(event.orgc_id),
          EventTag: tags.map((tag) => ({
            id: String(tag.link_id),
            event_id: String(event.id),
            tag_id: String(tag.id),
            local: tag.local === 1,
            relationship_type: tag.relationship_type,
            Tag: { id: String(tag.id), name: tag.name, colour: tag.colour, is_galaxy: tag.is_galaxy === 1 },
          })),
        };
      });
  }

  async add(auth: AuthUser, body: Input): Promise<EventRow> {
    if (!auth.role.perms.perm_add) throw forbidden();
    const data = Array.isArray(body._list) ? {} : wrapped(body, 'Event');
    if (Object.keys(data).length === 0) throw methodNotAllowed('No valid event data received.');
    const { fields, errors } = this.validate(data, null);
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
      sharing_group_id: 0,
      extends_uuid: fields.extends_uuid ?? '',
    };
    await this.beforeSave(auth, row, 'add');
    const attributes = this.attributes.prepare(list(data.Attribute), 0);
    const objects = list(data.Object).map((object) => this.objects.prepare(object, 0));
    const id = this.deps.repo.transaction(() => {
      const eventId = this.deps.repo.insertEvent(row);
      for (const prepared of attributes)
        if (prepared.ok) this.deps.repo.insertAttribute({ ...prepared.row, event_id: eventId });
      for (const prepared of objects) if (prepared.ok) this.objects.write(prepared, eventId);
      this.deps.repo.recountAttributes(eventId);
      return eventId;
    });
    this.logDropped(auth, id, attributes, objects);
    this.deps.logChange(auth, 'Event', id, 'add', { info: row.info, distribution: row.distribution });
    await this.tags.attachNested(auth, id, list(data.Tag));
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

  async edit(auth: AuthUser, ref: string | undefined, body: Input): Promise<EventRow> {
    const event = this.modifiable(auth, ref);
    const data = wrapped(body, 'Event');
    const { fields, errors } = this.validate(data, event);
    const url = `/events/edit/${event.id}`;
    if (Object.keys(errors).length > 0) throw saveFailure('edit', 'Event', url, { Event: errors }, event.id);
    const changed = { ...fields, timestamp: this.deps.now(), published: 0 };
    await this.beforeSave(auth, { ...event, ...changed }, 'edit');
    this.deps.repo.transaction(() => this.deps.repo.updateEvent(event.id, changed));
    this.deps.logChange(auth, 'Event', event.id, 'edit', fields);
    await this.deps.triggers.afterSave(
      'event-after-save',
      () => fetchEventJson(this.deps.services.db, event.id),
      {
        eventId: event.id,
        user: auth,
      },
    );
    return this.deps.repo.findEvent(event.id) as EventRow;
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

  /** Field rules of the Event model; only fields present are checked on edit. */
  private validate(data: Input, existing: EventRow | null) {
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
    if (fields.distribution === 4)
      fail(
        'sharing_group_id',
        'If the distribution is set to "Sharing Group", a sharing group has to be selected.',
      );
    if (fields.distribution !== undefined) fields.sharing_group_id = 0;
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

  private logDropped(
    auth: AuthUser,
    eventId: number,
    attributes: Array<{ ok: boolean; errors?: ValidationErrors }>,
    objects: Array<{ ok: boolean; errors?: string }>,
  ): void {
    for (const dropped of [...attributes, ...objects].filter((p) => !p.ok)) {
      this.deps.services.logs.write({
        title: `Attribute dropped due to validation for Event ${eventId} failed`,
        model: 'Event',
        model_id: eventId,
        action: 'add',
        actor: { id: auth.user.id, email: auth.user.email, org: auth.org.name },
        change: JSON.stringify(dropped.errors ?? {}),
      });
    }
  }
}

function list(value: unknown): Input[] {
  return Array.isArray(value) ? value.filter((v): v is Input => typeof v === 'object' && v !== null) : [];
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
