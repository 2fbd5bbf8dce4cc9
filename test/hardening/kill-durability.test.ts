/**
 * Durability under `kill -9` (issue 10): writers add events as fast as the server takes them; the
 * server process is killed without warning mid-stream, restarted on the same data folder (its
 * stale lock taken over), and every event it had acknowledged must still be there. Three rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/misp-server.mjs', import.meta.url).pathname;
const AUTH_KEY = 'Durab1l1tyKey000000000000000000000000001';
const dataDir = mkdtempSync(join(tmpdir(), 'misp-durability-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<string> {
  child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, MISP_ADMIN_AUTHKEY: AUTH_KEY, MISP_ADMIN_PASSWORD: 'Durability-Pass-1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child!.once('exit', (code) => reject(new Error(`misp-server exited with ${code}`)));
  });
}

const api = { Authorization: AUTH_KEY, Accept: 'application/json', 'content-type': 'application/json' };

/** Adds events until the server dies; returns the uuids of the ones it answered 200 for. */
async function writeUntilKilled(url: string, writer: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let i = 0; ; i += 1) {
    try {
      const answer = await fetch(`${url}/events/add`, {
        method: 'POST',
        headers: api,
        body: JSON.stringify({ Event: { info: `durability ${writer}/${i}`, distribution: 0 } }),
      });
      if (answer.status !== 200) throw new Error(`add answered ${answer.status}`);
      acknowledged.push(((await answer.json()) as { Event: { uuid: string } }).Event.uuid);
    } catch {
      return acknowledged;
    }
  }
}

describe('kill -9 durability', () => {
  it('loses no acknowledged write over three kill -9 restarts with four writers', async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const url = await startServer();
      const writers = Array.from({ length: 4 }, (_, w) => writeUntilKilled(url, w));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      child!.kill('SIGKILL');
      for (const uuids of await Promise.all(writers)) acknowledged.push(...uuids);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    const url = await startServer();
    const missing: string[] = [];
    for (const uuid of acknowledged) {
      const answer = await fetch(`${url}/events/view/${uuid}`, { headers: api });
      if (answer.status !== 200) missing.push(uuid);
    }
    expect(missing).toEqual([]);
    child!.kill('SIGTERM');
  }, 120_000);
});
