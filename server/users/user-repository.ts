/** Users, organisations and roles as rows; the only place that writes those tables. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { formatMispDate } from '../logs/log-service.ts';
import { hashAuthKey, hashPassword } from '../auth/secrets.ts';
import { AuthKeyRepository, type AuthKeyRow } from './auth-key-repository.ts';
import { DEFAULT_ROLES, PERMISSION_FLAGS, type Permissions } from './roles.ts';

export interface OrgRow {
  id: number;
  name: string;
  uuid: string;
  description: string;
  type: string;
  nationality: string;
  sector: string;
  created_by: number;
  local: number;
  date_created: string;
  date_modified: string;
  /** Columns of migration 007 (the organisations API). */
  contacts?: string | null;
  restricted_to_domain?: string | null;
  landingpage?: string | null;
}

export interface RoleRow {
  id: number;
  name: string;
  created: string;
  modified: string;
  perms: Permissions;
  permission: number;
  default_role: number;
  memory_limit: string | null;
  max_execution_time: string | null;
}

export interface UserRow {
  id: number;
  email: string;
  password: string;
  org_id: number;
  role_id: number;
  authkey_hash: string | null;
  authkey_start: string | null;
  authkey_end: string | null;
  totp: string | null;
  hotp_counter: number | null;
  change_pw: number;
  disabled: number;
  autoalert: number;
  contactalert: number;
  termsaccepted: number;
  invited_by: number;
  nids_sid: number;
  current_login: number;
  last_login: number;
  last_api_access: number;
  date_created: number | null;
  date_modified: number | null;
  last_pw_change: number | null;
  gpgkey: string | null;
  external_auth_key: string | null;
}

export interface NewUser {
  email: string;
  password: string;
  org_id: number;
  role_id: number;
  authkey?: string;
  change_pw?: boolean;
  disabled?: boolean;
  invited_by?: number;
  /**
   * The site admin a fresh install seeds, as MISP's `cake user init` makes it: no creation date,
   * no password change date, NULL gpgkey and external_auth_key. Everyone else is added, with ""
   * in both and last_pw_change set, as MISP's admin add does.
   */
  seededByInstall?: boolean;
}

export class UserRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  findById(id: number): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  findByEmail(email: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE email = ? COLLATE NOCASE').get(email.trim()) as
      UserRow | undefined;
  }

  /**
   * The owner of a legacy key (users.authkey) or of an unexpired advanced key (auth_keys); for an
   * advanced key also its row, whose restrictions (read_only, allowed_ips) the caller applies.
   */
  findByAuthKey(key: string): { user: UserRow; key?: AuthKeyRow } | undefined {
    const legacy = this.db.prepare('SELECT * FROM users WHERE authkey_hash = ?').get(hashAuthKey(key)) as
      UserRow | undefined;
    if (legacy) return { user: legacy };
    const row = new AuthKeyRepository(this.db, this.now).findUsable(key);
    const user = row ? this.findById(row.user_id) : undefined;
    return user && row ? { user, key: row } : undefined;
  }

  list(filter: { orgId?: number } = {}): UserRow[] {
    if (filter.orgId !== undefined)
      return this.db
        .prepare('SELECT * FROM users WHERE org_id = ? ORDER BY id')
        .all(filter.orgId) as UserRow[];
    return this.db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[];
  }

  create(user: NewUser): UserRow {
    const now = Math.floor(this.now() / 1000);
    const key = user.authkey;
    const info = this.db
      .prepare(
        `INSERT INTO users (email, password, org_id, role_id, authkey_hash, authkey_start, authkey_end, change_pw, disabled, invited_by,
           date_created, date_modified, last_pw_change, gpgkey, external_auth_key)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        user.email.trim(),
        hashPassword(user.password),
        user.org_id,
        user.role_id,
        key ? hashAuthKey(key) : null,
        key ? key.slice(0, 4) : null,
        key ? key.slice(-4) : null,
        user.change_pw ? 1 : 0,
        user.disabled ? 1 : 0,
        user.invited_by ?? 0,
        user.seededByInstall ? null : now,
        now,
        user.seededByInstall ? null : now,
        user.seededByInstall ? null : '',
        user.seededByInstall ? null : '',
      );
    return this.findById(Number(info.lastInsertRowid)) as UserRow;
  }

  /** Updates the given columns only; `date_modified` follows every change. */
  update(id: number, changes: Partial<Omit<UserRow, 'id'>>): UserRow | undefined {
    const entries = Object.entries({ ...changes, date_modified: Math.floor(this.now() / 1000) });
    const sets = entries.map(([column]) => `${column} = ?`).join(', ');
    this.db.prepare(`UPDATE users SET ${sets} WHERE id = ?`).run(...entries.map(([, v]) => v), id);
    return this.findById(id);
  }

  /**
   * The API-access stamp of every auth-key request, alone: real MISP 2.5.1 leaves date_modified
   * as it was (a read-only audit there reads the same users before and after).
   */
  stampApiAccess(id: number, atSeconds: number): void {
    this.db.prepare('UPDATE users SET last_api_access = ? WHERE id = ?').run(atSeconds, id);
  }

  setPassword(id: number, password: string): void {
    this.update(id, { password: hashPassword(password), last_pw_change: Math.floor(this.now() / 1000) });
  }

  setAuthKey(id: number, key: string): void {
    this.update(id, {
      authkey_hash: hashAuthKey(key),
      authkey_start: key.slice(0, 4),
      authkey_end: key.slice(-4),
    });
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM users WHERE id = ?').run(id).changes > 0;
  }

  role(id: number): RoleRow | undefined {
    const row = this.db.prepare('SELECT * FROM roles WHERE id = ?').get(id) as
      (Omit<RoleRow, 'perms'> & { perms: string }) | undefined;
    return row ? { ...row, perms: JSON.parse(row.perms) as Permissions } : undefined;
  }

  roles(): RoleRow[] {
    return (this.db.prepare('SELECT id FROM roles ORDER BY id').all() as { id: number }[]).map(
      (r) => this.role(r.id) as RoleRow,
    );
  }

  createRole(name: string, perms: Partial<Permissions>, permission = 3): RoleRow {
    const full = Object.fromEntries(PERMISSION_FLAGS.map((f) => [f, perms[f] === true])) as Permissions;
    const stamp = formatMispDate(this.now());
    const info = this.db
      .prepare(
        "INSERT INTO roles (name, created, modified, perms, permission, memory_limit, max_execution_time) VALUES (?,?,?,?,?,'','')",
      )
      .run(name, stamp, stamp, JSON.stringify(full), permission);
    return this.role(Number(info.lastInsertRowid)) as RoleRow;
  }

  /** Refuses (false) while users still hold the role, as MISP does. */
  deleteRole(id: number): boolean {
    const holders = this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE role_id = ?').get(id) as {
      n: number;
    };
    if (holders.n > 0) return false;
    return this.db.prepare('DELETE FROM roles WHERE id = ?').run(id).changes > 0;
  }

  org(id: number): OrgRow | undefined {
    return this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as OrgRow | undefined;
  }

  orgByName(name: string): OrgRow | undefined {
    return this.db.prepare('SELECT * FROM organisations WHERE name = ?').get(name) as OrgRow | undefined;
  }

  orgs(): OrgRow[] {
    return this.db.prepare('SELECT * FROM organisations ORDER BY id').all() as OrgRow[];
  }

  createOrg(name: string, extra: Partial<Pick<OrgRow, 'description' | 'type' | 'local'>> = {}): OrgRow {
    const stamp = formatMispDate(this.now());
    const info = this.db
      .prepare(
        'INSERT INTO organisations (name, uuid, description, type, local, date_created, date_modified) VALUES (?,?,?,?,?,?,?)',
      )
      .run(name, randomUUID(), extra.description ?? '', extra.type ?? '', extra.local ?? 1, stamp, stamp);
    return this.org(Number(info.lastInsertRowid)) as OrgRow;
  }

  /** First start: MISP's default roles and the host organisation. Idempotent. */
  seedDefaults(hostOrgName: string): void {
    const stamp = formatMispDate(this.now());
    const insertRole = this.db.prepare(
      'INSERT OR IGNORE INTO roles (id, name, created, modified, perms, permission, default_role) VALUES (?,?,?,?,?,?,?)',
    );
    for (const role of DEFAULT_ROLES) {
      insertRole.run(
        role.id,
        role.name,
        stamp,
        stamp,
        JSON.stringify(role.perms),
        role.permission,
        role.default_role ? 1 : 0,
      );
    }
    if (!this.org(1)) {
      this.db
        .prepare(
          'INSERT INTO organisations (id, name, uuid, description, type, local, date_created, date_modified) VALUES (1,?,?,?,?,1,?,?)',
        )
        .run(hostOrgName, randomUUID(), 'Automatically generated admin organisation', 'ADMIN', stamp, stamp);
    }
  }
}
