/**
 * Storage of sharing groups (MISP's SharingGroup, SharingGroupOrg, SharingGroupServer), and the
 * access questions MISP 2.5.1's SharingGroup model answers over it: who sees a group, who may
 * extend (edit) it, who owns it. No HTTP here; the service turns "no" into MISP's refusals.
 */
import type { Db } from '../storage/db.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { OrgRow } from '../users/user-repository.ts';

export interface SharingGroupRow {
  id: number;
  uuid: string;
  name: string;
  releasability: string;
  description: string;
  organisation_uuid: string;
  org_id: number;
  sync_user_id: number;
  active: number;
  created: string;
  modified: string;
  local: number;
  roaming: number;
}

export interface SharingGroupOrgRow {
  id: number;
  sharing_group_id: number;
  org_id: number;
  extend: number;
}

export interface SharingGroupServerRow {
  id: number;
  sharing_group_id: number;
  server_id: number;
  all_orgs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string): boolean => UUID.test(text);

export class SharingGroupRepository {
  constructor(private readonly db: Db) {}

  /** By id or uuid, as every sharing-group action of MISP takes either. */
  find(ref: string | number | undefined): SharingGroupRow | undefined {
    const text = String(ref ?? '').trim();
    if (isUuid(text))
      return this.db.prepare('SELECT * FROM sharing_groups WHERE uuid = ?').get(text.toLowerCase()) as
        SharingGroupRow | undefined;
    if (!/^\d+$/.test(text)) return undefined;
    return this.db.prepare('SELECT * FROM sharing_groups WHERE id = ?').get(Number(text)) as
      SharingGroupRow | undefined;
  }

  all(): SharingGroupRow[] {
    return this.db.prepare('SELECT * FROM sharing_groups ORDER BY name, id').all() as SharingGroupRow[];
  }

  nameTaken(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM sharing_groups WHERE name = ?').get(name) !== undefined;
  }

  insert(row: Omit<SharingGroupRow, 'id'>): number {
    const info = this.db
      .prepare(
        `INSERT INTO sharing_groups (uuid, name, releasability, description, organisation_uuid, org_id, sync_user_id,
           active, created, modified, local, roaming) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        row.uuid,
        row.name,
        row.releasability,
        row.description,
        row.organisation_uuid,
        row.org_id,
        row.sync_user_id,
        row.active,
        row.created,
        row.modified,
        row.local,
        row.roaming,
      );
    return Number(info.lastInsertRowid);
  }

  update(row: SharingGroupRow): void {
    this.db
      .prepare(
        'UPDATE sharing_groups SET name = ?, releasability = ?, description = ?, created = ?, modified = ?, roaming = ? WHERE id = ?',
      )
      .run(row.name, row.releasability, row.description, row.created, row.modified, row.roaming, row.id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM sharing_groups WHERE id = ?').run(id);
  }

  orgs(sgId: number): SharingGroupOrgRow[] {
    return this.db
      .prepare('SELECT * FROM sharing_group_orgs WHERE sharing_group_id = ? ORDER BY id')
      .all(sgId) as SharingGroupOrgRow[];
  }

  servers(sgId: number): SharingGroupServerRow[] {
    return this.db
      .prepare('SELECT * FROM sharing_group_servers WHERE sharing_group_id = ? ORDER BY id')
      .all(sgId) as SharingGroupServerRow[];
  }

  addOrg(sgId: number, orgId: number, extend: boolean): void {
    this.db
      .prepare('INSERT INTO sharing_group_orgs (sharing_group_id, org_id, extend) VALUES (?,?,?)')
      .run(sgId, orgId, extend ? 1 : 0);
  }

  setExtend(memberId: number, extend: boolean): void {
    this.db.prepare('UPDATE sharing_group_orgs SET extend = ? WHERE id = ?').run(extend ? 1 : 0, memberId);
  }

  removeOrg(memberId: number): void {
    this.db.prepare('DELETE FROM sharing_group_orgs WHERE id = ?').run(memberId);
  }

  addLocalServer(sgId: number, allOrgs: boolean): void {
    this.db
      .prepare('INSERT INTO sharing_group_servers (sharing_group_id, server_id, all_orgs) VALUES (?, 0, ?)')
      .run(sgId, allOrgs ? 1 : 0);
  }

  /** Events, attributes and objects keep a group alive (SharingGroup::beforeDelete). */
  inUse(sgId: number): boolean {
    return ['events', 'attributes', 'objects'].some(
      (table) =>
        this.db.prepare(`SELECT 1 FROM ${table} WHERE sharing_group_id = ? LIMIT 1`).get(sgId) !== undefined,
    );
  }

  org(id: number): OrgRow | undefined {
    return this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as OrgRow | undefined;
  }

  /**
   * MISP.external_baseurl, else MISP.baseurl, as the settings store keeps them (JSON values):
   * event views are built from the database alone.
   */
  localUrl(): string {
    for (const name of ['MISP.external_baseurl', 'MISP.baseurl']) {
      const row = this.db.prepare('SELECT value FROM system_settings WHERE setting = ?').get(name) as
        { value: string } | undefined;
      const value = row ? (JSON.parse(row.value) as unknown) : '';
      if (typeof value === 'string' && value !== '') return value;
    }
    return '';
  }

  /** The organisation of the user that saved or synced the group in (view's sync_org). */
  syncUserOrg(userId: number): OrgRow | undefined {
    return this.db
      .prepare(
        'SELECT organisations.* FROM users JOIN organisations ON organisations.id = users.org_id WHERE users.id = ?',
      )
      .get(userId) as OrgRow | undefined;
  }

  /** Organisation::fetchOrg: by id, uuid or name. */
  findOrg(ref: unknown): OrgRow | undefined {
    const text = String(ref ?? '').trim();
    if (text === '') return undefined;
    if (/^\d+$/.test(text)) return this.org(Number(text));
    return this.db
      .prepare('SELECT * FROM organisations WHERE uuid = ? OR name = ?')
      .get(text.toLowerCase(), text) as OrgRow | undefined;
  }

  /** SharingGroup::checkIfAuthorised: site admins, the owning org, member orgs, or "all orgs of this instance". */
  canSee(auth: AuthUser, sg: SharingGroupRow): boolean {
    if (auth.role.perms.perm_site_admin || sg.org_id === auth.org.id) return true;
    return this.visibleToMembers(auth, sg.id);
  }

  /** SharingGroup::authorizedIds, what the index lists: unlike view, owning alone is not enough. */
  listable(auth: AuthUser, sg: SharingGroupRow): boolean {
    return auth.role.perms.perm_site_admin || this.visibleToMembers(auth, sg.id);
  }

  /** Whether an event or attribute shared with group sgId reaches the caller (Event::createEventConditions). */
  reaches(auth: AuthUser, sgId: number): boolean {
    return auth.role.perms.perm_site_admin || this.visibleToMembers(auth, sgId);
  }

  /** SharingGroup::checkIfOwner. */
  owns(auth: AuthUser, sg: SharingGroupRow): boolean {
    return auth.role.perms.perm_site_admin || sg.org_id === auth.org.id;
  }

  /**
   * SharingGroup::checkIfAuthorisedExtend: site admins; with perm_sharing_group the owning org,
   * the sync user that brought the group in, and member orgs with the extend flag.
   */
  canExtend(auth: AuthUser, sg: SharingGroupRow): boolean {
    const perms = auth.role.perms;
    if (perms.perm_site_admin) return true;
    if (!perms.perm_sharing_group) return false;
    if (this.owns(auth, sg)) return true;
    if (perms.perm_sync && sg.sync_user_id === auth.user.id) return true;
    return this.orgs(sg.id).some((member) => member.org_id === auth.org.id && member.extend === 1);
  }

  private visibleToMembers(auth: AuthUser, sgId: number): boolean {
    if (this.servers(sgId).some((server) => server.server_id === 0 && server.all_orgs === 1)) return true;
    return this.orgs(sgId).some((member) => member.org_id === auth.org.id);
  }
}
