/**
 * `misp-lab report`: rebuild every compliance output from an existing reports folder (Cucumber's
 * message stream and run-metadata.json) without running a test, for example after editing the
 * waivers file. `misp-lab report diff A.json B.json`: controls whose status changed.
 */
import { resolve } from 'node:path';
import { writeComplianceReports } from '../reporting/compliance.ts';
import { diffReports, formatDiff, readReportForDiff, ReportReadError } from '../reporting/report-diff.ts';

export async function report(options: {
  reportsDir: string;
  waiversFile?: string;
  pdf: boolean;
  allure: boolean;
}): Promise<number> {
  const summary = await writeComplianceReports({
    reportsDir: resolve(options.reportsDir),
    environment: null,
    waiversFile: options.waiversFile,
    pdf: options.pdf,
    allure: options.allure,
  });
  if (summary.exitCode === 2 && summary.controls.length === 0) {
    process.stderr.write(`${summary.consoleText}\n`);
    return 2;
  }
  process.stdout.write(`${summary.consoleText}\n`);
  return summary.exitCode;
}

export function reportDiff(paths: string[]): number {
  if (paths.length !== 2) {
    process.stderr.write(
      'misp-lab: report diff needs two compliance.json files: misp-lab report diff A.json B.json\n',
    );
    return 2;
  }
  try {
    const [before, after] = paths.map(readReportForDiff) as [
      ReturnType<typeof readReportForDiff>,
      ReturnType<typeof readReportForDiff>,
    ];
    process.stdout.write(`${formatDiff(diffReports(before, after), paths[0]!, paths[1]!)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReportReadError)) throw error;
    process.stderr.write(`misp-lab: ${error.message}\n`);
    return 2;
  }
}
