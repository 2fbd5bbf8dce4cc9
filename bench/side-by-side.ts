/**
 * The reference server and a real MISP 2.5.1 side by side, the same requests in the same order,
 * sequentially: REST reads (getVersion, an event view), writes (attribute add), a restSearch
 * over an event of 10,000 attributes, and a synchronous publish. The reference server runs as
 * its own process (`misp-server serve`), so its memory is one process's VmRSS; the real stack's
 * comes from MISP_RSS_COMMAND (e.g. `sudo REALMISP_ROOT=… ../shared/real-misp/rss.sh`).
 * Without MISP_URL and MISP_ADMIN_AUTHKEY only the reference server is measured.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SEARCH_ATTRIBUTES = Number(process.env.BENCH_SEARCH_ATTRIBUTES ?? 10_000);

interface Target {
  name: string;
  url: string;
  key: string;
}

type Figures = Record<string, number>;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function call(target: Target, method: string, path: string, body?: unknown) {
  const response = await fetch(target.url + path, {
    method,
    headers: { Authorization: target.key, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${target.name} ${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function timed(runs: number, once: (i: number) => Promise<unknown>): Promise<number> {
  await once(-1); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await once(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function measure(target: Target, runs: number): Promise<Figures> {
  const event = await call(target, 'POST', '/events/add', {
    Event: { info: `bench ${Date.now()}`, distribution: 0 },
  });
  const id = event.Event.id as string;
  const big = await call(target, 'POST', '/events/add', {
    Event: {
      info: `bench restSearch ${Date.now()}`,
      distribution: 0,
      Attribute: Array.from({ length: SEARCH_ATTRIBUTES }, (_, i) => ({
        type: 'ip-dst',
        category: 'Network activity',
        value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      })),
    },
  });
  const bigId = big.Event.id as string;
  try {
    return {
      'GET servers/getVersion': await timed(runs, () => call(target, 'GET', '/servers/getVersion.json')),
      'GET events/view (1 attribute)': await timed(runs, () =>
        call(target, 'GET', `/events/view/${id}.json`),
      ),
      'POST attributes/add': await timed(runs, (i) =>
        call(target, 'POST', `/attributes/add/${id}`, {
          type: 'ip-src',
          value: `192.0.2.${(i + 2) % 250}`,
          comment: `${i}`,
        }).catch(() => null),
      ),
      [`POST attributes/restSearch (1 of ${SEARCH_ATTRIBUTES})`]: await timed(runs, (i) =>
        call(target, 'POST', '/attributes/restSearch', {
          eventid: bigId,
          value: `10.0.${(i >> 8) & 255}.${(i + 7) & 255}`,
        }),
      ),
      'POST events/publish (synchronous)': await timed(runs, () =>
        call(target, 'POST', `/events/publish/${id}/disable_background_processing:1`),
      ),
    };
  } finally {
    await call(target, 'POST', `/events/delete/${id}`).catch(() => null);
    await call(target, 'POST', `/events/delete/${bigId}`).catch(() => null);
  }
}

/** BENCH_REFERENCE_PORT when a port range is assigned, else one the system picks. */
async function freePort(): Promise<number> {
  if (process.env.BENCH_REFERENCE_PORT) return Number(process.env.BENCH_REFERENCE_PORT);
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `misp-server serve` as a child process, with the key chosen here. */
async function startReference(): Promise<{ target: Target; rssMb: () => number; stop: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-misp-'));
  const port = await freePort();
  const key = 'BenchAuthKey0000000000000000000000000001';
  const child = spawn(
    process.execPath,
    ['bin/misp-server.mjs', 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      env: { ...process.env, MISP_ADMIN_AUTHKEY: key, MISP_ADMIN_PASSWORD: 'Bench-Passw0rd-1234' },
      stdio: 'ignore',
    },
  );
  const target = { name: 'reference', url: `http://127.0.0.1:${port}`, key };
  for (let i = 0; i < 100; i += 1) {
    if (
      await fetch(`${target.url}/users/heartbeat`).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    target,
    rssMb: () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function measureSideBySide(runs: number): Promise<Figures> {
  const reference = await startReference();
  const figures: Figures = {};
  try {
    const ours = await measure(reference.target, runs);
    for (const [name, ms] of Object.entries(ours)) figures[`reference ${name} (ms)`] = ms;
    // Read once, right after our run: the ratio below uses this figure, not a later (idler) one.
    const ourRss = reference.rssMb();
    figures['reference memory after the run (MB)'] = ourRss;
    const url = process.env.MISP_URL;
    const key = process.env.MISP_ADMIN_AUTHKEY;
    if (!url || !key) return figures;
    const theirs = await measure({ name: 'real MISP', url, key }, runs);
    for (const [name, ms] of Object.entries(theirs)) {
      figures[`real MISP ${name} (ms)`] = ms;
      figures[`ratio ${name} (real / reference)`] = ms / (ours[name] ?? Number.NaN);
    }
    const rssCommand = process.env.MISP_RSS_COMMAND;
    if (rssCommand) {
      const total = /total\s+([\d.]+)\s*MiB/.exec(execSync(rssCommand, { encoding: 'utf8' }))?.[1];
      if (total) {
        figures['real MISP stack memory (MB)'] = Number(total);
        figures['memory ratio (real / reference)'] = Number(total) / ourRss;
      }
    }
    return figures;
  } finally {
    reference.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureSideBySide(Number(process.argv[2] ?? 20)));
}
