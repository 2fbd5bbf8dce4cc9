/**
 * Reports are replaced, never patched: a run writes into a fresh staging folder inside the
 * reports folder and swaps it in at the end, so a pipeline that always publishes junit.xml or
 * compliance.json never shows an older run's green. A run that fails to start swaps in an
 * honest exit-2 record instead (compliance.json and junit.xml saying why).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolVersion } from './run-metadata.ts';
import { junitXmlForFailedStart } from './junit.ts';

/** Everything a run writes; anything else in the folder (README, cleanup ledgers, shards) stays. */
const GENERATED =
  /^(junit\.xml|compliance[^/]*|cucumber-[^/]*|rerun\.txt|allure[^/]*|evidence|run-metadata\.json)$/;

/** What `report` and `report merge` read from a run: copied along when only outputs are rebuilt. */
export const RUN_INPUTS = [
  'cucumber-messages.ndjson',
  'cucumber-report.html',
  'run-metadata.json',
  'rerun.txt',
];

const STAGING_PREFIX = '.staging-';

export function createStaging(finalDir: string): string {
  mkdirSync(finalDir, { recursive: true });
  // A crashed run leaves its staging folder behind: it is never read, so clear it now.
  for (const name of readdirSync(finalDir))
    if (name.startsWith(STAGING_PREFIX)) rmSync(join(finalDir, name), { recursive: true, force: true });
  const staging = join(finalDir, `${STAGING_PREFIX}${randomUUID()}`);
  mkdirSync(staging);
  return staging;
}

/** Copies a run's inputs (message stream, metadata, allure results) into a staging folder. */
export function copyRunInputs(fromDir: string, staging: string): void {
  for (const name of [...RUN_INPUTS, 'allure-results'])
    if (existsSync(join(fromDir, name)))
      cpSync(join(fromDir, name), join(staging, name), { recursive: true });
}

/** Every generated file of the old run goes, every file of the new one comes in; then staging goes. */
export function swapIn(staging: string, finalDir: string): void {
  for (const name of readdirSync(finalDir))
    if (GENERATED.test(name)) rmSync(join(finalDir, name), { recursive: true, force: true });
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(finalDir, name));
  rmSync(staging, { recursive: true, force: true });
}

/** The run did not start: outputs say so (exit 2), and nothing older survives beside them. */
export function recordFailedStart(finalDir: string, reason: string, now = new Date()): void {
  const staging = createStaging(finalDir);
  const record = {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    exitCode: 2,
    error: reason,
    run: { toolVersion: toolVersion(), nodeVersion: process.version },
    controls: [],
  };
  writeFileSync(join(staging, 'compliance.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(staging, 'junit.xml'), junitXmlForFailedStart(reason, now));
  swapIn(staging, finalDir);
}
