/**
 * `misp-lab check --inventory FILE`: the selected profile against every deployment of a YAML
 * inventory (external target, read-only), a bounded number at a time, a reports folder per
 * deployment and a roll-up (fleet.json, junit.xml, fleet-report.html). Exit: the worst
 * deployment's (2 > 1 > 3 > 0). A bad inventory is one line and exit 2 before anything runs;
 * a dead deployment is an exit-2 row, not the end of the run.
 */
import { rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadInventory, resolveSecrets, selectDeployments, InventoryError } from '../fleet/inventory.ts';
import { buildFleetReport, FLEET_FILE, FLEET_HTML, rowOf, writeFleetReports } from '../fleet/rollup.ts';
import { runFleet } from '../fleet/run-fleet.ts';
import { recordFailedStart } from '../reporting/output-folder.ts';
import { UsageError, type LabConfig } from './options.ts';
import { shardReportsDir, type Shard } from './run-selection.ts';

export interface FleetOptions {
  inventory: string;
  concurrency: number;
  /** Cucumber tag expression over deployment tags (`prod and not eu`). */
  deployments?: string;
  shard?: Shard;
  waiversFile?: string;
  timeZone?: string;
  allowMutations: boolean;
}

export async function checkFleet(config: LabConfig, options: FleetOptions): Promise<number> {
  const reportsDir = resolve(shardReportsDir(config.reportsDir, options.shard));
  // The previous fleet's outputs never survive beside a new run's.
  for (const name of ['deployments', FLEET_FILE, FLEET_HTML])
    rmSync(join(reportsDir, name), { recursive: true, force: true });
  let deployments;
  try {
    if (options.allowMutations)
      throw new InventoryError('--allow-mutations is not for fleets: an inventory run is read-only');
    if (config.target !== 'external' && config.target !== 'embedded')
      throw new InventoryError(
        `--inventory audits external deployments; --target ${config.target} does not apply`,
      );
    const all = loadInventory(options.inventory);
    const { selected, outside } = selectDeployments(all, options.deployments, options.shard);
    deployments = { all, selected: resolveSecrets(selected, process.env), outside };
  } catch (error) {
    const message = (error as Error).message;
    recordFailedStart(reportsDir, message);
    throw error instanceof InventoryError ? new UsageError(message) : error;
  }
  const { selected, outside } = deployments;
  const startedAt = new Date();
  process.stdout.write(
    `misp-lab: fleet of ${selected.length} deployments from ${options.inventory}, ${options.concurrency} at a time` +
      `${options.shard ? ` (shard ${options.shard.index}/${options.shard.total}; ${outside.length} left to other shards)` : ''}\n`,
  );
  const width = String(selected.length).length;
  const runs = await runFleet(selected, {
    reportsDir,
    concurrency: options.concurrency,
    profile: config.profile,
    ...(config.tags ? { tags: config.tags } : {}),
    ...(options.waiversFile ? { waiversFile: resolve(options.waiversFile) } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    onFinished: (run, done, total) =>
      process.stdout.write(
        `[${String(done).padStart(width)}/${total}] ${run.name} exit ${run.exitCode} ${(run.durationMs / 1000).toFixed(1)} s` +
          `${run.error ? `: ${run.error}` : ''}\n`,
      ),
  });
  const report = buildFleetReport({
    inventory: basename(options.inventory),
    selection: {
      profile: config.profile,
      ...(config.tags ? { tags: config.tags } : {}),
      ...(options.deployments ? { deployments: options.deployments } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
    },
    concurrency: options.concurrency,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    deployments: selected.map((d, i) => rowOf(d, runs[i]!, reportsDir)),
    outside: outside.map((d) => ({ name: d.name, reason: 'left to another shard' })),
  });
  // The fleet's own junit.xml and fleet.json replace any single-run record in the folder.
  rmSync(join(reportsDir, 'compliance.json'), { force: true });
  writeFleetReports(reportsDir, report);
  const counts = [0, 1, 2, 3].map((code) => report.deployments.filter((r) => r.exitCode === code).length);
  process.stdout.write(
    `\nFleet: ${report.deployments.length} deployments: ${counts[0]} passed, ${counts[1]} failed, ` +
      `${counts[2]} not audited, ${counts[3]} incomplete; exit ${report.exitCode}\n` +
      `Matrix in ${join(reportsDir, FLEET_HTML)}\n`,
  );
  return report.exitCode;
}
