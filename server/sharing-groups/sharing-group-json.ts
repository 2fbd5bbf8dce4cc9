/**
 * Sharing groups as MISP 2.5.1 answers them (recorded in
 * fixtures/misp-recordings/sharing-groups-2.5.1.jsonl): the saved record on add and edit, the
 * index entries with org_count, editable and deletable, and view with the full owner and
 * "Local instance" for server 0. Ids are strings and flags booleans, as MISP serialises them.
 */
import { organisationJson } from '../views/users/user-json.ts';
import type { OrgRow } from '../users/user-repository.ts';
import type {
  SharingGroupOrgRow,
  SharingGroupRepository,
  SharingGroupRow,
  SharingGroupServerRow,
} from './sharing-group-repository.ts';

type Json = Record<string, unknown>;

export function recordJson(sg: SharingGroupRow): Json {
  return {
    id: String(sg.id),
    name: sg.name,
    releasability: sg.releasability,
    description: sg.description,
    uuid: sg.uuid,
    organisation_uuid: sg.organisation_uuid,
    org_id: String(sg.org_id),
    sync_user_id: String(sg.sync_user_id),
    active: sg.active === 1,
    created: sg.created,
    modified: sg.modified,
    local: sg.local === 1,
    roaming: sg.roaming === 1,
  };
}

const briefOrg = (org: OrgRow | undefined): Json =>
  org ? { id: String(org.id), name: org.name, uuid: org.uuid } : {};

function memberJson(member: SharingGroupOrgRow, organisation: Json): Json {
  return {
    id: String(member.id),
    sharing_group_id: String(member.sharing_group_id),
    org_id: String(member.org_id),
    extend: member.extend === 1,
    Organisation: organisation,
  };
}

function serverJson(server: SharingGroupServerRow): Json {
  return {
    id: String(server.id),
    sharing_group_id: String(server.sharing_group_id),
    server_id: String(server.server_id),
    all_orgs: server.all_orgs === 1,
  };
}

/** Members whose organisation was deleted since are left out, as MISP's join leaves them. */
function members(repo: SharingGroupRepository, sg: SharingGroupRow): Array<[SharingGroupOrgRow, OrgRow]> {
  return repo
    .orgs(sg.id)
    .map((member) => [member, repo.org(member.org_id)] as const)
    .filter((pair): pair is [SharingGroupOrgRow, OrgRow] => pair[1] !== undefined);
}

/** The answer of sharingGroups/add and edit (fetchAllAuthorised, "simplified"). */
export function savedJson(repo: SharingGroupRepository, sg: SharingGroupRow): Json {
  return {
    SharingGroup: recordJson(sg),
    SharingGroupOrg: members(repo, sg).map(([member, org]) => memberJson(member, briefOrg(org))),
    SharingGroupServer: repo.servers(sg.id).map(serverJson),
    Organisation: briefOrg(repo.org(sg.org_id)),
  };
}

/** One entry of sharingGroups/index; without showOrgs the member and server lists are left out. */
export function indexEntryJson(
  repo: SharingGroupRepository,
  sg: SharingGroupRow,
  showOrgs: boolean,
  rights: { editable: boolean; deletable: boolean },
): Json {
  const entry: Json = {
    SharingGroup: {
      id: String(sg.id),
      uuid: sg.uuid,
      name: sg.name,
      description: sg.description,
      releasability: sg.releasability,
      local: sg.local === 1,
      active: sg.active === 1,
      roaming: sg.roaming === 1,
      org_count: String(repo.orgs(sg.id).length),
    },
    Organisation: briefOrg(repo.org(sg.org_id)),
  };
  if (showOrgs) {
    entry.SharingGroupOrg = members(repo, sg).map(([member, org]) => {
      const { Organisation: _brief, ...rest } = memberJson(member, {});
      return { ...rest, Organisation: { name: org.name, id: String(org.id), uuid: org.uuid } };
    });
    entry.SharingGroupServer = repo.servers(sg.id).map((server) => ({
      all_orgs: server.all_orgs === 1,
      server_id: String(server.server_id),
      sharing_group_id: String(server.sharing_group_id),
      Server: [],
    }));
  }
  return { ...entry, ...rights };
}

/** sharingGroups/view: the owner in full; org_count instead of the lists when orgs are hidden. */
export function viewJson(
  repo: SharingGroupRepository,
  sg: SharingGroupRow,
  showOrgs: boolean,
  localUrl: string,
): Json {
  const record: Json = recordJson(sg);
  if (!showOrgs) record.org_count = String(repo.orgs(sg.id).length);
  const syncUser = sg.sync_user_id ? repo.syncUserOrg(sg.sync_user_id) : undefined;
  if (sg.sync_user_id) {
    record.sync_org_name = syncUser?.name ?? 'N/A';
    if (syncUser) record.sync_org = briefOrg(syncUser);
  }
  const owner = repo.org(sg.org_id);
  const view: Json = { SharingGroup: record, Organisation: owner ? organisationJson(owner) : {} };
  if (!showOrgs) return view;
  view.SharingGroupOrg = members(repo, sg).map(([member, org]) =>
    memberJson(member, { ...briefOrg(org), local: org.local === 1 }),
  );
  view.SharingGroupServer = repo.servers(sg.id).map((server) => ({
    ...serverJson(server),
    Server: server.server_id === 0 ? { id: '0', name: 'Local instance', url: localUrl } : {},
  }));
  return view;
}

/** The group inside an event or attribute of distribution 4 (Event::fetchEvent). */
export function embeddedJson(repo: SharingGroupRepository, sg: SharingGroupRow): Json {
  const url = repo.localUrl();
  return {
    ...recordJson(sg),
    Organisation: briefOrg(repo.org(sg.org_id)),
    SharingGroupOrg: members(repo, sg).map(([member, org]) => memberJson(member, briefOrg(org))),
    SharingGroupServer: repo.servers(sg.id).map((server) => ({
      ...serverJson(server),
      Server: server.server_id === 0 ? { id: '0', url, name: url } : {},
    })),
  };
}
