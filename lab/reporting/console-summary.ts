/**
 * The console summary, sectioned by area like testssl.sh: one line per control with its status
 * and severity, the reason under each control that did not run, each failure as one paragraph
 * that points to its evidence file, flaky scenarios apart from failures, then the verdict.
 * Colours and cut titles only on a terminal (and NO_COLOR unset): a log file gets every word.
 */
import { AREAS, type Severity } from './catalogue.ts';
import { count, messages } from './i18n.ts';
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

export interface ConsoleOptions {
  colour: boolean;
  /** Terminal columns; undefined when stdout is a file or a pipe (nothing is cut then). */
  columns?: number;
  /** "<control>\0<scenario name>" → the scenario's evidence summary, relative to the reports folder. */
  evidence?: Map<string, string>;
}

export function formatConsoleSummary(
  report: ComplianceReport,
  reportsDir: string,
  options: ConsoleOptions,
): string {
  const t = messages('en');
  const paint = (code: string, text: string) => (options.colour ? `${code}${text}${RESET}` : text);
  const run = report.run;
  const lines = [
    '',
    paint('\x1b[1m', ` ${t.reportTitle}`) + ` (${run.toolVersion})`,
    ` Target: ${t.targetLabel(run.target, run.mispVersion)}${run.mispUrl ? `, ${run.mispUrl}` : ''}`,
  ];
  const width = Math.max(...report.controls.map((c) => c.id.length), 10);
  const indent = `   ${' '.repeat(width)}  `;
  // id, status and severity take about 40 columns; the title gets what is left of a terminal.
  const titleWidth = options.columns ? Math.max(30, options.columns - width - 30) : undefined;
  const areas = [...AREAS, ...Object.keys(report.byArea).filter((a) => !AREAS.includes(a as never))];
  for (const area of areas) {
    const mine = report.controls.filter((c) => c.area === area);
    if (mine.length === 0) continue;
    lines.push('', paint('\x1b[1;4m', ` ${t.areas[area as keyof typeof t.areas] ?? area}`));
    for (const c of mine) {
      const status = paint(STATUS_COLOUR[c.status], c.status.toUpperCase().padEnd(8));
      const severity = paint(SEVERITY_COLOUR[c.severity], `(${c.severity})`);
      const flaky = c.scenarios.some((s) => s.flaky) ? ' [flaky]' : '';
      const title = titleWidth ? fit(c.title, titleWidth) : c.title;
      lines.push(`   ${c.id.padEnd(width)}  ${status}  ${title} ${severity}${flaky}`);
      if (c.note) lines.push(`${indent}${paint('\x1b[33m', `! ${c.note}`)}`);
      for (const r of c.notRunReasons ?? [])
        lines.push(`${indent}${paint('\x1b[90m', `- not run: ${r.reason}`)}`);
      if (c.status === 'failed')
        for (const s of c.scenarios.filter((x) => x.status !== 'passed' && x.status !== 'skipped')) {
          const file = options.evidence?.get(`${c.id}\0${s.name}`);
          lines.push(
            `${indent}- ${s.name}: ${firstLine(s.error ?? s.status)}` +
              (file ? `\n${indent}  evidence: ${file}` : ''),
          );
        }
    }
  }
  if (report.flaky.length > 0) {
    lines.push('', paint('\x1b[1;4m', ' Flaky (passed after a retry; not failures)'));
    for (const s of report.flaky)
      lines.push(`   ${s.name} (${count('en', s.attempts, t.attemptNoun)}) ${s.controls.join(' ')}`);
  }
  if (report.untaggedFailures.length > 0) {
    lines.push('', paint('\x1b[1;4m', ` ${t.untaggedTitle}`));
    for (const s of report.untaggedFailures) lines.push(`   ${s.name}: ${firstLine(s.error ?? s.status)}`);
  }
  lines.push(
    '',
    ` ${totalsSentence(report)}`,
    paint(
      STATUS_COLOUR[report.exitCode === 0 ? 'passed' : report.exitCode === 3 ? 'not-run' : 'failed'],
      ` Verdict: ${t.verdict[report.exitCode]} (exit ${report.exitCode})`,
    ),
    ` Reports in ${reportsDir}`,
  );
  return lines.join('\n');
}

/** "Controls: 27: 21 passed, 3 findings, …; scenarios: 38 (2 not run, 0 flaky)". */
export function totalsSentence(report: ComplianceReport, locale: 'en' | 'pt-BR' = 'en'): string {
  const t = messages(locale);
  const x = report.totals;
  const parts = (['passed', 'failed', 'waived', 'finding', 'not-run', 'planned'] as const).map((s) =>
    count(locale, x[s], t.statusCounts[s]),
  );
  const s = report.scenarios;
  return (
    `${count(locale, report.controls.length, t.controlNoun)}: ${parts.join(', ')}; ` +
    `${count(locale, s.total, t.scenarioNoun)} (${count(locale, s.notRun, t.statusCounts['not-run'])}, ` +
    `${count(locale, s.flaky, t.flaky)})`
  );
}

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
