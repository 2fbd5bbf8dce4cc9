/**
 * sightings/restSearch[/<context>] (Sighting::restSearch, PyMISP search_sightings), JSON only:
 * filters context + id (integers only, as MISP checks) or uuid, type, source, org_id (ids or
 * uuids, "!" negates) and a time window on date_sighting (from/to, else last, else the last 30
 * days). Every match goes through event visibility and Plugin.Sightings_policy; each carries the
 * attribute value and its organisation, plus Attribute/Event blocks with includeAttribute /
 * includeEvent, in the shape real MISP 2.5.1 answers.
 */
import { DomainError } from '../domain-error.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { Input } from './attribute-validation.ts';
import type { EventsDeps } from './deps.ts';
import { attributeValue, type Json } from './event-json.ts';
import { boolFilter, inRange, timeRange } from './search-terms.ts';
import { maySeeSighting } from './sighting-policy.ts';
import { sightingJson, type SightingRow, type SightingService } from './sighting-service.ts';

const CONTEXTS = ['event', 'attribute'];

export class SightingSearch {
  constructor(
    private readonly deps: EventsDeps,
    private readonly sightings: SightingService,
  ) {}

  restSearch(auth: AuthUser, contextFromUrl: string | undefined, body: Input): Json[] {
    const context = contextFromUrl ?? (typeof body.context === 'string' ? body.context : undefined);
    if (context !== undefined && !CONTEXTS.includes(context))
      throw new DomainError('bad-request', `Invalid context ${context}.`);
    const ids = idFilter(body.id);
    const uuids = present(body.uuid) ? [body.uuid].flat().map(String) : null;
    if (context !== undefined && !present(body.id) && !uuids)
      throw new DomainError('bad-request', 'An ID or UUID must be provided if the context is set.');
    const now = this.deps.now();
    const window = present(body.from) || present(body.to) ? [body.from, body.to] : (body.last ?? '30d');
    const range = timeRange(window, now);
    const orgs = this.orgFilter(body.org_id);
    const rules = this.sightings.policy();
    const rows = this.deps.services.db.prepare('SELECT * FROM sightings ORDER BY id').all() as SightingRow[];
    const { repo, services } = this.deps;
    const includeAttribute = boolFilter(body.includeAttribute) === true;
    const includeEvent = boolFilter(body.includeEvent) === true;
    const out: Json[] = [];
    for (const row of rows) {
      if (!inRange(row.date_sighting, range)) continue;
      if (present(body.type) && String(row.type) !== String(body.type)) continue;
      if (present(body.source) && row.source !== String(body.source)) continue;
      if (orgs && !orgs(row.org_id)) continue;
      const attribute = repo.findAttribute(row.attribute_id);
      const event = repo.findEvent(row.event_id);
      if (!attribute || attribute.deleted || !event) continue;
      if (ids && context && !ids.includes(context === 'attribute' ? row.attribute_id : row.event_id))
        continue;
      if (uuids && context && !uuids.includes(context === 'attribute' ? attribute.uuid : event.uuid))
        continue;
      if (!this.deps.canView(auth, event) || !maySeeSighting(rules, auth, event.org_id, row)) continue;
      const org = services.users.org(row.org_id);
      out.push({
        Sighting: {
          ...sightingJson(row),
          value: attributeValue(attribute),
          ...(includeAttribute
            ? {
                Attribute: {
                  id: String(attribute.id),
                  uuid: attribute.uuid,
                  type: attribute.type,
                  category: attribute.category,
                  to_ids: attribute.to_ids === 1,
                  value: attributeValue(attribute),
                },
              }
            : {}),
          ...(includeEvent
            ? {
                Event: {
                  id: String(event.id),
                  uuid: event.uuid,
                  orgc_id: String(event.orgc_id),
                  org_id: String(event.org_id),
                  info: event.info,
                  Orgc: { name: services.users.org(event.orgc_id)?.name ?? '' },
                },
              }
            : {}),
          Organisation: { id: String(row.org_id), uuid: org?.uuid ?? '', name: org?.name ?? '' },
        },
      });
    }
    return out;
  }

  /** org_id: ids or organisation uuids, "!" negating; an unknown uuid matches nothing. */
  private orgFilter(value: unknown): ((orgId: number) => boolean) | null {
    if (!present(value)) return null;
    const wanted: number[] = [];
    const refused: number[] = [];
    for (const entry of [value].flat()) {
      const text = String(entry);
      const negated = text.startsWith('!');
      const ref = negated ? text.slice(1) : text;
      const id = /^\d+$/.test(ref) ? Number(ref) : (this.orgIdByUuid(ref) ?? -1);
      (negated ? refused : wanted).push(id);
    }
    return (orgId) => (wanted.length === 0 || wanted.includes(orgId)) && !refused.includes(orgId);
  }

  private orgIdByUuid(uuid: string): number | undefined {
    const row = this.deps.services.db.prepare('SELECT id FROM organisations WHERE uuid = ?').get(uuid) as
      { id: number } | undefined;
    return row?.id;
  }
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** MISP accepts only JSON integers as ids here: "45" is refused with 400. */
function idFilter(value: unknown): number[] | null {
  if (!present(value)) return null;
  const ids = [value].flat();
  for (const id of ids)
    if (typeof id !== 'number' || !Number.isInteger(id))
      throw new DomainError('bad-request', `Invalid ID \`${String(id)}\` provided.`);
  return ids as number[];
}
