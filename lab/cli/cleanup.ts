/**
 * The cleanup ledger of external runs, and `misp-lab cleanup [--ledger FILE]`.
 *
 * During an external run every change a scenario makes is appended to
 * <reports>/cleanup-ledger.ndjson (lab/clients/cleanup-ledger.ts) and undone after the scenario.
 * A run that finishes renames the file to cleanup-ledger.done.ndjson; a run that crashed leaves it,
 * and the next external run refuses to start until `misp-lab cleanup` has replayed it: restored
 * every setting, removed every user, role, event and workflow change, newest first, through
 * MISP's REST API (lab/clients/misp-client.ts). Replaying is idempotent (a deleted object answers 404), so replaying a .done file is safe.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MispClient } from '../clients/misp-client.ts';
import { undoEntry, type LedgerEntry } from '../clients/cleanup-ledger.ts';
import { MispConsole } from '../clients/misp-console.ts';
import { UsageError } from './options.ts';

export const LEDGER_FILE_NAME = 'cleanup-ledger.ndjson';
const DONE_SUFFIX = '.done.ndjson';
const KINDS = new Set(['setting', 'user', 'role', 'event', 'workflow', 'module']);

/** Called by `check` on an external target: refuses a ledger left by a crash, points the steps at the file. */
export function startLedger(reportsDir: string): string {
  const file = resolve(process.env.MISP_LAB_LEDGER_FILE || join(reportsDir, LEDGER_FILE_NAME));
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== '') {
    throw new UsageError(
      `${file} lists changes of a run that did not finish: run \`misp-lab cleanup --ledger ${file}\` first`,
    );
  }
  process.env.MISP_LAB_LEDGER_FILE = file;
  return file;
}

/** After a run: a finished run's changes were undone by its hooks, so the file is set aside. */
export function finishLedger(file: string, finished: boolean): void {
  if (finished && existsSync(file)) renameSync(file, doneName(file));
}

function doneName(file: string): string {
  return file.replace(/\.ndjson$/, '') + DONE_SUFFIX;
}

export function readLedger(file: string): LedgerEntry[] {
  if (!existsSync(file)) throw new UsageError(`no ledger at ${file} (nothing to clean up?)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        // A crash can cut the last line short: everything before it is still worth undoing.
        throw new UsageError(`${file} line ${number} is not JSON; remove that line and run cleanup again`);
      }
      const kind = (entry as { kind?: unknown })?.kind;
      if (typeof kind !== 'string' || !KINDS.has(kind)) {
        throw new UsageError(`${file} line ${number} is no ledger entry (kind "${String(kind)}")`);
      }
      return entry as LedgerEntry;
    });
}

/** `misp-lab cleanup`: 0 all undone, 1 some entries failed (each named), 2 the target or file failed. */
export async function cleanup(ledgerFile: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  const file = resolve(ledgerFile ?? join('reports', LEDGER_FILE_NAME));
  const entries = readLedger(file);
  const url = env.MISP_URL;
  const authKey = env.MISP_ADMIN_AUTHKEY;
  if (!url || !authKey)
    throw new UsageError('cleanup needs MISP_URL and MISP_ADMIN_AUTHKEY in the environment');
  const admin = new MispClient({
    baseUrl: url,
    authKey,
    caFile: env.MISP_CA_FILE || undefined,
    insecureTls: env.MISP_INSECURE_TLS === '1' || env.MISP_INSECURE_TLS === 'true',
    timeoutMs: 15_000,
  });
  const probe = await admin.getVersion().catch((error: Error) => {
    throw new UsageError(`cannot reach MISP at ${url}: ${error.message}`);
  });
  if (probe.status !== 200)
    throw new UsageError(`MISP at ${url} answered HTTP ${probe.status}: check MISP_ADMIN_AUTHKEY`);

  const consoleLine = env.MISP_CONSOLE?.trim();
  const console = consoleLine ? new MispConsole({ command: consoleLine.split(/\s+/) }) : undefined;
  const problems: string[] = [];
  for (const entry of [...entries].reverse()) {
    try {
      await undoEntry(admin, entry, console);
    } catch (error) {
      problems.push(`${describe(entry)}: ${(error as Error).message}`);
    }
  }
  for (const problem of problems) process.stderr.write(`misp-lab cleanup: ${problem}\n`);
  process.stdout.write(
    `misp-lab cleanup: ${entries.length - problems.length} of ${entries.length} changes undone on ${url}\n`,
  );
  if (problems.length > 0) return 1;
  if (!file.endsWith(DONE_SUFFIX)) renameSync(file, doneName(file));
  return 0;
}

function describe(entry: LedgerEntry): string {
  switch (entry.kind) {
    case 'setting':
      return `setting ${entry.name}`;
    case 'user':
      return `user ${entry.email} (#${entry.id})`;
    default:
      return `${entry.kind} #${entry.id}`;
  }
}
