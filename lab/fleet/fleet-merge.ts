/**
 * `misp-lab report merge` over the shard folders of a fleet run (each holds a fleet.json): their
 * deployment folders side by side in one place and one roll-up, whose verdict is the worst
 * deployment's. Shards of one fleet share the inventory and the selection, and each deployment
 * is audited by exactly one of them; anything else is refused, as for the scenario shards.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MergeError } from '../reporting/merge.ts';
import {
  buildFleetReport,
  FLEET_FILE,
  readFleetReport,
  writeFleetReports,
  type FleetReport,
} from './rollup.ts';

/** True when every folder holds a fleet roll-up; false when none does (scenario shards). */
export function areFleetShards(dirs: string[]): boolean {
  const fleets = dirs.filter((dir) => readFleetReport(dir) !== undefined);
  if (fleets.length > 0 && fleets.length < dirs.length)
    throw new MergeError(
      `${dirs.find((d) => !fleets.includes(d))} has no ${FLEET_FILE}: fleet shards and scenario shards do not merge`,
    );
  return dirs.length > 0 && fleets.length === dirs.length;
}

export function mergeFleetShards(shardDirs: string[], out: string): FleetReport {
  const shards = shardDirs.map((dir) => ({ dir, report: readFleetReport(dir)! }));
  const first = shards[0]!.report;
  const key = (r: FleetReport) =>
    JSON.stringify([
      r.inventory,
      r.selection.profile,
      r.selection.tags ?? '',
      r.selection.deployments ?? '',
    ] as const);
  const audited = new Map<string, string>();
  for (const { dir, report } of shards) {
    if (key(report) !== key(first))
      throw new MergeError(
        `${dir} audited another inventory or selection than ${shardDirs[0]}: not shards of one fleet run`,
      );
    for (const row of report.deployments) {
      const where = audited.get(row.name);
      if (where) throw new MergeError(`deployment "${row.name}" was audited in both ${where} and ${dir}`);
      audited.set(row.name, dir);
    }
  }
  rmSync(join(out, 'deployments'), { recursive: true, force: true });
  for (const { dir, report } of shards)
    for (const row of report.deployments)
      if (existsSync(join(dir, row.reportsDir)))
        cpSync(join(dir, row.reportsDir), join(out, row.reportsDir), { recursive: true });
  const outside = new Map<string, { name: string; reason: string }>();
  for (const { report } of shards)
    for (const o of report.outside) if (!audited.has(o.name)) outside.set(o.name, o);
  const times = (pick: (r: FleetReport) => string) => shards.map((s) => pick(s.report)).sort();
  const selection = { ...first.selection };
  delete selection.shard;
  return buildFleetReport({
    inventory: first.inventory,
    selection,
    concurrency: first.concurrency,
    startedAt: times((r) => r.startedAt)[0]!,
    finishedAt: times((r) => r.finishedAt).at(-1)!,
    deployments: shards.flatMap((s) => s.report.deployments),
    outside: [...outside.values()],
  });
}

export function writeMergedFleet(shardDirs: string[], out: string): FleetReport {
  mkdirSync(out, { recursive: true });
  const report = mergeFleetShards(shardDirs, out);
  rmSync(join(out, 'compliance.json'), { force: true });
  writeFleetReports(out, report);
  return report;
}
