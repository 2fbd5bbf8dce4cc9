/**
 * The user JSON of /users/view/me.json and /admin/users/view/<id>.json, key for key as a real
 * MISP 2.5.1 answers it (shared/spec/misp-samples/users-view-me.json): ids and counters as strings,
 * tinyint flags as booleans, User.totp always "*****", totp_is_set "0"/"1".
 */
import type { ServerServices } from '../../services.ts';
import type { OrgRow, RoleRow, UserRow } from '../../users/user-repository.ts';
import { PERMISSION_DESCRIPTION } from '../../users/roles.ts';

const str = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

export function userRecordJson(user: UserRow): Record<string, unknown> {
  return {
    id: String(user.id),
    password: '*****',
    org_id: String(user.org_id),
    email: user.email,
    autoalert: user.autoalert === 1,
    invited_by: String(user.invited_by),
    gpgkey: user.gpgkey ?? null,
    certif_public: '',
    nids_sid: String(user.nids_sid),
    termsaccepted: user.termsaccepted === 1,
    newsread: '0',
    role_id: String(user.role_id),
    change_pw: user.change_pw === 1,
    contactalert: user.contactalert === 1,
    disabled: user.disabled === 1,
    expiration: null,
    current_login: String(user.current_login),
    last_login: String(user.last_login),
    force_logout: false,
    date_created: str(user.date_created),
    date_modified: str(user.date_modified),
    sub: null,
    external_auth_required: false,
    external_auth_key: user.external_auth_key ?? null,
    last_api_access: String(user.last_api_access),
    notification_daily: false,
    notification_weekly: false,
    notification_monthly: false,
    totp: '*****',
    hotp_counter: str(user.hotp_counter),
    last_pw_change: str(user.last_pw_change),
    totp_is_set: user.totp ? '1' : '0',
  };
}

export function roleJson(role: RoleRow): Record<string, unknown> {
  const p = role.perms;
  return {
    id: String(role.id),
    name: role.name,
    created: role.created,
    modified: role.modified,
    perm_add: p.perm_add,
    perm_modify: p.perm_modify,
    perm_modify_org: p.perm_modify_org,
    perm_publish: p.perm_publish,
    perm_delegate: p.perm_delegate,
    perm_sync: p.perm_sync,
    perm_admin: p.perm_admin,
    perm_audit: p.perm_audit,
    perm_auth: p.perm_auth,
    perm_site_admin: p.perm_site_admin,
    perm_regexp_access: p.perm_regexp_access,
    perm_tagger: p.perm_tagger,
    perm_template: p.perm_template,
    perm_sharing_group: p.perm_sharing_group,
    perm_tag_editor: p.perm_tag_editor,
    perm_sighting: p.perm_sighting,
    perm_object_template: p.perm_object_template,
    default_role: role.default_role === 1,
    memory_limit: role.memory_limit ?? null,
    max_execution_time: role.max_execution_time ?? null,
    restricted_to_site_admin: false,
    perm_publish_zmq: p.perm_publish_zmq,
    perm_publish_kafka: p.perm_publish_kafka,
    perm_decaying: p.perm_decaying,
    enforce_rate_limit: false,
    rate_limit_count: '0',
    perm_galaxy_editor: p.perm_galaxy_editor,
    perm_warninglist: p.perm_warninglist,
    perm_view_feed_correlations: p.perm_view_feed_correlations,
    perm_analyst_data: p.perm_analyst_data,
    perm_skip_otp: p.perm_skip_otp,
    permission: String(role.permission),
    permission_description: PERMISSION_DESCRIPTION[role.permission] ?? 'read only',
  };
}

export function organisationJson(org: OrgRow): Record<string, unknown> {
  return {
    id: String(org.id),
    name: org.name,
    date_created: org.date_created,
    date_modified: org.date_modified,
    description: org.description,
    type: org.type,
    nationality: org.nationality,
    sector: org.sector,
    created_by: String(org.created_by),
    uuid: org.uuid,
    contacts: org.contacts ?? null,
    local: org.local === 1,
    restricted_to_domain: org.restricted_to_domain
      ? (JSON.parse(org.restricted_to_domain) as string[])
      : null,
    landingpage: org.landingpage ?? null,
  };
}

/** {User, Role, UserSetting, Organisation}: the answer of users/view and admin/users/view. */
export function userViewJson(services: ServerServices, user: UserRow): Record<string, unknown> {
  const role = services.users.role(user.role_id);
  const org = services.users.org(user.org_id);
  return {
    User: userRecordJson(user),
    Role: role ? roleJson(role) : {},
    UserSetting: [],
    Organisation: org ? organisationJson(org) : {},
  };
}

/** One row of /admin/users/index.json: MISP drops totp there, keeps totp_is_set. */
export function userIndexEntryJson(services: ServerServices, user: UserRow): Record<string, unknown> {
  const record = userRecordJson(user);
  delete record.totp;
  const role = services.users.role(user.role_id);
  const org = services.users.org(user.org_id);
  return {
    User: record,
    Role: role
      ? {
          id: String(role.id),
          name: role.name,
          perm_auth: role.perms.perm_auth,
          perm_site_admin: role.perms.perm_site_admin,
        }
      : {},
    Organisation: org ? { id: String(org.id), uuid: org.uuid, name: org.name } : {},
  };
}
