/**
 * junit.xml per control, for CI: one testsuite per area, one testcase per control and scenario
 * (classname = control id), properties with the control's id, severity, impact, kind, status
 * and mappings, the reason on every <skipped>, and stack traces with paths relative to the
 * project. Built from the same verdicts as every other report, with a maintained XML writer.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { AREAS } from './catalogue.ts';
import { messages } from './i18n.ts';
import type { ComplianceReport } from './report-model.ts';
import type { ControlVerdict, ScenarioVerdict } from './verdicts.ts';

type Node = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
});

export function junitXml(report: ComplianceReport): string {
  const t = messages('en');
  const areas = [...AREAS, ...Object.keys(report.byArea).filter((a) => !AREAS.includes(a as never))];
  const suites = areas
    .map((area) => report.controls.filter((c) => c.area === area))
    .filter((controls) => controls.length > 0)
    .map((controls) => {
      const cases = controls.flatMap((c) => testCasesOf(c, report));
      return {
        '@name': t.areas[controls[0]!.area as keyof typeof t.areas] ?? controls[0]!.area,
        '@tests': cases.length,
        '@failures': cases.filter((x) => 'failure' in x).length,
        '@errors': 0,
        '@skipped': cases.filter((x) => 'skipped' in x).length,
        '@time': seconds(cases.reduce((sum, x) => sum + Number(x['@time']), 0) * 1000),
        '@timestamp': report.run.startedAt ?? report.generatedAt,
        properties: { property: runProperties(report) },
        testcase: cases,
      };
    });
  return junitDocument({
    '@name': t.reportTitle,
    '@tests': suites.reduce((n, s) => n + s['@tests'], 0),
    '@failures': suites.reduce((n, s) => n + s['@failures'], 0),
    '@errors': 0,
    '@skipped': suites.reduce((n, s) => n + s['@skipped'], 0),
    '@time': seconds(suites.reduce((n, s) => n + Number(s['@time']) * 1000, 0)),
    testsuite: suites,
  });
}

/** The run did not start: one error a pipeline cannot miss, instead of an older green. */
export function junitXmlForFailedStart(reason: string, now: Date): string {
  return junitDocument({
    '@name': messages('en').reportTitle,
    '@tests': 1,
    '@failures': 0,
    '@errors': 1,
    '@skipped': 0,
    testsuite: {
      '@name': 'misp-lab',
      '@tests': 1,
      '@failures': 0,
      '@errors': 1,
      '@skipped': 0,
      '@timestamp': now.toISOString(),
      testcase: {
        '@classname': 'misp-lab',
        '@name': 'the compliance run starts',
        '@time': '0',
        error: { '@message': clean(reason), '@type': 'RunDidNotStart', '#text': clean(reason) },
      },
    },
  });
}

/** A <testsuites> document (the fleet roll-up builds one too). */
export function junitDocument(testsuites: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ testsuites }) as string}`;
}

function testCasesOf(c: ControlVerdict, report: ComplianceReport): Node[] {
  const properties = { property: controlProperties(c, report.frameworks) };
  if (c.scenarios.length === 0)
    return [
      {
        '@classname': c.id,
        '@name': `${c.id} ${c.title}`,
        '@time': '0',
        properties,
        skipped: { '@message': c.planned ? 'planned: the control has no scenario yet' : 'no scenario' },
      },
    ];
  return c.scenarios.map((s) => ({
    '@classname': c.id,
    '@name': `${c.id} · ${s.name}`,
    '@time': seconds(s.durationMs),
    '@file': s.uri,
    '@line': s.line,
    properties,
    ...outcomeOf(c, s),
  }));
}

function outcomeOf(c: ControlVerdict, s: ScenarioVerdict): Node {
  if (s.notRun) return { skipped: { '@message': clean(s.notRun.reason) } };
  const failed = s.status !== 'passed' && s.status !== 'skipped';
  if (failed && c.status === 'waived' && c.waiver)
    return {
      skipped: {
        '@message': clean(
          `waived until ${c.waiver.expires} by ${c.waiver.approver}: ${c.waiver.justification} (the scenario failed)`,
        ),
      },
    };
  if (failed) {
    const text = clean(relativePaths(s.error ?? s.status));
    return { failure: { '@message': text.split('\n')[0] ?? '', '@type': s.status, '#text': text } };
  }
  if (c.status === 'finding')
    return { 'system-out': 'informational finding observed (not a pass, not a failure)' };
  return {};
}

function controlProperties(c: ControlVerdict, frameworks: Record<string, string>): Node[] {
  return [
    ['control.id', c.id],
    ['control.title', c.title],
    ['control.kind', c.kind],
    ['control.status', c.status],
    ['severity', c.severity],
    ['impact', c.impact.toFixed(2)],
    ...Object.entries(c.mappings)
      .filter(([, refs]) => refs.length > 0)
      .map(([fw, refs]) => [`mapping.${fw}`, `${frameworks[fw] ?? fw}: ${refs.join(', ')}`]),
  ].map(([name, value]) => ({ '@name': name, '@value': clean(String(value)) }));
}

function runProperties(report: ComplianceReport): Node[] {
  const run = report.run;
  return [
    ['run.id', report.runId],
    ['target', `${run.target ?? 'unknown'}: ${messages('en').targetLabel(run.target, run.mispVersion)}`],
    ['misp.version', run.mispVersion ?? 'unknown'],
    ['tool', run.toolVersion],
    ['exit.code', String(report.exitCode)],
  ].map(([name, value]) => ({ '@name': name, '@value': clean(value ?? '') }));
}

/** Stack traces name files inside the project, not the machine that ran it. */
export function relativePaths(text: string, root = process.cwd()): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return text.replaceAll(`file://${prefix}`, '').replaceAll(prefix, '');
}

/** XML 1.0 cannot carry control characters (ANSI colours in assertion messages). */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
