/**
 * The compliance report as data (reports/compliance.json): every other rendering (console,
 * HTML, PDF) and `misp-lab report diff` read this shape. schemaVersion changes when it breaks.
 */
import type { Catalogue } from './catalogue.ts';
import type { RunMetadata } from './run-metadata.ts';
import type { ScenarioResult } from './run-results.ts';
import {
  decideVerdicts,
  type ControlStatus,
  type ControlVerdict,
  type ExitCode,
  type Verdicts,
} from './verdicts.ts';
import type { Waiver } from './waivers.ts';

export interface ComplianceReport {
  schemaVersion: 1;
  generatedAt: string;
  /** One id per run (kept by `report`, new for a merge): headers, footers, SARIF and HDF cite it. */
  runId: string;
  exitCode: ExitCode;
  run: RunMetadata;
  frameworks: Record<string, string>;
  totals: Record<ControlStatus, number>;
  byArea: Verdicts['byArea'];
  /** total: every scenario Cucumber was given; notRun: left out or skipped (each has a reason). */
  scenarios: { total: number; passed: number; failed: number; notRun: number; flaky: number };
  flaky: Verdicts['flaky'];
  untaggedFailures: Verdicts['untaggedFailures'];
  controls: ControlVerdict[];
}

export function buildComplianceReport(input: {
  scenarios: ScenarioResult[];
  catalogue: Catalogue;
  waivers: Waiver[];
  run: RunMetadata;
  now: Date;
  runId: string;
}): ComplianceReport {
  const verdicts = decideVerdicts(input.scenarios, input.catalogue, input.waivers, input.now);
  const s = input.scenarios;
  return {
    schemaVersion: 1,
    generatedAt: input.now.toISOString(),
    runId: input.runId,
    exitCode: verdicts.exitCode,
    run: input.run,
    frameworks: input.catalogue.frameworks,
    totals: verdicts.totals,
    byArea: verdicts.byArea,
    scenarios: {
      total: s.length,
      passed: s.filter((x) => x.status === 'passed').length,
      failed: s.filter((x) => x.status !== 'passed' && x.status !== 'skipped').length,
      notRun: s.filter((x) => x.status === 'skipped').length,
      flaky: verdicts.flaky.length,
    },
    flaky: verdicts.flaky,
    untaggedFailures: verdicts.untaggedFailures,
    controls: verdicts.controls,
  };
}
