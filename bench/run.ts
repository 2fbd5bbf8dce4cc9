/**
 * npm run bench: the lab's speed figures, each the median of several runs. Figures, not
 * assertions: speed is tracked here, never in timed tests.
 */
import { existsSync } from 'node:fs';
import { measureCliStartup, measureInProcessStartup } from './lab-startup.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function repeat<T extends Record<string, number>>(
  runs: number,
  measure: () => Promise<T>,
): Promise<Record<keyof T, number>> {
  const samples: T[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await measure());
  const keys = Object.keys(samples[0] ?? {}) as (keyof T)[];
  return Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s[k] as number))])) as Record<
    keyof T,
    number
  >;
}

const rows: [string, string][] = [];
const cli = await repeat(RUNS, measureCliStartup);
rows.push(['lab ready, `misp-lab up` spawn to contract line', `${cli.readyMs.toFixed(0)} ms`]);
rows.push(['lab peak memory (VmHWM of the up process)', `${cli.peakRssMb.toFixed(0)} MB`]);
const inProcess = await repeat(RUNS, measureInProcessStartup);
rows.push(['lab ready, in-process start (server + mail + chat)', `${inProcess.readyMs.toFixed(0)} ms`]);

// Later figures plug in here as their modules appear.
for (const [file, label, exportName] of [
  ['./login-otp.ts', 'login + OTP round trip (password, then TOTP)', 'measureLoginOtp'],
  ['./publish-workflow.ts', 'publish', 'measurePublish'],
  // With MISP_URL and MISP_ADMIN_AUTHKEY: the same requests on a real MISP, and the ratios.
  ['./side-by-side.ts', 'side by side', 'measureSideBySide'],
] as const) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const module = (await import(file)) as Record<string, (runs: number) => Promise<Record<string, number>>>;
  const result = await module[exportName]?.(Math.max(RUNS * 4, 20));
  for (const [key, value] of Object.entries(result ?? {}))
    rows.push([`${label}: ${key}`, `${value.toFixed(1)}`]);
}

// Load (issue 10): logins/s at 1, 10, 50 clients, heartbeat under 50 logging in, soak RSS slope.
const { measureLoad, measureRealMispLogins } = await import('./login-load.ts');
const load = await measureLoad();
rows.push(['password logins/s, 1 client', load.logins1.toFixed(1)]);
rows.push(['password logins/s, 10 clients', load.logins10.toFixed(1)]);
rows.push(['password logins/s, 50 clients', load.logins50.toFixed(1)]);
// The same logins on a real MISP 2.5.1 when one is given, right after ours (same machine state).
const realLogins = await measureRealMispLogins();
if (realLogins)
  rows.push([
    'real MISP password logins/s, 1 / 10 / 50 clients',
    [realLogins.logins1, realLogins.logins10, realLogins.logins50].map((n) => n.toFixed(1)).join(' / '),
  ]);
rows.push([
  'heartbeat p50 / p99 while 50 clients log in',
  `${load.heartbeatP50Ms.toFixed(0)} / ${load.heartbeatP99Ms.toFixed(0)} ms`,
]);
rows.push([
  'server RSS before / after the mixed soak',
  `${load.rssBeforeSoakMb.toFixed(0)} / ${load.rssAfterSoakMb.toFixed(0)} MB`,
]);
rows.push([
  'soak RSS slope after warm-up (BENCH_SOAK_MS, default 5 min)',
  `${load.soakSlopeMbPerMin.toFixed(2)} MB/min`,
]);

// Fleet (issue 12): 10, 25, 50 reference servers audited in one `check --inventory` run each.
const { measureFleet } = await import('./fleet.ts');
for (const f of await measureFleet())
  rows.push([
    `fleet of ${f.deployments} (exit ${f.exitCode}, ${f.audited} audited): wall / per deployment / peak tree RSS`,
    `${f.wallS.toFixed(1)} s / ${f.perDeploymentS.toFixed(2)} s / ${f.peakTreeRssMb.toFixed(0)} MB`,
  ]);

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`misp-compliance-lab benchmarks (median of ${RUNS} runs, Node ${process.version})`);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
