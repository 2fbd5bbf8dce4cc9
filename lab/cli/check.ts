/**
 * `misp-lab check`: the whole compliance suite against a target, every report written.
 * Exit codes (ZAP-style contract): 0 every non-waived control passed, 1 a control failed,
 * 2 the tool or the target failed, 3 nothing failed but a control was not run.
 * Everything is written into a staging folder and swapped in at the end; a run that fails to
 * start leaves an exit-2 record, never the previous run's reports.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { ALLOW_MUTATIONS_VARIABLE, LAB_ENV_VARIABLE } from '../targets/lab-environment.ts';
import { startTarget } from '../targets/index.ts';
import { writeComplianceReports } from '../reporting/compliance.ts';
import { loadCatalogue } from '../reporting/catalogue.ts';
import { collectRunMetadata, saveRunMetadata } from '../reporting/run-metadata.ts';
import { loadWaivers } from '../reporting/waivers.ts';
import { findChromium } from '../browser.ts';
import { readPickles, selectByTags } from '../reporting/tag-selection.ts';
import { createStaging, recordFailedStart, swapIn } from '../reporting/output-folder.ts';
import type { RunSelection } from '../reporting/not-run.ts';
import type { LabConfig } from './options.ts';
import {
  applyShard,
  effectiveTags,
  profileScope,
  shardReportsDir,
  withinScope,
  type Shard,
} from './run-selection.ts';
import { finishLedger, startLedger } from './cleanup.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** Profiles, features and steps come from the package, wherever the user runs it from. */
const CUCUMBER_ENVIRONMENT = { cwd: PACKAGE_ROOT };

export interface CheckOptions {
  /** Extra Cucumber CLI words (after `--`), e.g. ["--name", "smoke"]. */
  cucumberArgs: string[];
  dryRun: boolean;
  /** --waivers FILE; default ./waivers.json when it exists. */
  waiversFile?: string;
  /** --allow-mutations: on an external target, run @mutates scenarios too. */
  allowMutations?: boolean;
  /** --shard i/n: this machine's share of the scenarios (reports in <reports>/shard-i-of-n). */
  shard?: Shard;
  /** --timezone: IANA zone of the reports' dates (default the machine's). */
  timeZone?: string;
}

export async function check(config: LabConfig, options: CheckOptions): Promise<number> {
  const reportsDir = resolve(shardReportsDir(config.reportsDir, options.shard));
  try {
    return await runCheck(config, options, reportsDir);
  } catch (error) {
    // Whatever stopped the run, the folder must not go on showing an older verdict.
    recordFailedStart(reportsDir, String((error as Error)?.message ?? error).split('\n')[0] ?? '');
    throw error;
  }
}

async function runCheck(config: LabConfig, options: CheckOptions, reportsDir: string): Promise<number> {
  const withoutMutations = effectiveTags(config.tags, config.target, options.allowMutations === true);
  const mutationsLeftOut = withoutMutations !== config.tags;
  const scope = profileScope(config.profile, config.target);
  const tags = withinScope(withoutMutations, scope);
  // A broken catalogue or waivers file is found before minutes of testing, not after (exit 2).
  loadWaivers(options.waiversFile, new Set(loadCatalogue().controls.map((c) => c.id)));
  if (!options.dryRun) requireBrowserIfNeeded(tags);
  const staging = createStaging(reportsDir);

  // On a real deployment every change is also written to a file, for `misp-lab cleanup` after a crash.
  const ledger = config.target === 'external' && !options.dryRun ? startLedger(reportsDir) : null;
  const lab = options.dryRun ? null : await startTarget(config);
  if (mutationsLeftOut)
    process.stderr.write(
      'misp-lab: external target: @mutates scenarios are left out (--allow-mutations runs them)\n',
    );
  let finished = false;
  const stopOnInterrupt = onInterrupt(async () => {
    if (ledger) finishLedger(ledger, false);
    await lab?.stop();
  });
  try {
    if (lab) process.env[LAB_ENV_VARIABLE] = JSON.stringify(lab.environment);
    // The steps that write outside @mutates scenarios (the posture executeWorkflow probe) ask this.
    process.env[ALLOW_MUTATIONS_VARIABLE] = options.allowMutations === true ? '1' : '0';
    const metadata = lab ? await collectRunMetadata(lab.environment) : null;
    // Parallel workers are new Node processes: they need the TypeScript loader too.
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim();
    const { runConfiguration } = await loadConfiguration(
      {
        profiles: [config.profile],
        provided: [
          ...(tags ? ['--tags', tags] : []),
          ...(config.parallel > 0 ? ['--parallel', String(config.parallel)] : []),
          ...(options.dryRun ? ['--dry-run'] : []),
          ...options.cucumberArgs,
        ],
      },
      CUCUMBER_ENVIRONMENT,
    );
    runConfiguration.formats.files = Object.fromEntries(
      Object.entries(runConfiguration.formats.files).map(([path, format]) => [
        path.replace(/^reports\//, `${staging}/`),
        format,
      ]),
    );
    const resultsDir = join(staging, 'allure-results');
    runConfiguration.formats.options = { ...runConfiguration.formats.options, resultsDir };
    if (options.shard && (await applyShard(runConfiguration, options.shard, CUCUMBER_ENVIRONMENT)) === 0) {
      rmSync(staging, { recursive: true, force: true });
      process.stdout.write(`shard ${options.shard.index}/${options.shard.total} has no scenarios to run\n`);
      return 0;
    }
    const selection: RunSelection = {
      profile: config.profile,
      ...(config.tags ? { userTags: config.tags } : {}),
      ...(runConfiguration.sources.tagExpression
        ? { effectiveTags: runConfiguration.sources.tagExpression }
        : {}),
      mutationsLeftOut,
      ...(scope ? { scope } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      cucumberArgs: options.cucumberArgs,
      ...(options.shard ? { outside: picklesOutside(runConfiguration.sources.paths) } : {}),
    };
    const { success } = await runCucumber(runConfiguration, CUCUMBER_ENVIRONMENT);
    finished = true;
    if (options.dryRun) {
      swapIn(staging, reportsDir);
      return success ? 0 : 2;
    }
    if (metadata) {
      metadata.finishedAt = new Date().toISOString();
      metadata.selection = selection;
      saveRunMetadata(staging, metadata);
    }
    const summary = await writeComplianceReports({
      reportsDir: staging,
      displayDir: reportsDir,
      environment: lab?.environment ?? null,
      waiversFile: options.waiversFile,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(metadata ? { metadata } : {}),
    });
    swapIn(staging, reportsDir);
    process.stdout.write(`\n${summary.consoleText}\n`);
    return summary.exitCode;
  } finally {
    stopOnInterrupt();
    delete process.env[LAB_ENV_VARIABLE];
    if (ledger) finishLedger(ledger, finished);
    await lab?.stop();
  }
}

/**
 * Ctrl-C or SIGTERM during a run: one line, the lab stopped (ports freed), exit 130; a second
 * Ctrl-C leaves at once. Returns the function that removes the handlers.
 */
function onInterrupt(cleanUp: () => Promise<void>): () => void {
  let interrupted = false;
  const handler = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('misp-lab: interrupted; stopping the lab…\n');
    cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** The scenarios of feature files a shard does not load (its paths are file:line). */
function picklesOutside(paths: string[]) {
  const loaded = new Set(paths.map((p) => p.replace(/:\d+$/, '')));
  return readPickles('features', PACKAGE_ROOT).filter((p) => !loaded.has(p.uri));
}

/** A selection with @browser scenarios and no browser to drive: one line and exit 2, before any test. */
function requireBrowserIfNeeded(tags: string | undefined): void {
  if (process.env.PLAYWRIGHT_WS_ENDPOINT) return;
  const needsBrowser = selectByTags(readPickles('features', PACKAGE_ROOT), tags).some((p) =>
    p.tags.includes('@browser'),
  );
  if (needsBrowser) findChromium();
}
