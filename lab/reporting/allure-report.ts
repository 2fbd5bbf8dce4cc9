/**
 * The Allure report, in pure Node (Allure 3's `allure generate`, single-file mode), from the
 * allure-results Cucumber wrote. Before generating, the text attachments in allure-results go
 * through the report's redactor too: the Allure report embeds them.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { labelAllureResults } from './allure-labels.ts';
import type { Redactor } from './redaction.ts';
import type { ComplianceReport } from './report-model.ts';
import { asText, redactZip, UnsupportedZipError } from './zip-redact.ts';

const run = promisify(execFile);

export async function generateAllureReport(
  reportsDir: string,
  redact: Redactor,
  report: ComplianceReport,
): Promise<string | null> {
  const results = join(reportsDir, 'allure-results');
  if (!existsSync(results) || readdirSync(results).length === 0) return null;
  labelAllureResults(results, report);
  await redactAllureResults(results, redact);
  const output = join(reportsDir, 'allure-report');
  const config = join(reportsDir, 'allurerc.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'MISP compliance lab',
      output,
      plugins: { awesome: { options: { singleFile: true, reportName: 'MISP compliance lab' } } },
    }),
  );
  // allure's exports hide package.json: find cli.js from its main entry (dist/index.js).
  const cli = join(dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
  await run(process.execPath, [cli, 'generate', results, '--config', config, '--output', output], {
    timeout: 120_000,
    cwd: reportsDir,
    // check.ts puts `--import tsx` in NODE_OPTIONS for Cucumber's workers; Allure needs no
    // TypeScript, and tsx would not resolve from the reports folder.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return join(output, 'index.html');
}

async function redactAllureResults(dir: string, redact: Redactor): Promise<void> {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const data = readFileSync(file);
    if (name.endsWith('.zip')) {
      try {
        writeFileSync(file, await redactZip(data, redact));
      } catch (error) {
        if (!(error instanceof UnsupportedZipError)) throw error;
        writeFileSync(file, '');
      }
      continue;
    }
    const text = asText(data);
    if (text !== null) {
      const clean = redact(text);
      if (clean !== text) writeFileSync(file, clean);
    }
  }
}
