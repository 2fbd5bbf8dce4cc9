/**
 * Lint of the control catalogue against the feature files (part of `npm run lint`): fails on an
 * @control tag that is not in the catalogue, and on a control that no scenario checks unless it
 * is marked "planned" (those are printed as warnings), and on a scenario without its pt-BR name.
 * Usage: node --import tsx scripts/lint-controls.ts [--features DIR] [--catalogue FILE]
 */
import { parseArgs } from 'node:util';
import { loadCatalogue, DEFAULT_CATALOGUE } from '../lab/reporting/catalogue.ts';
import { controlCoverage } from '../lab/reporting/control-coverage.ts';
import { untranslatedScenarios } from '../lab/reporting/scenario-names.ts';
import { readPickles } from '../lab/reporting/tag-selection.ts';

function main(): number {
  const { values } = parseArgs({
    options: { features: { type: 'string', default: 'features' }, catalogue: { type: 'string' } },
  });
  const catalogue = loadCatalogue(values.catalogue ?? DEFAULT_CATALOGUE);
  const coverage = controlCoverage(catalogue, readPickles(values.features as string));
  for (const warning of coverage.warnings) process.stderr.write(`lint-controls: warning: ${warning}\n`);
  const errors = [...coverage.errors, ...untranslatedScenarios(values.features as string)];
  for (const error of errors) process.stderr.write(`lint-controls: error: ${error}\n`);
  if (errors.length > 0) return 1;
  process.stdout.write(
    `lint-controls: ${catalogue.controls.length} controls, every @control tag known, every scenario named in pt-BR\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`lint-controls: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
