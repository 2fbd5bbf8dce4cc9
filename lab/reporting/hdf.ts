/**
 * The run in MITRE's Heimdall Data Format (HDF, InSpec's exec JSON), so Heimdall opens it next
 * to other security scans: one profile, one control per catalogue entry with its impact (the
 * catalogue's impact is InSpec's already), NIST SP 800-53 references in tags.nist where
 * Heimdall looks for them, the other mappings as tags, one result per scenario, waivers as
 * waiver_data. A scenario that did not run is a skipped result with its reason.
 */
import { createHash } from 'node:crypto';
import type { ComplianceReport } from './report-model.ts';
import { relativePaths } from './junit.ts';
import type { ControlVerdict, ScenarioVerdict } from './verdicts.ts';

export function hdfJson(report: ComplianceReport): object {
  const run = report.run;
  const controls = report.controls.map((c) => controlOf(c, report));
  const profile = {
    name: 'misp-compliance-lab',
    version: run.toolVersion.split(' ').at(-1) ?? run.toolVersion,
    title: 'MISP compliance lab: TOTP two-factor login and Workflows',
    maintainer: 'misp-compliance-lab',
    summary: `Run ${report.runId} on ${run.target ?? 'unknown'} (MISP ${run.mispVersion ?? 'unknown'})`,
    license: 'MIT',
    supports: [{ 'platform-name': 'misp' }],
    attributes: [],
    groups: groupsOf(report),
    status: 'loaded',
    sha256: createHash('sha256').update(JSON.stringify(controls)).digest('hex'),
    controls,
  };
  const durationSeconds =
    run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : 0;
  return {
    platform: {
      name: run.target === 'external' ? 'misp' : `misp-reference-server (${run.target ?? 'unknown'})`,
      release: run.mispVersion ?? 'unknown',
      ...(run.mispUrl ? { target_id: run.mispUrl } : {}),
    },
    profiles: [profile],
    statistics: { duration: Math.max(0, durationSeconds) },
    version: run.toolVersion,
  };
}

function controlOf(c: ControlVerdict, report: ComplianceReport) {
  const { 'nist-800-53': nist = [], ...others } = c.mappings;
  const first = c.scenarios[0];
  return {
    id: c.id,
    title: c.title,
    desc: c.rationale,
    descriptions: [
      { label: 'default', data: c.rationale },
      ...(c.remediation ? [{ label: 'fix', data: c.remediation }] : []),
      {
        label: 'check',
        data:
          c.scenarios.map((s) => `Scenario: ${s.name} (${s.uri}:${s.line})`).join('\n') || 'no scenario yet',
      },
    ],
    impact: c.impact,
    refs: [],
    tags: {
      nist: nist.length > 0 ? nist : ['UM-1'],
      severity: c.severity,
      area: c.area,
      kind: c.kind,
      status: c.status,
      ...Object.fromEntries(Object.entries(others).map(([fw, refs]) => [fw, refs])),
    },
    code: '',
    source_location: first
      ? { ref: first.uri, line: first.line }
      : { ref: 'fixtures/controls/catalogue.json', line: 1 },
    results:
      c.scenarios.length > 0
        ? c.scenarios.map((s) => resultOf(s, report))
        : [
            {
              status: 'skipped',
              code_desc: 'planned: no scenario yet',
              skip_message: 'planned',
              start_time: report.generatedAt,
            },
          ],
    ...(c.waiver
      ? {
          waiver_data: {
            justification: `${c.waiver.justification} (approved by ${c.waiver.approver}, residual risk ${c.waiver.residualRisk})`,
            run: true,
            skipped_due_to_waiver: false,
            message: `waiver ${c.waiver.state}, ${c.waiver.effective} to ${c.waiver.expires}`,
            expiration_date: c.waiver.expires,
          },
        }
      : {}),
  };
}

function resultOf(s: ScenarioVerdict, report: ComplianceReport) {
  const start = report.run.startedAt ?? report.generatedAt;
  if (s.notRun)
    return {
      status: 'skipped',
      code_desc: s.name,
      skip_message: s.notRun.reason,
      run_time: 0,
      start_time: start,
    };
  const passed = s.status === 'passed';
  return {
    status: passed ? 'passed' : s.status === 'failed' ? 'failed' : 'error',
    code_desc: s.name,
    run_time: s.durationMs / 1000,
    start_time: start,
    ...(passed ? {} : { message: relativePaths(s.error ?? s.status) }),
  };
}

function groupsOf(report: ComplianceReport) {
  const byFile = new Map<string, Set<string>>();
  for (const c of report.controls)
    for (const s of c.scenarios) byFile.set(s.uri, (byFile.get(s.uri) ?? new Set()).add(c.id));
  return [...byFile].map(([uri, ids]) => ({ id: uri, title: uri, controls: [...ids] }));
}
