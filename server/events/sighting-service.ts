/**
 * Sightings (SightingsController add/listSightings, PyMISP add_sighting and sightings): a
 * sighting of one attribute, or of every visible attribute with a value. MISP 2.5.1 answers a
 * sighting that matches nothing with 200 and a message, not an error: copied as it is.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../users/current-user.ts';
import { integer, type Input } from './attribute-validation.ts';
import { wrapped } from './attribute-service.ts';
import type { AttributeRow, EventRow } from './event-repository.ts';
import { DomainError } from '../domain-error.ts';
import { maySeeSighting, type SightingPolicy } from './sighting-policy.ts';
import type { Json } from './event-json.ts';
import type { EventsDeps } from './deps.ts';

export interface SightingRow {
  id: number;
  uuid: string;
  attribute_id: number;
  event_id: number;
  org_id: number;
  date_sighting: number;
  source: string;
  type: number;
}

export type SightingAnswer = { saved: true; sighting: Json } | { saved: false; message: string };

const NOTHING_MATCHED =
  'Could not add the Sighting. Reason: No valid attributes found that match the criteria.';

export class SightingService {
  constructor(private readonly deps: EventsDeps) {}

  add(auth: AuthUser, attributeRef: string | undefined, body: Input): SightingAnswer {
    const data = wrapped(body, 'Sighting');
    const ref =
      attributeRef ??
      (typeof data.id === 'string' || typeof data.uuid === 'string'
        ? String(data.id ?? data.uuid)
        : undefined);
    const targets = ref !== undefined ? this.byRef(auth, ref) : this.byValue(auth, data.value ?? data.values);
    if (targets.length === 0) return { saved: false, message: NOTHING_MATCHED };
    const type = integer(data.type, 0);
    const when = integer(data.timestamp ?? data.date_sighting, 0) || this.deps.now();
    const rows = this.deps.repo.transaction(() =>
      targets.map((attribute) => {
        const info = this.deps.services.db
          .prepare(
            'INSERT INTO sightings (uuid, attribute_id, event_id, org_id, date_sighting, source, type) VALUES (?,?,?,?,?,?,?)',
          )
          .run(
            randomUUID(),
            attribute.id,
            attribute.event_id,
            auth.org.id,
            when,
            String(data.source ?? ''),
            type ?? 0,
          );
        return this.find(Number(info.lastInsertRowid));
      }),
    );
    const last = rows[rows.length - 1] as SightingRow;
    this.deps.logChange(auth, 'Sighting', last.id, 'add', { attribute_id: last.attribute_id });
    return { saved: true, sighting: sightingJson(last) };
  }

  /**
   * listSightings: context `attribute` or `event` with its id, each with the reporting org's name,
   * newest first, filtered by Plugin.Sightings_policy. An object the user cannot see is MISP's
   * 405 "Invalid object.".
   */
  list(auth: AuthUser, body: Input): Json[] {
    const id = integer(body.id, 0) ?? 0;
    const byEvent = body.context === 'event';
    const event = byEvent ? this.deps.repo.findEvent(id) : this.attributeEvent(id);
    if (!event || !this.deps.canView(auth, event)) throw new DomainError('not-allowed', 'Invalid object.');
    const rows = this.deps.services.db
      .prepare(
        `SELECT * FROM sightings WHERE ${byEvent ? 'event_id' : 'attribute_id'} = ? ORDER BY date_sighting DESC, id`,
      )
      .all(id) as SightingRow[];
    const rules = this.policy();
    return rows
      .filter((row) => maySeeSighting(rules, auth, event.orgc_id, row))
      .map((row) => ({
        Sighting: sightingJson(row),
        Organisation: { name: this.deps.services.users.org(row.org_id)?.name ?? '' },
      }));
  }

  /** Plugin.Sightings_policy with what it needs to decide. */
  policy(): SightingPolicy {
    const { settings, db } = this.deps.services;
    return {
      policy: settings.number('Plugin.Sightings_policy'),
      hostOrgId: settings.number('MISP.host_org_id'),
      isReporter: (eventId, orgId) =>
        db
          .prepare('SELECT 1 FROM sightings WHERE event_id = ? AND org_id = ? LIMIT 1')
          .get(eventId, orgId) !== undefined,
    };
  }

  private attributeEvent(attributeId: number): EventRow | undefined {
    const attribute = this.deps.repo.findAttribute(attributeId);
    return attribute && !attribute.deleted ? this.deps.repo.findEvent(attribute.event_id) : undefined;
  }

  private byRef(auth: AuthUser, ref: string): AttributeRow[] {
    const attribute = this.deps.repo.findAttribute(ref);
    if (!attribute || attribute.deleted) return [];
    const event = this.deps.repo.findEvent(attribute.event_id);
    return event && this.deps.canView(auth, event) ? [attribute] : [];
  }

  private byValue(auth: AuthUser, value: unknown): AttributeRow[] {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' && v !== '');
    if (values.length === 0) return [];
    const rows = this.deps.services.db
      .prepare(
        `SELECT * FROM attributes WHERE deleted = 0 AND (value1 IN (${values.map(() => '?').join(',')}) OR value2 IN (${values.map(() => '?').join(',')})) ORDER BY id`,
      )
      .all(...values, ...values) as AttributeRow[];
    return rows.filter((attribute) => {
      const event = this.deps.repo.findEvent(attribute.event_id);
      return event !== undefined && this.deps.canView(auth, event);
    });
  }

  private find(id: number): SightingRow {
    return this.deps.services.db.prepare('SELECT * FROM sightings WHERE id = ?').get(id) as SightingRow;
  }
}

export function sightingJson(row: SightingRow): Json {
  return {
    id: String(row.id),
    attribute_id: String(row.attribute_id),
    event_id: String(row.event_id),
    org_id: String(row.org_id),
    date_sighting: String(row.date_sighting),
    uuid: row.uuid,
    source: row.source,
    type: String(row.type),
  };
}
