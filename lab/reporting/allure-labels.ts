/**
 * Allure results carry what Cucumber knows (feature, tags); this adds what the catalogue and
 * the run know: per result the area as epic, the control as feature with its severity, a link
 * to the control in the compliance report, the reason on a scenario that did not run (one
 * result each for scenarios Cucumber never started); per run environment.properties (target,
 * MISP version, run id) and executor.json (this machine or the CI job).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from './catalogue.ts';
import { controlIdOfTag } from './catalogue.ts';
import { messages } from './i18n.ts';
import type { ComplianceReport } from './report-model.ts';
import type { ControlVerdict } from './verdicts.ts';

const ALLURE_SEVERITY: Record<Severity, string> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'normal',
  low: 'minor',
  info: 'trivial',
};

interface AllureResult {
  name: string;
  fullName?: string;
  status?: string;
  statusDetails?: { message?: string };
  labels: { name: string; value: string }[];
  links: { name?: string; url: string; type?: string }[];
}

export function labelAllureResults(resultsDir: string, report: ComplianceReport): void {
  const byId = new Map(report.controls.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const name of readdirSync(resultsDir).filter((n) => n.endsWith('-result.json'))) {
    const file = join(resultsDir, name);
    const result = JSON.parse(readFileSync(file, 'utf8')) as AllureResult;
    const controls = result.labels
      .filter((l) => l.name === 'tag')
      .map((l) => byId.get(controlIdOfTag(l.value) ?? ''))
      .filter((c): c is ControlVerdict => !!c);
    for (const c of controls) seen.add(`${c.id}\0${result.name}`);
    const reason = controls
      .flatMap((c) => c.scenarios)
      .find((s) => s.name === result.name && s.notRun)?.notRun;
    writeFileSync(
      file,
      JSON.stringify({
        ...result,
        labels: [...result.labels, ...labelsOf(controls)],
        links: [...result.links, ...linksOf(controls)],
        ...(reason ? { statusDetails: { ...result.statusDetails, message: reason.reason } } : {}),
      }),
    );
  }
  // Scenarios left out of the run are in no result file: Allure shows them skipped, with why.
  const start = Date.parse(report.run.startedAt ?? report.generatedAt);
  const leftOut = new Map<string, { s: ControlVerdict['scenarios'][number]; controls: ControlVerdict[] }>();
  for (const c of report.controls)
    for (const s of c.scenarios)
      if (s.notRun && s.attempts === 0 && !seen.has(`${c.id}\0${s.name}`)) {
        const key = `${s.uri}:${s.line}\0${s.name}`;
        leftOut.set(key, { s, controls: [...(leftOut.get(key)?.controls ?? []), c] });
      }
  for (const { s, controls } of leftOut.values()) {
    const result = {
      uuid: randomUUID(),
      name: s.name,
      fullName: `misp-compliance-lab:${s.uri}#${s.name}`,
      status: 'skipped',
      statusDetails: { message: s.notRun!.reason },
      stage: 'finished',
      start,
      stop: start,
      labels: [{ name: 'feature', value: s.feature }, ...labelsOf(controls)],
      links: linksOf(controls),
      steps: [],
      attachments: [],
      parameters: [],
    };
    writeFileSync(join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
  }
  writeFileSync(join(resultsDir, 'environment.properties'), environmentOf(report));
  writeFileSync(join(resultsDir, 'executor.json'), JSON.stringify(executorOf(report, process.env)));
}

function labelsOf(controls: ControlVerdict[]): { name: string; value: string }[] {
  const t = messages('en');
  return controls.flatMap((c) => [
    { name: 'epic', value: t.areas[c.area] },
    { name: 'story', value: `${c.id} ${c.title}` },
    { name: 'severity', value: ALLURE_SEVERITY[c.severity] },
    { name: 'controlId', value: c.id },
    ...(c.mappings['nist-800-53'] ?? []).map((ref) => ({ name: 'nist-800-53', value: ref })),
  ]);
}

function linksOf(controls: ControlVerdict[]): { name: string; url: string; type: string }[] {
  return controls.map((c) => ({ name: c.id, url: `../compliance-report.en.html#${c.id}`, type: 'tms' }));
}

function environmentOf(report: ComplianceReport): string {
  const run = report.run;
  const entries: [string, string][] = [
    ['Run id', report.runId],
    ['Target', messages('en').targetLabel(run.target, run.mispVersion)],
    ['MISP version', run.mispVersion ?? 'unknown'],
    ['MISP URL', run.mispUrl ?? 'unknown'],
    ['Tool', run.toolVersion],
    ['Node', run.nodeVersion],
    ['Exit code', String(report.exitCode)],
  ];
  // .properties: escape the separators and non-Latin-1 characters.
  const escape = (s: string) =>
    s
      .replace(/[\\:=\s]/g, (c) => (c === ' ' ? '\\ ' : `\\${c}`))
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return entries.map(([k, v]) => `${escape(k)}=${escape(v)}`).join('\n') + '\n';
}

export function executorOf(report: ComplianceReport, env: NodeJS.ProcessEnv): Record<string, string> {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
      name: 'GitHub Actions',
      type: 'github',
      buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID}`,
      buildUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
      reportName: `MISP compliance ${report.runId}`,
    };
  }
  return {
    name: env.CI ? 'CI' : 'misp-lab on this machine',
    type: env.CI ? 'ci' : 'local',
    buildName: report.runId,
    reportName: `MISP compliance ${report.runId}`,
  };
}
