/**
 * GitHub Actions workflow commands (::error, ::warning, ::group::): on a GitHub runner a failed
 * control becomes an annotation on its feature file and a control that did not run a warning,
 * so a pull request shows them without opening the log.
 */
import type { ComplianceReport } from './report-model.ts';

export function githubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** One command line; values are escaped as the runner expects (%, CR, LF, and , : in properties). */
export function githubCommand(
  command: 'error' | 'warning' | 'notice',
  message: string,
  properties: Record<string, string> = {},
): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Annotations for the verdict: failed controls as errors, controls not run as warnings. */
export function verdictAnnotations(report: ComplianceReport): string[] {
  return report.controls.flatMap((c) => {
    if (c.status === 'failed') {
      const s = c.scenarios.find((x) => x.status !== 'passed' && x.status !== 'skipped');
      return [
        githubCommand('error', `${c.title}: ${(s?.error ?? 'failed').split('\n')[0]}`, {
          title: `${c.id} failed (${c.severity})`,
          ...(s ? { file: s.uri, line: String(s.line) } : {}),
        }),
      ];
    }
    if (c.status === 'not-run')
      return [
        githubCommand('warning', (c.notRunReasons ?? []).map((r) => r.reason).join('; ') || 'not run', {
          title: `${c.id} not run`,
        }),
      ];
    return [];
  });
}
