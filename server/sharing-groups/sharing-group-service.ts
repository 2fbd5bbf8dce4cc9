/**
 * Sharing groups (SharingGroupsController add/edit/delete/index/view/addOrg/removeOrg/addServer/
 * removeServer over REST, PyMISP's *_sharing_group* calls) with MISP 2.5.1's rules and answers,
 * observed on a real MISP (fixtures/misp-recordings/sharing-groups-2.5.1.jsonl):
 * - add saves a non-local group owned by the caller's org (a taken name gets "_<n>" appended) and
 *   adds "this instance" as its server unless the group roams or names servers;
 * - edit changes name, releasability, description and roaming only for site admins and for sync
 *   users on a synced (non-local) group; anyone else allowed to extend gets the group unchanged;
 * - view and index show a group to its members (index: not to the owner alone) and hide the
 *   member lists from users without perm_sharing_group under hide_organisations_in_sharing_groups.
 * Other MISP instances (servers) do not exist here, so addServer answers as MISP does for an
 * unknown server, and a group naming a remote server is refused rather than saved without it.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DomainError } from '../domain-error.ts';
import { formatMispDate } from '../logs/log-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Db } from '../storage/db.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { OrgRow } from '../users/user-repository.ts';
import { indexEntryJson, savedJson, viewJson } from './sharing-group-json.ts';
import { isUuid, SharingGroupRepository, type SharingGroupRow } from './sharing-group-repository.ts';
import { HIDE_ORGS_IN_SHARING_GROUPS } from './sharing-group-settings.ts';

type Json = Record<string, unknown>;
const NOT_VISIBLE = 'Sharing group doesn&#039;t exist or you do not have permission to access it.'; // MISP escapes the quote in its JSON too
const COULD_NOT_SAVE = 'Could not save sharing group.';
const INDEX_PAGE = 60;

export class SharingGroupService {
  readonly repo: SharingGroupRepository;

  constructor(
    db: Db,
    private readonly now: () => number,
    private readonly settings: SettingsService,
  ) {
    this.repo = new SharingGroupRepository(db);
  }

  add(auth: AuthUser, body: Json): Json {
    const data = unwrap(body);
    if (data.uuid !== undefined && this.repo.find(String(data.uuid)))
      return this.edit(auth, String(data.uuid), body);
    const name = typeof data.name === 'string' ? data.name : '';
    const members = this.requestedMembers(data);
    if (name === '' || !this.mayCreate(auth, members) || !this.onlyLocalServers(data))
      throw saveFailed('add', '/sharing_groups/add', COULD_NOT_SAVE);
    const stamp = formatMispDate(this.now());
    const id = this.repo.insert({
      uuid: typeof data.uuid === 'string' && isUuid(data.uuid) ? data.uuid.toLowerCase() : randomUUID(),
      name: this.repo.nameTaken(name) ? `${name}_${randomInt(0, 10_000)}` : name,
      releasability: text(data.releasability),
      description: text(data.description),
      organisation_uuid: typeof data.organisation_uuid === 'string' ? data.organisation_uuid : auth.org.uuid,
      org_id: auth.org.id,
      sync_user_id: auth.user.id,
      active: data.active === undefined ? 1 : flag(data.active) ? 1 : 0,
      created: typeof data.created === 'string' ? data.created : stamp,
      modified: stamp,
      local: 0,
      roaming: flag(data.roaming) ? 1 : 0,
    });
    for (const member of members) this.repo.addOrg(id, member.org.id, member.extend);
    if (!flag(data.roaming)) this.repo.addLocalServer(id, this.localServerAllOrgs(data));
    return this.savedAnswer(auth, id);
  }

  edit(auth: AuthUser, ref: string | undefined, body: Json): Json {
    const sg = this.repo.find(ref);
    if (!ref || !sg) throw new DomainError('not-found', 'Invalid sharing group.');
    if (!this.repo.canExtend(auth, sg)) throw new DomainError('not-allowed', 'Action not allowed.');
    const data = unwrap(body);
    const perms = auth.role.perms;
    if (!this.repo.canSee(auth, sg) && !perms.perm_sync)
      throw saveFailed('add', '/sharing_groups/add', COULD_NOT_SAVE);
    const newer = typeof data.modified !== 'string' || data.modified > sg.modified;
    // MISP 2.5.1 compares the owner through a key its record does not have, so owning is not enough.
    const updatable = perms.perm_site_admin || (perms.perm_sync && sg.local === 0);
    if (newer && updatable) {
      if (!this.onlyLocalServers(data)) throw saveFailed('add', '/sharing_groups/add', COULD_NOT_SAVE);
      const changed: SharingGroupRow = { ...sg, modified: formatMispDate(this.now()) };
      if (data.name !== undefined) changed.name = text(data.name);
      if (data.releasability !== undefined) changed.releasability = text(data.releasability);
      if (data.description !== undefined) changed.description = text(data.description);
      if (typeof data.created === 'string') changed.created = data.created;
      if (data.roaming !== undefined) changed.roaming = flag(data.roaming) ? 1 : 0;
      this.repo.update(changed);
      const current = this.repo.orgs(sg.id);
      for (const member of this.requestedMembers(data)) {
        const existing = current.find((row) => row.org_id === member.org.id);
        if (!existing) this.repo.addOrg(sg.id, member.org.id, member.extend);
        else if ((existing.extend === 1) !== member.extend) this.repo.setExtend(existing.id, member.extend);
      }
    }
    return this.savedAnswer(auth, sg.id);
  }

  delete(auth: AuthUser, ref: string | undefined): SharingGroupRow {
    const sg = this.repo.find(ref);
    if (!sg || !this.repo.owns(auth, sg)) throw new DomainError('not-allowed', 'Action not allowed.');
    if (this.repo.inUse(sg.id))
      throw new DomainError('save-failed', 'The sharing group could not be deleted.', {
        action: 'delete',
        model: 'SharingGroup',
        url: `/sharing_groups/delete/${ref}`,
        id: ref,
      });
    this.repo.delete(sg.id);
    return sg;
  }

  /** Active groups (or, with passive, inactive ones) the caller may list, by name, 60 a page. */
  index(
    auth: AuthUser,
    options: { passive: boolean; value?: string; limit?: string; page?: string },
  ): Json[] {
    const showOrgs = this.showOrgs(auth);
    const term = options.value?.toLowerCase();
    const limit = positive(options.limit) ?? INDEX_PAGE;
    const page = positive(options.page) ?? 1;
    return this.repo
      .all()
      .filter((sg) => this.repo.listable(auth, sg) && sg.active === (options.passive ? 0 : 1))
      .filter((sg) => term === undefined || this.matches(sg, term, showOrgs))
      .slice((page - 1) * limit, page * limit)
      .map((sg) => indexEntryJson(this.repo, sg, showOrgs, this.rights(auth, sg)));
  }

  /** HEAD asks only whether the caller may see the group (200 or 404). */
  exists(auth: AuthUser, ref: string | undefined): boolean {
    const sg = this.repo.find(ref);
    return sg !== undefined && this.repo.canSee(auth, sg);
  }

  view(auth: AuthUser, ref: string | undefined): Json {
    const sg = this.repo.find(ref);
    if (!sg || !this.repo.canSee(auth, sg)) throw new DomainError('not-allowed', NOT_VISIBLE);
    return viewJson(this.repo, sg, this.showOrgs(auth), this.localUrl());
  }

  addOrg(auth: AuthUser, pass: readonly string[], body: Json): string {
    const sg = this.editableGroup(auth, pass[0], body);
    const org = this.memberOrg(pass[1], body);
    const extend = body.extend !== undefined ? flag(body.extend) : flag(pass[2]);
    if (this.repo.orgs(sg.id).some((member) => member.org_id === org.id))
      throw saveFailed(
        'add Organisation to',
        '/sharing_groups/addOrg',
        'Organisation is already in the sharing group.',
      );
    this.repo.addOrg(sg.id, org.id, extend);
    return 'Organisation added to the sharing group.';
  }

  removeOrg(auth: AuthUser, pass: readonly string[], body: Json): string {
    const sg = this.editableGroup(auth, pass[0], body);
    const org = this.memberOrg(pass[1], body);
    const member = this.repo.orgs(sg.id).find((row) => row.org_id === org.id);
    if (!member)
      throw saveFailed(
        'remove Organisation from',
        '/sharing_groups/removeOrg',
        'Organisation is not in the sharing group.',
      );
    this.repo.removeOrg(member.id);
    return 'Organisation removed from the sharing group.';
  }

  /** No other MISP instance is known here, so every server is one MISP would call invalid. */
  addOrRemoveServer(auth: AuthUser, pass: readonly string[], body: Json): never {
    this.editableGroup(auth, pass[0], body);
    throw new DomainError('not-allowed', 'Invalid Server.');
  }

  /** SharingGroupsController::__initialiseSGQuickEdit. */
  private editableGroup(auth: AuthUser, passed: string | undefined, body: Json): SharingGroupRow {
    const ref = passed || ['sg_id', 'sg_uuid', 'id', 'uuid'].map((key) => body[key]).find((value) => !!value);
    if (!ref) throw new DomainError('not-allowed', 'No valid sharing group ID provided.');
    const sg = this.repo.find(String(ref));
    if (!sg || !this.repo.canExtend(auth, sg))
      throw new DomainError('not-allowed', 'Invalid sharing group or no editing rights.');
    return sg;
  }

  private memberOrg(passed: string | undefined, body: Json): OrgRow {
    const ref = passed || ['org_id', 'org_uuid', 'org_name'].map((key) => body[key]).find((value) => !!value);
    const org = this.repo.findOrg(ref);
    if (!org) throw new DomainError('not-allowed', 'Invalid organisation.');
    return org;
  }

  /**
   * SharingGroup::checkIfAuthorisedToSave for a new group: site admins always; others only when
   * their own org is among the members with extend (or they sync).
   */
  private mayCreate(auth: AuthUser, members: Array<{ org: OrgRow; extend: boolean }>): boolean {
    if (auth.role.perms.perm_site_admin) return true;
    return members.some((m) => m.org.id === auth.org.id && (auth.role.perms.perm_sync || m.extend));
  }

  /** SharingGroupOrg entries, {Organisation: {...}} or flat, of organisations known here. */
  private requestedMembers(data: Json): Array<{ org: OrgRow; extend: boolean }> {
    const list = data.SharingGroupOrg ?? data.Organisation;
    const entries = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
    const members: Array<{ org: OrgRow; extend: boolean }> = [];
    for (const entry of entries as Json[]) {
      const inner = (Array.isArray(entry.Organisation) ? entry.Organisation[0] : entry.Organisation) as
        Json | undefined;
      const source = inner ?? entry;
      const org = this.repo.findOrg(source.uuid ?? source.id ?? source.name);
      if (!org) throw saveFailed('add', '/sharing_groups/add', COULD_NOT_SAVE);
      members.push({ org, extend: flag(entry.extend) });
    }
    return members;
  }

  /** Servers other than this instance cannot be stored here: refuse instead of dropping them. */
  private onlyLocalServers(data: Json): boolean {
    const servers = data.SharingGroupServer;
    if (!Array.isArray(servers)) return true;
    return (servers as Json[]).every((entry) => this.isLocalServer(entry));
  }

  private isLocalServer(entry: Json): boolean {
    const server = (entry.Server ?? entry) as Json;
    if (String(server.id ?? entry.server_id ?? '') === '0') return true;
    return typeof server.url === 'string' && server.url === this.localUrl();
  }

  private localServerAllOrgs(data: Json): boolean {
    const servers = data.SharingGroupServer;
    if (!Array.isArray(servers)) return false;
    return (servers as Json[]).some((entry) => this.isLocalServer(entry) && flag(entry.all_orgs));
  }

  private savedAnswer(auth: AuthUser, id: number): Json {
    const sg = this.repo.find(id)!;
    return this.repo.listable(auth, sg) || this.repo.canSee(auth, sg) ? savedJson(this.repo, sg) : {};
  }

  private rights(auth: AuthUser, sg: SharingGroupRow): { editable: boolean; deletable: boolean } {
    const perms = auth.role.perms;
    if (
      perms.perm_site_admin ||
      (perms.perm_sharing_group && this.repo.org(sg.org_id)?.uuid === auth.org.uuid)
    )
      return { editable: true, deletable: true };
    const extends_ =
      perms.perm_sharing_group &&
      this.repo.orgs(sg.id).some((m) => m.extend === 1 && m.org_id === auth.org.id);
    return { editable: extends_, deletable: false };
  }

  private matches(sg: SharingGroupRow, term: string, showOrgs: boolean): boolean {
    const owner = this.repo.org(sg.org_id)?.name ?? '';
    const texts = [sg.uuid, sg.name, sg.description, sg.releasability, owner];
    if (showOrgs)
      for (const member of this.repo.orgs(sg.id)) {
        const org = this.repo.org(member.org_id);
        if (org) texts.push(org.uuid, org.name);
      }
    return texts.some((value) => value.toLowerCase().includes(term));
  }

  private showOrgs(auth: AuthUser): boolean {
    return auth.role.perms.perm_sharing_group || !this.settings.bool(HIDE_ORGS_IN_SHARING_GROUPS);
  }

  private localUrl(): string {
    return this.repo.localUrl();
  }
}

function unwrap(body: Json): Json {
  const inner = body.SharingGroup;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : body;
}

function saveFailed(action: string, url: string, errors: string): DomainError {
  return new DomainError('save-failed', errors, { action, model: 'SharingGroup', url, errors });
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
