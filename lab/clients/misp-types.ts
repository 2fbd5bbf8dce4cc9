/**
 * The JSON MISP 2.5.1 answers, as far as the harness reads it (fields it ignores are left out).
 * MISP sends ids as strings, sometimes as numbers (the reference server's answers too), so ids
 * are typed `string | number` where both were seen.
 */

export type MispId = string | number;

export interface UserJson {
  id?: MispId;
  email?: string;
  authkey?: string;
  role_id?: MispId;
  /** "0"/"1" on real MISP, a boolean elsewhere. */
  totp_is_set?: unknown;
  /** Paper tokens used so far (MISP answers it as a string). */
  hotp_counter?: string | null;
}

export interface NewUser {
  email: string;
  password: string;
  change_pw: boolean;
  role_id?: string;
}

export interface NewRole {
  name: string;
  permission: string;
  perm_auth: boolean;
  perm_skip_otp: boolean;
}

export interface RoleJson {
  id?: MispId;
  name?: string;
  perm_skip_otp?: boolean;
}

export interface SettingJson {
  value?: unknown;
  [field: string]: unknown;
}

export interface SavedAnswer {
  saved?: boolean;
  success?: boolean | string;
  message?: string;
  name?: string;
  errors?: unknown;
}

export interface EventAttribute {
  id: string;
  uuid: string;
  type: string;
  value: string;
  to_ids: boolean;
  object_id?: string;
  object_relation?: string | null;
  Tag?: Array<{ name: string }>;
}

export interface EventJson {
  id: string;
  uuid: string;
  info: string;
  distribution: string;
  published: boolean;
  publish_timestamp: string;
  Attribute?: EventAttribute[];
  Object?: Array<{ id: string; name: string; Attribute?: EventAttribute[] }>;
  Tag?: Array<{ name: string }>;
}

export interface NewAttribute {
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  comment?: string;
  object_relation?: string;
}

export interface NewEvent {
  info: string;
  threat_level_id: string;
  analysis: string;
  distribution: string;
}

export type NewObject = Record<string, unknown> & { name: string; Attribute: NewAttribute[] };

export interface TagJson {
  id?: MispId;
  name: string;
}

export interface LogEntry {
  id: string;
  title: string;
  model: string;
  model_id: string;
  action: string;
  change?: string;
  email?: string;
  created?: string;
}

/** Filters of the log search (PyMISP's search_logs); `title` takes SQL LIKE wildcards (%). */
export interface LogFilter {
  model?: string;
  model_id?: string;
  action?: string;
  title?: string;
}

export type JobJson = Record<string, unknown>;

/** A workflow as MISP stores it: `data` is the Drawflow graph, a JSON string or already parsed. */
export interface WorkflowJson {
  id: MispId;
  name: string;
  description?: string;
  trigger_id: string;
  counter?: string;
  data: unknown;
}

/** A module config as MISP's JSON lists it (only the fields the harness reads). */
export interface ModuleConfig {
  id: string;
  name: string;
  module_type: 'trigger' | 'logic' | 'action';
  version?: string;
  disabled?: boolean;
  blocking?: boolean;
  inputs?: number;
  outputs?: number;
  html_template?: string;
  multiple_output_connection?: boolean;
  expect_misp_core_format?: boolean;
  params?: Array<{ id: string; label?: string; default?: unknown }>;
  Workflow?: { id: MispId } | null;
}

export interface BlueprintJson {
  id: string;
  name: string;
  /** The blueprint's nodes, a JSON string or already parsed. */
  data: unknown;
}

/** One setting of /servers/serverSettings.json's finalSettings (secrets shown as "*****"). */
export interface SettingRowJson {
  setting: string;
  value?: unknown;
  type?: string;
  level?: number;
}

/** A worker queue of serverSettings.json: `ok` and each worker's `alive` as MISP checked them. */
export interface WorkerQueueJson {
  ok?: boolean;
  workers?: Array<{ alive?: boolean }>;
}

/** What the posture audit reads from /servers/serverSettings.json (real MISP sends more). */
export interface ServerSettingsJson {
  finalSettings?: SettingRowJson[];
  workers?: Record<string, WorkerQueueJson>;
}

/** A row of /admin/users/index.json (only what the posture audit reads). */
export interface UserIndexRow {
  User?: UserJson & { disabled?: boolean; last_login?: MispId; current_login?: MispId };
  Role?: RoleJson & { perm_site_admin?: boolean; perm_admin?: boolean };
}

/** A row of /auth_keys/index: times are unix seconds as strings, expiration "0" means never. */
export interface AuthKeyRow {
  AuthKey?: {
    id?: MispId;
    created?: MispId;
    expiration?: MispId;
    read_only?: boolean;
    allowed_ips?: unknown;
    user_id?: MispId;
  };
  User?: { id?: MispId; email?: string };
}
