/**
 * The run as SARIF 2.1.0, for code-scanning annotations: one rule per control (title,
 * rationale, remediation, severity as GitHub's security-severity, mappings as tags), one result
 * per failed scenario located on its feature file and line, informational findings as notes.
 * Controls that did not run are tool notifications with their reason, not alerts.
 */
import { createHash } from 'node:crypto';
import type { Severity } from './catalogue.ts';
import { relativePaths } from './junit.ts';
import type { ComplianceReport } from './report-model.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'warning',
  info: 'note',
};

export function sarifLog(report: ComplianceReport): object {
  const run = report.run;
  const rules = report.controls.map((c) => ({
    id: c.id,
    name: c.id.replace(/-/g, ''),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale || c.title },
    ...(c.remediation ? { help: { text: c.remediation } } : {}),
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: {
      tags: [
        'security',
        c.area,
        c.severity,
        ...Object.entries(c.mappings).flatMap(([fw, refs]) => refs.map((r) => `${fw}:${r}`)),
      ],
      'security-severity': (c.impact * 10).toFixed(1),
      precision: 'high',
    },
  }));
  const index = new Map(report.controls.map((c, i) => [c.id, i]));
  const results = report.controls.flatMap((c) =>
    c.scenarios
      .filter(
        (s) =>
          (s.status !== 'passed' && s.status !== 'skipped') ||
          (c.status === 'finding' && s.status === 'passed'),
      )
      .map((s) => ({
        ruleId: c.id,
        ruleIndex: index.get(c.id)!,
        level: c.status === 'finding' ? 'note' : LEVEL[c.severity],
        ...(c.status === 'waived'
          ? { suppressions: [{ kind: 'external', justification: c.waiver?.justification ?? 'waived' }] }
          : {}),
        message: {
          text:
            c.status === 'finding'
              ? `${c.title}: informational finding observed (${s.name})`
              : `${c.title}: scenario "${s.name}" ${s.status}: ${relativePaths(s.error ?? s.status).split('\n')[0]}`,
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: s.uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: Math.max(1, s.line) },
            },
          },
        ],
        partialFingerprints: {
          'mispControlScenario/v1': createHash('sha256').update(`${c.id}\0${s.uri}\0${s.name}`).digest('hex'),
        },
      })),
  );
  const notRun = report.controls
    .filter((c) => c.status === 'not-run')
    .map((c) => ({
      level: 'warning',
      message: { text: `${c.id} not run: ${(c.notRunReasons ?? []).map((r) => r.reason).join('; ')}` },
      descriptor: { id: c.id },
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'misp-compliance-lab',
            semanticVersion: run.toolVersion.split(' ').at(-1) ?? '0.0.0',
            rules,
          },
        },
        automationDetails: { id: `misp-compliance/${report.runId}` },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        invocations: [
          {
            executionSuccessful: report.exitCode !== 2,
            exitCode: report.exitCode,
            ...(run.startedAt ? { startTimeUtc: run.startedAt } : {}),
            ...(run.finishedAt ? { endTimeUtc: run.finishedAt } : {}),
            toolExecutionNotifications: notRun,
          },
        ],
        properties: {
          target: run.target,
          mispVersion: run.mispVersion,
          mispUrl: run.mispUrl,
        },
        results,
      },
    ],
  };
}
