/**
 * How `misp-server admin` finds the server running from the current folder, as MISP's
 * `app/Console/cake` knows its own install: a server started with `announceIn: <folder>` (the
 * lab's `misp-lab up` does) leaves `<folder>/.misp-lab/instances/<pid>.json` while it runs. The
 * console then needs no --data-dir and no environment variable. A crashed server's file is
 * recognised by its dead process and removed when read.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../storage/data-lock.ts';

interface RunningInstance {
  pid: number;
  url: string;
  dataDir: string;
  startedAt: string;
}

const FOLDER = join('.misp-lab', 'instances');

function instancesFolder(folder: string): string {
  return join(folder, FOLDER);
}

/** Writes this process's entry; the function it answers removes it again (idempotent). */
export function announceInstance(
  folder: string,
  instance: Omit<RunningInstance, 'pid' | 'startedAt'>,
): () => void {
  const dir = instancesFolder(folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.json`);
  const entry: RunningInstance = { pid: process.pid, startedAt: new Date().toISOString(), ...instance };
  writeFileSync(file, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 });
  return () => {
    rmSync(file, { force: true });
    removeIfEmpty(dir);
  };
}

/** The servers that announced themselves in this folder and still run. */
function runningInstances(folder: string): RunningInstance[] {
  const dir = instancesFolder(folder);
  if (!existsSync(dir)) return [];
  const alive: RunningInstance[] = [];
  for (const name of readdirSync(dir).filter((n) => /^\d+\.json$/.test(n))) {
    const file = join(dir, name);
    const entry = readEntry(file);
    if (entry && isAlive(entry.pid) && existsSync(entry.dataDir)) alive.push(entry);
    else rmSync(file, { force: true });
  }
  removeIfEmpty(dir);
  return alive.sort((a, b) => a.pid - b.pid);
}

function readEntry(file: string): RunningInstance | null {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningInstance>;
    if (typeof entry.pid !== 'number' || typeof entry.dataDir !== 'string') return null;
    return entry as RunningInstance;
  } catch {
    return null;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) {
      rmdirSync(dir);
      const parent = join(dir, '..');
      if (readdirSync(parent).length === 0) rmdirSync(parent);
    }
  } catch {
    // Another process wrote or removed at the same time: the folder is left for the next read.
  }
}

/** The one running server's data folder, or the line to print when there is none or several. */
export function dataDirOfRunningInstance(folder: string): { dataDir: string } | { error: string } {
  const running = runningInstances(folder);
  if (running.length === 1) return { dataDir: running[0]!.dataDir };
  const hint = 'pass --data-dir DIR or set MISP_DATA_DIR to the folder the server uses';
  if (running.length === 0)
    return {
      error: `misp-server: no lab runs in ${folder} (start one there with "npx misp-lab up"), or ${hint}.`,
    };
  return {
    error: `misp-server: ${running.length} labs run in ${folder} (pids ${running.map((r) => r.pid).join(', ')}): stop all but one, or ${hint}.`,
  };
}
