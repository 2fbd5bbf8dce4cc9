/**
 * The compliance verdict of a run: scenarios grouped by the controls they carry
 * (@control:<id> tags), a console summary, reports/compliance.json, and the exit code of the
 * contract (0 all controls pass, 1 a control failed, 2 the tool failed).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabEnvironment } from '../targets/lab-environment.ts';
import { readRunResults, type ScenarioResult } from './run-results.ts';

export type ControlStatus = 'passed' | 'failed' | 'not-run';

export interface ControlVerdict {
  id: string;
  status: ControlStatus;
  scenarios: { name: string; feature: string; status: string; flaky: boolean; error?: string }[];
}

export interface ComplianceSummary {
  exitCode: 0 | 1 | 2;
  consoleText: string;
  controls: ControlVerdict[];
}

export async function writeComplianceReports(input: {
  reportsDir: string;
  environment: LabEnvironment | null;
}): Promise<ComplianceSummary> {
  const messages = join(input.reportsDir, 'cucumber-messages.ndjson');
  if (!existsSync(messages)) {
    return {
      exitCode: 2,
      consoleText: `misp-lab: no test results at ${messages}: the run did not start`,
      controls: [],
    };
  }
  const scenarios = readRunResults(messages);
  const controls = verdicts(scenarios);
  const failed = controls.filter((c) => c.status === 'failed');
  const exitCode =
    scenarios.length === 0
      ? 2
      : failed.length > 0 || scenarios.some((s) => s.status !== 'passed' && s.status !== 'skipped')
        ? 1
        : 0;
  const report = {
    generatedAt: new Date().toISOString(),
    target: input.environment?.target ?? null,
    mispUrl: input.environment?.misp.url ?? null,
    totals: countBy(controls.map((c) => c.status)),
    controls,
  };
  writeFileSync(join(input.reportsDir, 'compliance.json'), `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `Compliance: ${controls.length} controls, ${report.totals.passed ?? 0} passed, ${report.totals.failed ?? 0} failed, ${report.totals['not-run'] ?? 0} not run`,
    ...failed.map(
      (c) =>
        `  FAILED ${c.id}: ${c.scenarios
          .filter((s) => s.status !== 'passed')
          .map((s) => s.name)
          .join('; ')}`,
    ),
    `Reports in ${input.reportsDir}`,
  ];
  return { exitCode, consoleText: lines.join('\n'), controls };
}

function verdicts(scenarios: ScenarioResult[]): ControlVerdict[] {
  const byControl = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    for (const tag of scenario.tags) {
      const id = /^@control:(.+)$/.exec(tag)?.[1];
      if (id) byControl.set(id, [...(byControl.get(id) ?? []), scenario]);
    }
  }
  return [...byControl.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, list]) => ({
      id,
      status: list.some((s) => s.status !== 'passed' && s.status !== 'skipped')
        ? 'failed'
        : list.every((s) => s.status === 'skipped')
          ? 'not-run'
          : 'passed',
      scenarios: list.map((s) => ({
        name: s.name,
        feature: s.feature,
        status: s.status,
        flaky: s.flaky,
        error: s.errorMessage,
      })),
    }));
}

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}
