/**
 * MISP's Log model: every audit line the reference server writes goes through here, so that
 * /admin/logs/index, the log-after-save workflow trigger and tests see the same entries.
 */
import type { Db } from '../storage/db.ts';

export interface LogActor {
  id: number;
  email: string;
  org: string;
}

export const SYSTEM_ACTOR: LogActor = { id: 0, email: 'SYSTEM', org: 'SYSTEM' };

export interface LogInput {
  title: string;
  model: string;
  model_id?: number;
  action: string;
  actor?: LogActor;
  change?: string;
  description?: string;
  ip?: string;
}

export interface LogRow {
  id: number;
  title: string;
  created: string;
  model: string;
  model_id: number;
  action: string;
  user_id: number;
  change: string;
  email: string;
  org: string;
  description: string;
  ip: string;
}

export type LogListener = (row: LogRow) => void;

export class LogService {
  private readonly listeners: LogListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  onWrite(listener: LogListener): void {
    this.listeners.push(listener);
  }

  write(input: LogInput): LogRow {
    const actor = input.actor ?? SYSTEM_ACTOR;
    const created = formatMispDate(this.now());
    const info = this.db
      .prepare(
        'INSERT INTO logs (title, created, model, model_id, action, user_id, change, email, org, description, ip) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      )
      .run(
        input.title,
        created,
        input.model,
        input.model_id ?? 0,
        input.action,
        actor.id,
        input.change ?? '',
        actor.email,
        actor.org,
        input.description ?? '',
        input.ip ?? '',
      );
    const row = this.db.prepare('SELECT * FROM logs WHERE id = ?').get(info.lastInsertRowid) as LogRow;
    for (const listener of this.listeners) listener(row);
    return row;
  }

  /**
   * Filters are MISP's named params (model:, action:, model_id:). A real MISP 2.5.1 answered the JSON
   * index oldest first (shared/spec/misp-samples/admin-logs-index.json) while its page shows newest first.
   */
  list(
    filters: Partial<
      Pick<LogRow, 'model' | 'action' | 'model_id' | 'email' | 'title' | 'org' | 'user_id'>
    > = {},
    /** limit -1 means no limit (SQLite's LIMIT -1); `since`: created at or after, "Y-m-d H:i:s". */
    options: { limit?: number; page?: number; order?: 'asc' | 'desc'; since?: string } = {},
  ): LogRow[] {
    const { limit = 60, page = 1, order = 'desc' } = options;
    const where: string[] = [];
    const args: unknown[] = [];
    if (options.since !== undefined) {
      where.push('created >= ?');
      args.push(options.since);
    }
    for (const [key, value] of Object.entries(filters)) {
      if (value === undefined || value === '') continue;
      if (key === 'title') {
        where.push('title LIKE ?');
        args.push(`%${String(value)}%`);
      } else {
        where.push(`${key} = ?`);
        args.push(value);
      }
    }
    const sql = `SELECT * FROM logs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, limit, limit < 0 ? 0 : (page - 1) * limit) as LogRow[];
  }
}

/** MISP's "Y-m-d H:i:s" in UTC. */
export function formatMispDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A log row as /admin/logs/index.json shows it: ids as strings, wrapped in "Log". */
export function logToJson(row: LogRow): { Log: Record<string, string> } {
  return {
    Log: {
      id: String(row.id),
      title: row.title,
      created: row.created,
      model: row.model,
      model_id: String(row.model_id),
      action: row.action,
      user_id: String(row.user_id),
      change: row.change,
      email: row.email,
      org: row.org,
      description: row.description,
      ip: row.ip,
    },
  };
}
