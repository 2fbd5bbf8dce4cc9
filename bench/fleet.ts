/**
 * A fleet audit at scale: reference servers stand in for N deployments (10, 25, 50 by default,
 * BENCH_FLEET_SIZES), one `misp-lab check --inventory` over each size with the read-only smoke
 * (the read-only `posture` profile; BENCH_FLEET_PROFILE, or BENCH_FLEET_TAGS for a tag selection), N at
 * BENCH_FLEET_CONCURRENCY (default 4) at a time. Wall time, time per deployment (flat when the
 * cost grows linearly) and the peak resident memory of the whole process tree (the fleet
 * process, its `check` children and their browsers), sampled every 200 ms.
 * Ports: BENCH_FLEET_PORT_BASE (default 22100): shared mail and chat on base..base+3, servers after.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceFleet } from '../lab/fleet/reference-fleet.ts';
import type { FleetReport } from '../lab/fleet/rollup.ts';

const BIN = join(import.meta.dirname, '../bin/misp-lab.mjs');

export interface FleetFigure {
  deployments: number;
  wallS: number;
  perDeploymentS: number;
  peakTreeRssMb: number;
  exitCode: number;
  audited: number;
}

export async function measureFleet(): Promise<FleetFigure[]> {
  const sizes = (process.env.BENCH_FLEET_SIZES ?? '10,25,50').split(',').map(Number);
  const concurrency = process.env.BENCH_FLEET_CONCURRENCY ?? '4';
  const selection = process.env.BENCH_FLEET_TAGS
    ? ['--tags', process.env.BENCH_FLEET_TAGS]
    : ['--profile', process.env.BENCH_FLEET_PROFILE ?? 'posture'];
  const fleet = await startReferenceFleet(
    Math.max(...sizes),
    Number(process.env.BENCH_FLEET_PORT_BASE ?? 22100),
  );
  const work = mkdtempSync(join(tmpdir(), 'misp-bench-fleet-'));
  const figures: FleetFigure[] = [];
  try {
    for (const size of sizes) {
      const inventory = join(work, `fleet-${size}.yaml`);
      fleet.writeInventory(inventory, size);
      const out = join(work, `reports-${size}`);
      const args = [
        'check',
        '--inventory',
        inventory,
        ...selection,
        '--concurrency',
        concurrency,
        '--reports-dir',
        out,
      ];
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, ...fleet.environment },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const sampler = sampleTreeRss(child.pid as number);
      const exitCode = await new Promise<number>((resolve) =>
        child.once('close', (code) => resolve(code ?? 2)),
      );
      const wallS = (performance.now() - started) / 1000;
      if (!existsSync(join(out, 'fleet.json')))
        throw new Error(`the fleet of ${size} wrote no fleet.json (exit ${exitCode}): ${stderr.trim()}`);
      const report = JSON.parse(readFileSync(join(out, 'fleet.json'), 'utf8')) as FleetReport;
      figures.push({
        deployments: size,
        wallS,
        perDeploymentS: wallS / size,
        peakTreeRssMb: sampler.stop(),
        exitCode,
        audited: report.deployments.filter((d) => d.exitCode !== 2).length,
      });
      rmSync(out, { recursive: true, force: true });
    }
  } finally {
    await fleet.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}

/** Peak of the summed RSS of `root` and all its descendants, from /proc (Linux; 0 elsewhere). */
function sampleTreeRss(root: number): { stop(): number } {
  let peak = 0;
  const sample = () => {
    try {
      const parents = new Map<number, number>();
      const rss = new Map<number, number>();
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        try {
          const status = readFileSync(`/proc/${name}/status`, 'utf8');
          parents.set(Number(name), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
          rss.set(Number(name), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {
          // The process ended between the listing and the read.
        }
      }
      const inTree = (pid: number): boolean => {
        for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops += 1)
          if (p === root) return true;
        return false;
      };
      const total = [...rss].filter(([pid]) => inTree(pid)).reduce((sum, [, kb]) => sum + kb, 0);
      peak = Math.max(peak, total / 1024);
    } catch {
      // No /proc: no memory figure.
    }
  };
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
