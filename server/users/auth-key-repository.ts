/**
 * Advanced auth keys (MISP's AuthKey model): a user may hold several keys, each with an optional
 * expiry; only a SHA-256 hash and the first and last four characters are stored, and the key
 * itself is shown once, in the answer that creates it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { generateAuthKey, hashAuthKey } from '../auth/secrets.ts';

export interface AuthKeyRow {
  id: number;
  uuid: string;
  user_id: number;
  authkey_hash: string;
  authkey_start: string;
  authkey_end: string;
  created: number;
  expiration: number;
  read_only: number;
  comment: string;
  /** JSON list of IPs/CIDRs, or null for no restriction. */
  allowed_ips: string | null;
}

export class AuthKeyRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a key; the raw key is returned here and never again. */
  create(
    userId: number,
    options: { comment?: string; expiration?: number; readOnly?: boolean; allowedIps?: string[] | null } = {},
  ): {
    row: AuthKeyRow;
    raw: string;
  } {
    const raw = generateAuthKey();
    const info = this.db
      .prepare(
        `INSERT INTO auth_keys (uuid, user_id, authkey_hash, authkey_start, authkey_end, created, expiration, read_only, comment, allowed_ips)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        randomUUID(),
        userId,
        hashAuthKey(raw),
        raw.slice(0, 4),
        raw.slice(-4),
        Math.floor(this.now() / 1000),
        options.expiration ?? 0,
        options.readOnly ? 1 : 0,
        options.comment ?? '',
        options.allowedIps ? JSON.stringify(options.allowedIps) : null,
      );
    return {
      row: this.db.prepare('SELECT * FROM auth_keys WHERE id = ?').get(info.lastInsertRowid) as AuthKeyRow,
      raw,
    };
  }

  /** The key row for a presented key, unless the key is unknown or expired (MISP skips expired keys). */
  findUsable(key: string): AuthKeyRow | undefined {
    const row = this.db.prepare('SELECT * FROM auth_keys WHERE authkey_hash = ?').get(hashAuthKey(key)) as
      AuthKeyRow | undefined;
    if (!row) return undefined;
    if (row.expiration !== 0 && row.expiration <= Math.floor(this.now() / 1000)) return undefined;
    return row;
  }

  findById(id: number): AuthKeyRow | undefined {
    return this.db.prepare('SELECT * FROM auth_keys WHERE id = ?').get(id) as AuthKeyRow | undefined;
  }

  /** Ends a key now (MISP's reset keeps the row, with expiration set to the reset time). */
  expire(id: number): void {
    this.db
      .prepare('UPDATE auth_keys SET expiration = ? WHERE id = ?')
      .run(Math.floor(this.now() / 1000), id);
  }

  /** The user's keys that still work: no expiration, or one in the future. */
  activeOf(userId: number): AuthKeyRow[] {
    return this.db
      .prepare('SELECT * FROM auth_keys WHERE user_id = ? AND (expiration = 0 OR expiration > ?) ORDER BY id')
      .all(userId, Math.floor(this.now() / 1000)) as AuthKeyRow[];
  }

  /** Changes only the restrictions given (an edit from the key's page or REST). */
  update(
    id: number,
    changes: { comment?: string; expiration?: number; readOnly?: boolean; allowedIps?: string[] | null },
  ): AuthKeyRow {
    const columns: Array<[string, unknown]> = [];
    if (changes.comment !== undefined) columns.push(['comment', changes.comment]);
    if (changes.expiration !== undefined) columns.push(['expiration', changes.expiration]);
    if (changes.readOnly !== undefined) columns.push(['read_only', changes.readOnly ? 1 : 0]);
    if (changes.allowedIps !== undefined)
      columns.push(['allowed_ips', changes.allowedIps ? JSON.stringify(changes.allowedIps) : null]);
    if (columns.length > 0)
      this.db
        .prepare(`UPDATE auth_keys SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
        .run(...columns.map(([, v]) => v), id);
    return this.db.prepare('SELECT * FROM auth_keys WHERE id = ?').get(id) as AuthKeyRow;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM auth_keys WHERE id = ?').run(id).changes > 0;
  }
}

/** The AuthKey JSON MISP answers ("authkey_raw" only when the key was just created). */
export function authKeyJson(row: AuthKeyRow, raw?: string): { AuthKey: Record<string, unknown> } {
  return {
    AuthKey: {
      id: String(row.id),
      uuid: row.uuid,
      authkey_start: row.authkey_start,
      authkey_end: row.authkey_end,
      created: String(row.created),
      expiration: String(row.expiration),
      read_only: row.read_only === 1,
      user_id: String(row.user_id),
      // MISP leaves the column NULL for a key added without a comment (real MISP 2.5.1's answer);
      // ours is NOT NULL, so an empty one is told as NULL.
      comment: row.comment === '' ? null : row.comment,
      allowed_ips: allowedIpsOf(row),
      unique_ips: [],
      ...(raw ? { authkey_raw: raw } : {}),
    },
  };
}

export function allowedIpsOf(row: AuthKeyRow): string[] | null {
  return row.allowed_ips ? (JSON.parse(row.allowed_ips) as string[]) : null;
}
