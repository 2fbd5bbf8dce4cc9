/**
 * One SQLite file holds everything the reference server keeps (MISP keeps it in MySQL, Redis and
 * config.php). A file lets the admin console act on the same store as a running server; ':memory:'
 * serves unit tests. WAL mode lets the console write while the server reads.
 */
import Database from 'better-sqlite3';
import { SCHEMA } from './schema.ts';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new Error(`cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return withStatementCache(db);
}

const CACHED_STATEMENTS = 500;

/**
 * Compiling a statement costs more than running most of ours, and services prepare theirs at
 * each call: keep the last few hundred compiled, by their SQL. No code here switches a statement's
 * mode (pluck, raw, expand) or iterates one, so a shared statement behaves as a fresh one.
 */
function withStatementCache(db: Db): Db {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: the Map's order is the least recently used first
    } else {
      statement = compile(sql);
      if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  }) as Db['prepare'];
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied INTEGER NOT NULL)');
  const applied = new Set(
    db
      .prepare('SELECT name FROM schema_migrations')
      .all()
      .map((row) => (row as { name: string }).name),
  );
  for (const [name, sql] of SCHEMA) {
    if (applied.has(name)) continue;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied) VALUES (?, ?)').run(name, Date.now());
    })();
  }
}

/** Unix time in seconds, the unit MISP stores timestamps in. */
export function unixNow(now: () => number = Date.now): number {
  return Math.floor(now() / 1000);
}
