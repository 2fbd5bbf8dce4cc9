/**
 * One call writes every compliance output of a run from Cucumber's message stream:
 * compliance.json, junit.xml, the HTML page and its PDF in English and Brazilian Portuguese, the
 * evidence folders with their SHA-256 manifest, the Allure report, and the console summary. The
 * exit code follows the contract: 0 every non-waived control passed, 1 a control failed, 2 the
 * tool or the target failed (no results, unreadable catalogue or waivers), 3 nothing failed but
 * a control was not run. Callers write into a staging folder and swap it in (output-folder.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabEnvironment } from '../targets/lab-environment.ts';
import { generateAllureReport } from './allure-report.ts';
import { CatalogueError, DEFAULT_CATALOGUE, loadCatalogue } from './catalogue.ts';
import { formatConsoleSummary, useColour } from './console-summary.ts';
import { githubActions, verdictAnnotations } from './github-annotations.ts';
import { hdfJson } from './hdf.ts';
import { junitXml } from './junit.ts';
import { sarifLog } from './sarif.ts';
import { writeEvidence, writeManifest } from './evidence.ts';
import { renderComplianceHtml } from './html-report.ts';
import { LOCALES, resolveTimeZone, type Locale } from './i18n.ts';
import { printPdfs } from './pdf.ts';
import { createRedactor, environmentSecrets, redactDeep } from './redaction.ts';
import { buildComplianceReport, type ComplianceReport } from './report-model.ts';
import { readRunMetadata, type RunMetadata } from './run-metadata.ts';
import { readEnvelopes, resultsOf, runInfoOf } from './run-results.ts';
import type { ControlVerdict, ExitCode } from './verdicts.ts';
import { loadWaivers, WaiverFileError } from './waivers.ts';
import { savedWorkflowDrawings } from './workflow-svg.ts';

export type { ControlVerdict } from './verdicts.ts';

export interface ComplianceInput {
  /** Holds the run's inputs (message stream, run-metadata.json, allure-results); outputs go here too. */
  reportsDir: string;
  /** The folder named to people (the final one, when reportsDir is a staging folder). */
  displayDir?: string;
  /** IANA time zone of the reports' dates; default the machine's. */
  timeZone?: string;
  environment: LabEnvironment | null;
  /** --waivers FILE; default ./waivers.json when it exists. */
  waiversFile?: string;
  catalogueFile?: string;
  /** Run metadata collected before the run; default reports/run-metadata.json. */
  metadata?: RunMetadata;
  /** Secrets to remove besides the lab's own (for example ones a test planted). */
  extraSecrets?: string[];
  /** The date waivers are judged against. */
  now?: Date;
  pdf?: boolean;
  allure?: boolean;
  colour?: boolean;
}

export interface ComplianceSummary {
  exitCode: ExitCode;
  consoleText: string;
  controls: ControlVerdict[];
  report?: ComplianceReport;
  /** Every file written (absolute paths). */
  files: string[];
  /** Outputs that could not be written (PDF without a browser, Allure failure): warnings. */
  problems: string[];
}

export async function writeComplianceReports(input: ComplianceInput): Promise<ComplianceSummary> {
  const { reportsDir } = input;
  const messagesFile = join(reportsDir, 'cucumber-messages.ndjson');
  if (!existsSync(messagesFile))
    return toolFailure(`no test results at ${messagesFile}: the run did not start`);
  let catalogue, waivers;
  try {
    catalogue = loadCatalogue(input.catalogueFile ?? DEFAULT_CATALOGUE);
    waivers = loadWaivers(input.waiversFile, new Set(catalogue.controls.map((c) => c.id)));
  } catch (error) {
    if (error instanceof CatalogueError || error instanceof WaiverFileError)
      return toolFailure(error.message);
    throw error;
  }
  const envelopes = readEnvelopes(messagesFile);
  const saved = input.metadata ?? readRunMetadata(reportsDir);
  const scenarios = resultsOf(envelopes, saved.selection);
  const info = runInfoOf(envelopes);
  const timeZone = resolveTimeZone(input.timeZone);
  const run: RunMetadata = {
    ...saved,
    startedAt: info.startedAt ?? saved.startedAt,
    finishedAt: info.finishedAt ?? saved.finishedAt,
    cucumberVersion: info.cucumberVersion ?? saved.cucumberVersion,
  };
  const redact = createRedactor([...environmentSecrets(input.environment), ...(input.extraSecrets ?? [])]);
  const now = input.now ?? new Date();
  const runId = saved.runId ?? randomUUID();
  const report = redactDeep(
    buildComplianceReport({ scenarios, catalogue, waivers, run, now, runId }),
    redact,
  );

  const files: string[] = [];
  const problems: string[] = [];
  const evidence = await writeEvidence(reportsDir, report.controls, scenarios, redact);
  const jsonFile = join(reportsDir, 'compliance.json');
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  const junitFile = join(reportsDir, 'junit.xml');
  writeFileSync(junitFile, redact(junitXml(report)));
  const sarifFile = join(reportsDir, 'compliance.sarif');
  writeFileSync(sarifFile, redact(`${JSON.stringify(sarifLog(report), null, 2)}\n`));
  const hdfFile = join(reportsDir, 'compliance.hdf.json');
  writeFileSync(hdfFile, redact(`${JSON.stringify(hdfJson(report), null, 2)}\n`));
  files.push(jsonFile, junitFile, sarifFile, hdfFile);
  const drawings = savedWorkflowDrawings(scenarios);
  const pages = LOCALES.map((locale) => {
    const html = join(reportsDir, `compliance-report.${locale}.html`);
    writeFileSync(html, redact(renderComplianceHtml(report, locale, drawings, { timeZone })));
    files.push(html);
    return [html, join(reportsDir, `compliance-report.${locale}.pdf`), locale] as [string, string, Locale];
  });
  if (input.pdf !== false) {
    try {
      files.push(...(await printPdfs(pages, report)));
    } catch (error) {
      problems.push(`PDF not written: ${firstLine(error)}`);
    }
  }
  if (input.allure !== false) {
    try {
      const allure = await generateAllureReport(reportsDir, redact, report);
      if (allure) files.push(allure);
    } catch (error) {
      problems.push(`Allure report not written: ${firstLine(error)}`);
    }
  }
  const manifestDigest = writeManifest(reportsDir, evidence, files, { runId, toolVersion: run.toolVersion });
  files.push(
    ...evidence.map((e) => join(reportsDir, e.path)),
    join(reportsDir, 'evidence', 'manifest.json'),
    join(reportsDir, 'evidence', 'manifest.json.sha256'),
  );

  const evidenceIndex = new Map(
    evidence
      .filter((e) => e.control && e.scenario && e.path.endsWith('scenario.txt'))
      .map((e) => [`${e.control}\0${e.scenario}`, e.path]),
  );
  const consoleText = [
    formatConsoleSummary(report, input.displayDir ?? reportsDir, {
      colour: input.colour ?? useColour(),
      columns: process.stdout.isTTY ? process.stdout.columns : undefined,
      evidence: evidenceIndex,
    }),
    ` Evidence manifest SHA-256 ${manifestDigest}`,
    ...problems.map((p) => ` Warning: ${p}`),
    // On a GitHub runner: failed controls as error annotations, controls not run as warnings.
    ...(githubActions() ? verdictAnnotations(report) : []),
  ].join('\n');
  return { exitCode: report.exitCode, consoleText, controls: report.controls, report, files, problems };
}

function toolFailure(message: string): ComplianceSummary {
  return { exitCode: 2, consoleText: `misp-lab: ${message}`, controls: [], files: [], problems: [message] };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
