/**
 * Per-user settings (MISP's UserSetting model and UserSettingsController): a JSON value per user
 * and setting name, from MISP 2.5.1's list of valid names. Site admins reach everyone's, org
 * admins their organisation's users', others their own; a setting someone may not reach is
 * answered as if it did not exist. The "oidc" setting is internal (site admins only) and
 * "dashboard_access" needs perm_site_admin, as in MISP.
 */
import { DomainError } from '../domain-error.ts';
import type { Db } from '../storage/db.ts';
import type { AuthUser } from './current-user.ts';
import type { UserRepository } from './user-repository.ts';

const VALID_SETTINGS = new Set([
  'publish_alert_filter',
  'dashboard_access',
  'dashboard',
  'homepage',
  'default_restsearch_parameters',
  'tag_numerical_value_override',
  'event_index_hide_columns',
  'oidc',
  'periodic_notification_filters',
]);
const INTERNAL = new Set(['oidc']);
const SITE_ADMIN_ONLY = new Set(['dashboard_access']);

interface UserSettingRow {
  id: number;
  setting: string;
  value: string;
  user_id: number;
  timestamp: number;
}

export interface UserSettingJson {
  id: string;
  setting: string;
  value: unknown;
  user_id: string;
  timestamp: string;
}

export class UserSettingService {
  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** setSetting: `user_id` applies only for admins allowed to manage that user, else it is the caller's. */
  set(me: AuthUser, input: { setting: unknown; value: unknown; user_id?: unknown }): UserSettingJson {
    const setting = typeof input.setting === 'string' ? input.setting : '';
    if (setting === '')
      throw new DomainError('not-allowed', 'This endpoint expects both a setting and a value to be set.');
    if (!VALID_SETTINGS.has(setting)) throw new DomainError('not-allowed', 'Invalid setting.');
    this.checkRestricted(me, setting);
    const target = this.users.findById(Number(input.user_id));
    const admin =
      me.role.perms.perm_site_admin || (me.role.perms.perm_admin && target?.org_id === me.user.org_id);
    const userId = target && admin ? target.id : me.user.id;
    const stored = storedValue(input.value);
    const timestamp = Math.floor(this.now() / 1000);
    this.db
      .prepare(
        `INSERT INTO user_settings (setting, value, user_id, timestamp) VALUES (?,?,?,?)
         ON CONFLICT (user_id, setting) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp`,
      )
      .run(setting, stored, userId, timestamp);
    return settingJson(this.find(userId, setting)!);
  }

  /** getSetting: 404 "Invalid setting." for unknown names, missing values and other people's. */
  get(me: AuthUser, input: { setting: unknown; user_id?: unknown }): UserSettingJson {
    const setting = typeof input.setting === 'string' ? input.setting : '';
    if (setting === '') throw new DomainError('bad-request', 'No setting name provided.');
    const userId = input.user_id === undefined || input.user_id === null ? me.user.id : Number(input.user_id);
    if (!VALID_SETTINGS.has(setting) || INTERNAL.has(setting))
      throw new DomainError('not-found', 'Invalid setting.');
    const row = Number.isInteger(userId) ? this.find(userId, setting) : undefined;
    if (!row || !this.mayReach(me, row)) throw new DomainError('not-found', 'Invalid setting.');
    return settingJson(row);
  }

  /** delete by name (for `user_id`, or the caller) or by id; returns the deleted row's id. */
  delete(me: AuthUser, ref: { id?: string; setting?: unknown; user_id?: unknown }): number {
    let row: UserSettingRow | undefined;
    if (ref.id !== undefined) {
      if (!/^\d+$/.test(ref.id)) throw new DomainError('bad-request', 'Invalid ID passed.');
      row = this.db.prepare('SELECT * FROM user_settings WHERE id = ?').get(Number(ref.id)) as
        UserSettingRow | undefined;
    } else {
      if (typeof ref.setting !== 'string' || ref.setting === '')
        throw new DomainError('bad-request', 'No setting name to delete provided.');
      const named = ref.user_id !== undefined && ref.user_id !== null && ref.user_id !== '';
      row = this.find(named ? Number(ref.user_id) : me.user.id, ref.setting);
    }
    if (!row || !this.mayReach(me, row)) throw new DomainError('not-found', 'Invalid user setting.');
    this.checkRestricted(me, row.setting);
    this.db.prepare('DELETE FROM user_settings WHERE id = ?').run(row.id);
    return row.id;
  }

  private find(userId: number, setting: string): UserSettingRow | undefined {
    return this.db
      .prepare('SELECT * FROM user_settings WHERE user_id = ? AND setting = ?')
      .get(userId, setting) as UserSettingRow | undefined;
  }

  /** UserSetting::checkAccess. */
  private mayReach(me: AuthUser, row: UserSettingRow): boolean {
    if (INTERNAL.has(row.setting) && !me.role.perms.perm_site_admin) return false;
    if (me.role.perms.perm_site_admin) return true;
    if (me.role.perms.perm_admin) return this.users.findById(row.user_id)?.org_id === me.user.org_id;
    return row.user_id === me.user.id;
  }

  /** UserSetting::checkSettingAccess: internal settings are never set through the API. */
  private checkRestricted(me: AuthUser, setting: string): void {
    if (INTERNAL.has(setting) || (SITE_ADMIN_ONLY.has(setting) && !me.role.perms.perm_site_admin))
      throw new DomainError(
        'not-allowed',
        'This setting is restricted and requires the following permission(s): site_admin',
      );
  }
}

/** UserSetting::beforeSave: arrays become JSON, an empty value becomes "[]"; strings are kept as sent. */
function storedValue(value: unknown): string {
  if (value === undefined || value === null || value === '' || value === 'null') return '[]';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** UserSetting::afterFind decodes the stored JSON (a value that is not JSON reads as null). */
function settingJson(row: UserSettingRow): UserSettingJson {
  return {
    id: String(row.id),
    setting: row.setting,
    value: decoded(row.value),
    user_id: String(row.user_id),
    timestamp: String(row.timestamp),
  };
}

function decoded(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
