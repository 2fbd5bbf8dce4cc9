/**
 * Organisations (OrganisationsController index/view/add/edit/delete, PyMISP's organisations(),
 * add_organisation, update_organisation, delete_organisation), with MISP 2.5.1's answers: the
 * saved record on add and edit, view with its creator's email and user count, unique names, and
 * no delete while users or events still belong to the organisation.
 */
import { canViewEvent } from '../events/event-access.ts';
import { SharingGroupRepository } from '../sharing-groups/sharing-group-repository.ts';
import type { EventRow } from '../events/event-repository.ts';
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { DomainError } from '../domain-error.ts';
import { formatMispDate } from '../logs/log-service.ts';
import { like } from '../events/search-terms.ts';
import { isSiteAdmin, type AuthUser } from './current-user.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { OrgRow } from './user-repository.ts';
import { organisationJson } from '../views/users/user-json.ts';

type OrganisationRow = OrgRow;

type Json = Record<string, unknown>;
const TEXT_FIELDS = ['description', 'type', 'nationality', 'sector', 'contacts', 'landingpage'] as const;
const NOT_DELETABLE =
  'Organisation could not be deleted. Generally organisations should never be deleted, instead consider moving them to the known remote organisations list. Alternatively, if you are certain that you would like to remove an organisation and are aware of the impact, make sure that there are no users or events still tied to this organisation before deleting it.';

export class OrganisationService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly settings: SettingsService,
  ) {}

  /**
   * scope local|external|all, and searchall over name, uuid and description. Only site admins
   * learn who created an organisation; Security.hide_organisation_index_from_users keeps the
   * index from everyone else.
   */
  index(auth: AuthUser, scope: string, search: string | undefined): Json[] {
    if (this.hidden(auth)) throw new DomainError('forbidden');
    return this.rows()
      .filter((org) => (scope === 'external' ? org.local === 0 : scope === 'all' ? true : org.local === 1))
      .filter(
        (org) => !search || [org.name, org.uuid, org.description].some((text) => like(text, `%${search}%`)),
      )
      .map((org) => ({ Organisation: this.viewJson(org, isSiteAdmin(auth)) }));
  }

  view(auth: AuthUser, ref: string | undefined): Json {
    const org = this.find(ref);
    if (this.hidden(auth) && !this.seenThroughEvents(auth, org.id))
      throw new DomainError('not-found', 'Invalid organisation');
    // Site admins see who created any organisation; org admins only for their own.
    const own = auth.role.perms.perm_admin && org.id === auth.org.id;
    return { Organisation: this.viewJson(org, isSiteAdmin(auth) || own) };
  }

  /**
   * Organisation::canSee under the hidden index: one's own organisation, and any organisation
   * that created an event one can see (users with perm_sharing_group see all of them).
   */
  private seenThroughEvents(auth: AuthUser, orgId: number): boolean {
    if (orgId === auth.org.id || auth.role.perms.perm_sharing_group) return true;
    const unpublishedPrivate = this.settings.bool('MISP.unpublishedprivate');
    const events = this.db.prepare('SELECT * FROM events WHERE orgc_id = ?').all(orgId) as EventRow[];
    const groups = new SharingGroupRepository(this.db);
    return events.some((event) =>
      canViewEvent(auth, event, unpublishedPrivate, (id) => groups.reaches(auth, id)),
    );
  }

  private hidden(auth: AuthUser): boolean {
    return !isSiteAdmin(auth) && this.settings.bool('Security.hide_organisation_index_from_users');
  }

  add(auth: AuthUser, body: Json): Json {
    const data = unwrap(body);
    const name = typeof data.name === 'string' ? data.name.trim() : '';
    const errors: Record<string, string[]> = {};
    if (name === '') errors.name = ['valueNotEmpty'];
    else if (this.byName(name)) errors.name = ['An organisation with this name already exists.'];
    const uuid = typeof data.uuid === 'string' && data.uuid !== '' ? data.uuid.toLowerCase() : randomUUID();
    if (this.db.prepare('SELECT 1 FROM organisations WHERE uuid = ?').get(uuid))
      errors.uuid = ['An organisation with this UUID already exists.'];
    if (Object.keys(errors).length > 0) throw saveFailed('add', '/admin/organisations/add', errors);
    const stamp = formatMispDate(this.now());
    const info = this.db
      .prepare(
        `INSERT INTO organisations (name, uuid, description, type, nationality, sector, contacts, landingpage,
           restricted_to_domain, created_by, local, date_created, date_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        name,
        uuid,
        text(data.description),
        text(data.type),
        text(data.nationality),
        text(data.sector),
        nullable(data.contacts),
        nullable(data.landingpage),
        domains(data.restricted_to_domain),
        auth.user.id,
        data.local === false || data.local === 0 || data.local === '0' ? 0 : 1,
        stamp,
        stamp,
      );
    return { Organisation: this.recordJson(this.find(String(info.lastInsertRowid))) };
  }

  edit(ref: string | undefined, body: Json): Json {
    const org = this.find(ref);
    const data = unwrap(body);
    const changes: Record<string, unknown> = {};
    if (typeof data.name === 'string' && data.name.trim() !== org.name) {
      const name = data.name.trim();
      if (name === '' || this.byName(name))
        throw saveFailed('edit', `/admin/organisations/edit/${org.id}`, {
          name: [name === '' ? 'valueNotEmpty' : 'An organisation with this name already exists.'],
        });
      changes.name = name;
    }
    for (const field of TEXT_FIELDS) if (data[field] !== undefined) changes[field] = text(data[field]);
    if (data.restricted_to_domain !== undefined)
      changes.restricted_to_domain = domains(data.restricted_to_domain);
    if (data.local !== undefined)
      changes.local = data.local === false || data.local === '0' || data.local === 0 ? 0 : 1;
    changes.date_modified = formatMispDate(this.now());
    const entries = Object.entries(changes);
    this.db
      .prepare(`UPDATE organisations SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), org.id);
    return { Organisation: this.recordJson(this.find(String(org.id))) };
  }

  delete(ref: string | undefined): OrganisationRow {
    const org = this.find(ref);
    const tied =
      this.db.prepare('SELECT 1 FROM users WHERE org_id = ?').get(org.id) ??
      this.db.prepare('SELECT 1 FROM events WHERE org_id = ? OR orgc_id = ?').get(org.id, org.id);
    if (tied || org.id === 1)
      throw saveFailed('delete', `/admin/organisations/delete/${org.id}`, NOT_DELETABLE);
    this.db.prepare('DELETE FROM organisations WHERE id = ?').run(org.id);
    return org;
  }

  private find(ref: string | undefined): OrganisationRow {
    const text = (ref ?? '').trim();
    const row = /^\d+$/.test(text)
      ? this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(Number(text))
      : this.db
          .prepare('SELECT * FROM organisations WHERE uuid = ? OR name = ?')
          .get(text.toLowerCase(), text);
    if (!row) throw new DomainError('not-found', 'Invalid organisation');
    return row as OrganisationRow;
  }

  private byName(name: string): OrganisationRow | undefined {
    return this.db.prepare('SELECT * FROM organisations WHERE lower(name) = lower(?)').get(name) as
      OrganisationRow | undefined;
  }

  private rows(): OrganisationRow[] {
    return this.db.prepare('SELECT * FROM organisations ORDER BY name').all() as OrganisationRow[];
  }

  /** The record as add and edit answer it (MISP 2.5.1 key set). */
  private recordJson(org: OrganisationRow): Json {
    return organisationJson(org);
  }

  /** view adds the user count (and for site admins the creator), and leaves out the landing page. */
  private viewJson(org: OrganisationRow, showCreator: boolean): Json {
    const { landingpage: _landing, created_by: createdBy, ...record } = this.recordJson(org);
    const users = this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE org_id = ?').get(org.id) as {
      n: number;
    };
    if (!showCreator) return { ...record, user_count: String(users.n) };
    const creator = this.db.prepare('SELECT email FROM users WHERE id = ?').get(org.created_by) as
      { email: string } | undefined;
    return {
      ...record,
      created_by: createdBy,
      created_by_email: creator?.email ?? '',
      user_count: String(users.n),
    };
  }
}

function unwrap(body: Json): Json {
  const inner = body.Organisation;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : body;
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function nullable(value: unknown): string | null {
  return value === undefined || value === null || value === '' ? null : String(value);
}

function domains(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? JSON.stringify(value.map(String)) : null;
  if (typeof value === 'string' && value.trim() !== '')
    return JSON.stringify(value.split(/[\s,]+/).filter(Boolean));
  return null;
}

function saveFailed(action: string, url: string, errors: unknown): DomainError {
  return new DomainError('save-failed', undefined, { action, model: 'Organisation', url, errors });
}
