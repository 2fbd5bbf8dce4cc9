/** MISP's default roles and permission flags (app/Model/Role.php, INSTALL/MYSQL.sql). */
export const PERMISSION_FLAGS = [
  'perm_add',
  'perm_modify',
  'perm_modify_org',
  'perm_publish',
  'perm_delegate',
  'perm_sync',
  'perm_admin',
  'perm_audit',
  'perm_auth',
  'perm_site_admin',
  'perm_regexp_access',
  'perm_tagger',
  'perm_template',
  'perm_sharing_group',
  'perm_tag_editor',
  'perm_sighting',
  'perm_object_template',
  'perm_publish_zmq',
  'perm_publish_kafka',
  'perm_decaying',
  'perm_galaxy_editor',
  'perm_warninglist',
  'perm_view_feed_correlations',
  'perm_analyst_data',
  'perm_skip_otp',
] as const;

export type PermissionFlag = (typeof PERMISSION_FLAGS)[number];
export type Permissions = Record<PermissionFlag, boolean>;

const none = (): Permissions => Object.fromEntries(PERMISSION_FLAGS.map((f) => [f, false])) as Permissions;
const withFlags = (...flags: PermissionFlag[]): Permissions => ({
  ...none(),
  ...Object.fromEntries(flags.map((f) => [f, true])),
});
const everything = (): Permissions => ({ ...withFlags(...PERMISSION_FLAGS), perm_skip_otp: false });

const USER_FLAGS: PermissionFlag[] = [
  'perm_add',
  'perm_modify',
  'perm_auth',
  'perm_tagger',
  'perm_sighting',
  'perm_analyst_data',
];

export interface RoleSeed {
  id: number;
  name: string;
  perms: Permissions;
  /** MISP's "permission" column: 0 read only, 1 add, 2 modify, 3 publish. */
  permission: number;
  default_role?: boolean;
}

export const DEFAULT_ROLES: readonly RoleSeed[] = [
  { id: 1, name: 'admin', perms: everything(), permission: 3 },
  {
    id: 2,
    name: 'Org Admin',
    perms: withFlags(
      ...USER_FLAGS,
      'perm_modify_org',
      'perm_publish',
      'perm_delegate',
      'perm_admin',
      'perm_audit',
      'perm_tag_editor',
      'perm_template',
      'perm_sharing_group',
      'perm_publish_zmq',
      'perm_publish_kafka',
    ),
    permission: 3,
  },
  { id: 3, name: 'User', perms: withFlags(...USER_FLAGS), permission: 3, default_role: true },
  {
    id: 4,
    name: 'Publisher',
    perms: withFlags(
      ...USER_FLAGS,
      'perm_modify_org',
      'perm_publish',
      'perm_delegate',
      'perm_publish_zmq',
      'perm_publish_kafka',
    ),
    permission: 3,
  },
  {
    id: 5,
    name: 'Sync user',
    perms: withFlags(
      ...USER_FLAGS,
      'perm_modify_org',
      'perm_publish',
      'perm_delegate',
      'perm_sync',
      'perm_tag_editor',
      'perm_sharing_group',
    ),
    permission: 3,
  },
  { id: 6, name: 'Read Only', perms: withFlags('perm_auth', 'perm_analyst_data'), permission: 0 },
];

export const PERMISSION_DESCRIPTION: Record<number, string> = {
  0: 'read only',
  1: 'add',
  2: 'modify',
  3: 'publish',
};
