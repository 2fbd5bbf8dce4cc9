/**
 * `misp-lab report`: rebuild every compliance output from an existing reports folder (Cucumber's
 * message stream and run-metadata.json) without running a test, for example after editing the
 * waivers file. `report merge DIR…`: one verdict from the shard folders of a CI matrix.
 * `report diff A.json B.json`: controls whose status changed. Outputs are built in a staging
 * folder and swapped in, like `check`'s.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeComplianceReports } from '../reporting/compliance.ts';
import { areFleetShards, writeMergedFleet } from '../fleet/fleet-merge.ts';
import { MergeError, mergeShards } from '../reporting/merge.ts';
import { copyRunInputs, createStaging, swapIn } from '../reporting/output-folder.ts';
import {
  diffReports,
  formatDiff,
  readReportForDiff,
  regressions,
  ReportReadError,
} from '../reporting/report-diff.ts';

export interface ReportOptions {
  reportsDir: string;
  waiversFile?: string;
  pdf: boolean;
  allure: boolean;
  timeZone?: string;
}

export async function report(options: ReportOptions): Promise<number> {
  const reportsDir = resolve(options.reportsDir);
  const staging = createStaging(reportsDir);
  copyRunInputs(reportsDir, staging);
  return rebuild(staging, reportsDir, options);
}

export async function reportMerge(shardDirs: string[], options: ReportOptions): Promise<number> {
  const out = resolve(options.reportsDir);
  const dirs = shardDirs.map((d) => resolve(d));
  try {
    if (areFleetShards(dirs)) {
      const fleet = writeMergedFleet(dirs, out);
      process.stdout.write(
        `Fleet merged from ${dirs.length} shards: ${fleet.deployments.length} deployments` +
          `${fleet.outside.length ? `, ${fleet.outside.length} in no shard given` : ''}; exit ${fleet.exitCode}\n`,
      );
      return fleet.exitCode;
    }
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    process.stderr.write(`misp-lab: ${error.message}\n`);
    return 2;
  }
  const staging = createStaging(out);
  try {
    await mergeShards(dirs, staging);
  } catch (error) {
    swapIn(staging, out);
    if (!(error instanceof MergeError)) throw error;
    process.stderr.write(`misp-lab: ${error.message}\n`);
    return 2;
  }
  return rebuild(staging, out, options);
}

async function rebuild(staging: string, finalDir: string, options: ReportOptions): Promise<number> {
  const summary = await writeComplianceReports({
    reportsDir: staging,
    displayDir: finalDir,
    environment: null,
    waiversFile: options.waiversFile,
    pdf: options.pdf,
    allure: options.allure,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  if (summary.exitCode === 2 && summary.controls.length === 0) {
    // Nothing to judge: leave the folder as it was, say why.
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`${summary.consoleText}\n`);
    return 2;
  }
  swapIn(staging, finalDir);
  process.stdout.write(`${summary.consoleText}\n`);
  return summary.exitCode;
}

/** Exit 0 when nothing got worse (or without --fail-on-regression), 1 on a regression, 2 on bad input. */
export function reportDiff(paths: string[], failOnRegression: boolean): number {
  if (paths.length !== 2) {
    process.stderr.write(
      'misp-lab: report diff needs two compliance.json files: misp-lab report diff A.json B.json\n',
    );
    return 2;
  }
  try {
    const [before, after] = paths.map(readReportForDiff) as [
      ReturnType<typeof readReportForDiff>,
      ReturnType<typeof readReportForDiff>,
    ];
    const changes = diffReports(before, after);
    process.stdout.write(`${formatDiff(changes, paths[0]!, paths[1]!)}\n`);
    const worse = regressions(changes);
    if (failOnRegression && worse.length > 0) {
      process.stdout.write(`${worse.length} control(s) got worse: ${worse.map((c) => c.id).join(', ')}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ReportReadError)) throw error;
    process.stderr.write(`misp-lab: ${error.message}\n`);
    return 2;
  }
}
