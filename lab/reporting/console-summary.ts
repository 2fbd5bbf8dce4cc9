/**
 * The console summary, sectioned by area like testssl.sh: one line per control with its status
 * and severity, then flaky scenarios apart from failures, then the verdict. Colours only when
 * the output is a terminal (and NO_COLOR is not set), so CI logs stay plain text.
 */
import { AREAS, type Severity } from './catalogue.ts';
import { messages } from './i18n.ts';
import type { ComplianceReport } from './report-model.ts';
import type { ControlStatus } from './verdicts.ts';

const RESET = '\x1b[0m';
const STATUS_COLOUR: Record<ControlStatus, string> = {
  passed: '\x1b[32m',
  failed: '\x1b[1;31m',
  waived: '\x1b[36m',
  finding: '\x1b[33m',
  'not-run': '\x1b[90m',
  planned: '\x1b[90m',
};
const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '\x1b[1;35m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[37m',
};

export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

export function formatConsoleSummary(report: ComplianceReport, reportsDir: string, colour: boolean): string {
  const t = messages('en');
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const run = report.run;
  const lines = [
    '',
    paint('\x1b[1m', ` ${t.reportTitle}`) +
      ` (target ${run.target ?? t.unknown}, MISP ${run.mispVersion ?? t.unknown}, ${run.toolVersion})`,
  ];
  const width = Math.max(...report.controls.map((c) => c.id.length), 10);
  const areas = [...AREAS, ...Object.keys(report.byArea).filter((a) => !AREAS.includes(a as never))];
  for (const area of areas) {
    const mine = report.controls.filter((c) => c.area === area);
    if (mine.length === 0) continue;
    lines.push('', paint('\x1b[1;4m', ` ${t.areas[area as keyof typeof t.areas] ?? area}`));
    for (const c of mine) {
      const status = paint(STATUS_COLOUR[c.status], c.status.toUpperCase().padEnd(8));
      const severity = paint(SEVERITY_COLOUR[c.severity], `(${c.severity})`);
      const flaky = c.scenarios.some((s) => s.flaky) ? ' [flaky]' : '';
      lines.push(`   ${c.id.padEnd(width)}  ${status}  ${truncate(c.title, 78)} ${severity}${flaky}`);
      if (c.note) lines.push(`   ${' '.repeat(width)}  ${paint('\x1b[33m', `! ${c.note}`)}`);
      if (c.status === 'failed')
        for (const s of c.scenarios.filter((x) => x.status !== 'passed' && x.status !== 'skipped'))
          lines.push(`   ${' '.repeat(width)}  - ${s.name}: ${firstLine(s.error ?? s.status)}`);
    }
  }
  if (report.flaky.length > 0) {
    lines.push('', paint('\x1b[1;4m', ' Flaky (passed after a retry; not failures)'));
    for (const s of report.flaky) lines.push(`   ${s.name} (${s.attempts} attempts) ${s.controls.join(' ')}`);
  }
  if (report.untaggedFailures.length > 0) {
    lines.push('', paint('\x1b[1;4m', ` ${t.untaggedTitle}`));
    for (const s of report.untaggedFailures) lines.push(`   ${s.name}: ${firstLine(s.error ?? s.status)}`);
  }
  const x = report.totals;
  lines.push(
    '',
    ` Controls: ${report.controls.length}: ${x.passed} passed, ${x.failed} failed, ${x.waived} waived, ` +
      `${x.finding} findings, ${x['not-run']} not run, ${x.planned} planned; ` +
      `scenarios: ${report.scenarios.total} (${report.scenarios.flaky} flaky)`,
    paint(
      STATUS_COLOUR[report.exitCode === 0 ? 'passed' : 'failed'],
      ` Verdict: ${t.verdict[report.exitCode]} (exit ${report.exitCode})`,
    ),
    ` Reports in ${reportsDir}`,
  );
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text.padEnd(max) : `${text.slice(0, max - 1)}…`;
}

function firstLine(text: string): string {
  return truncate(text.split('\n')[0] ?? '', 120).trimEnd();
}
