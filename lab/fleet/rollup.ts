/**
 * The fleet's roll-up, built from each deployment's own compliance.json: fleet.json (the data),
 * junit.xml (a testsuite per deployment, a testcase per control) and fleet-report.html (the
 * matrix deployments × controls). The fleet exits on its worst deployment: 2 (a deployment could
 * not be audited: the fleet's state is unknown) > 1 (a control failed) > 3 (something was not
 * run, or left to another shard) > 0.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from '../reporting/catalogue.ts';
import { clean, junitDocument, seconds } from '../reporting/junit.ts';
import type { ComplianceReport } from '../reporting/report-model.ts';
import type { ControlStatus, ExitCode } from '../reporting/verdicts.ts';
import type { Deployment } from './inventory.ts';
import { fleetHtml } from './fleet-html.ts';
import type { DeploymentRun } from './run-fleet.ts';

export const FLEET_FILE = 'fleet.json';
export const FLEET_HTML = 'fleet-report.html';

export interface FleetCell {
  status: ControlStatus;
  /** Why it did not run, or the first line of the failure. */
  detail?: string;
}

export interface FleetRow {
  name: string;
  /** Without any user:password part. */
  url: string;
  tags: string[];
  exitCode: ExitCode;
  durationMs: number;
  reportsDir: string;
  mispVersion: string | null;
  /** The deployment could not be audited (preflight, dead URL, timeout): the reason in one line. */
  error?: string;
  controls: Record<string, FleetCell>;
}

export interface FleetReport {
  schemaVersion: 1;
  kind: 'misp-lab-fleet';
  generatedAt: string;
  exitCode: ExitCode;
  inventory: string;
  selection: {
    profile: string;
    tags?: string;
    deployments?: string;
    shard?: { index: number; total: number };
  };
  concurrency: number;
  startedAt: string;
  finishedAt: string;
  controls: { id: string; title: string; severity: string }[];
  deployments: FleetRow[];
  /** Selected by the inventory and tags but audited by another shard: merge the shards. */
  outside: { name: string; reason: string }[];
}

const SEVERITY: Record<ExitCode, number> = { 2: 3, 1: 2, 3: 1, 0: 0 };

export function worstExitCode(codes: ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (SEVERITY[code] > SEVERITY[worst] ? code : worst), 0);
}

export function rowOf(deployment: Deployment, run: DeploymentRun, fleetDir: string): FleetRow {
  const file = join(fleetDir, run.reportsDir, 'compliance.json');
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ComplianceReport> & { error?: string })
    : undefined;
  const exitCode = ([0, 1, 2, 3].includes(run.exitCode) ? run.exitCode : 2) as ExitCode;
  const controls: Record<string, FleetCell> = {};
  for (const c of report?.controls ?? []) {
    const failed = c.scenarios.find((s) => s.status !== 'passed' && s.status !== 'skipped' && !s.notRun);
    const detail =
      c.status === 'not-run'
        ? c.notRunReasons?.map((r) => r.reason).join('; ')
        : c.status === 'failed' || c.status === 'waived'
          ? failed?.error?.split('\n')[0]
          : undefined;
    controls[c.id] = { status: c.status, ...(detail ? { detail } : {}) };
  }
  const error =
    run.error ?? report?.error ?? (exitCode === 2 && !report ? 'no compliance.json written' : undefined);
  return {
    name: deployment.name,
    url: withoutCredentials(deployment.url),
    tags: deployment.tags,
    exitCode,
    durationMs: Math.round(run.durationMs),
    reportsDir: run.reportsDir,
    mispVersion: report?.run?.mispVersion ?? null,
    ...(exitCode === 2 && error ? { error } : {}),
    controls,
  };
}

export function buildFleetReport(
  input: Omit<FleetReport, 'schemaVersion' | 'kind' | 'generatedAt' | 'exitCode' | 'controls'>,
): FleetReport {
  const rows = [...input.deployments].sort((a, b) => (a.name < b.name ? -1 : 1));
  const seen = new Set(rows.flatMap((r) => Object.keys(r.controls)));
  const catalogue = loadCatalogue().controls;
  const known = new Set(catalogue.map((c) => c.id));
  const controls = [
    ...catalogue
      .filter((c) => seen.has(c.id))
      .map((c) => ({ id: c.id, title: c.title, severity: c.severity })),
    ...[...seen].filter((id) => !known.has(id)).map((id) => ({ id, title: id, severity: 'info' })),
  ];
  const codes = rows.map((r) => r.exitCode);
  if (input.outside.length > 0) codes.push(3);
  return {
    schemaVersion: 1,
    kind: 'misp-lab-fleet',
    generatedAt: new Date().toISOString(),
    exitCode: rows.length === 0 ? 2 : worstExitCode(codes),
    ...input,
    controls,
    deployments: rows,
  };
}

export function writeFleetReports(dir: string, report: FleetReport): void {
  writeFileSync(join(dir, FLEET_FILE), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'junit.xml'), fleetJunit(report));
  writeFileSync(join(dir, FLEET_HTML), fleetHtml(report));
}

export function readFleetReport(dir: string): FleetReport | undefined {
  const file = join(dir, FLEET_FILE);
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as FleetReport;
  return report.kind === 'misp-lab-fleet' ? report : undefined;
}

export function fleetJunit(report: FleetReport): string {
  const suites = report.deployments.map((row) => {
    const cases =
      row.error !== undefined
        ? [
            {
              '@classname': row.name,
              '@name': `${row.name}: the audit runs`,
              '@time': seconds(row.durationMs),
              error: {
                '@message': clean(row.error),
                '@type': 'DeploymentNotAudited',
                '#text': clean(row.error),
              },
            },
          ]
        : report.controls
            .filter((c) => row.controls[c.id])
            .map((c) => ({
              '@classname': `${row.name}.${c.id}`,
              '@name': `${c.id} ${c.title}`,
              '@time': '0',
              ...outcome(row.controls[c.id]!),
            }));
    return {
      '@name': row.name,
      '@tests': cases.length,
      '@failures': cases.filter((x) => 'failure' in x).length,
      '@errors': cases.filter((x) => 'error' in x).length,
      '@skipped': cases.filter((x) => 'skipped' in x).length,
      '@time': seconds(row.durationMs),
      properties: {
        property: [
          ['url', row.url],
          ['misp.version', row.mispVersion ?? 'unknown'],
          ['exit.code', String(row.exitCode)],
          ['reports', row.reportsDir],
        ].map(([name, value]) => ({ '@name': name, '@value': clean(value!) })),
      },
      testcase: cases,
    };
  });
  const total = (key: '@tests' | '@failures' | '@errors' | '@skipped') =>
    suites.reduce((n, s) => n + s[key], 0);
  const testsuites = {
    '@name': 'MISP fleet compliance',
    '@tests': total('@tests'),
    '@failures': total('@failures'),
    '@errors': total('@errors'),
    '@skipped': total('@skipped'),
    testsuite: suites,
  };
  return junitDocument(testsuites);
}

function outcome(cell: FleetCell): Record<string, unknown> {
  switch (cell.status) {
    case 'failed':
      return { failure: { '@message': clean(cell.detail ?? 'failed'), '@type': 'failed' } };
    case 'not-run':
      return { skipped: { '@message': clean(cell.detail ?? 'not run') } };
    case 'planned':
      return { skipped: { '@message': 'planned: the control has no scenario yet' } };
    case 'waived':
      return {
        skipped: {
          '@message': clean(`waived${cell.detail ? ` (the scenario failed: ${cell.detail})` : ''}`),
        },
      };
    case 'finding':
      return { 'system-out': 'informational finding observed (not a pass, not a failure)' };
    default:
      return {};
  }
}

export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
