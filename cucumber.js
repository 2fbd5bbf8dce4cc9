// Cucumber profiles. `misp-lab check` loads these; `npx cucumber-js` works too when tsx is
// registered (NODE_OPTIONS='--import tsx'). Reports go under reports/.
const common = {
  paths: ['features/**/*.feature'],
  // Unit tests beside step code (*.test.ts) import vitest: never load them into Cucumber.
  import: ['steps/**/!(*.test).ts'],
  // One line per scenario as it ends (lab/reporting/progress-formatter.ts). junit.xml is written
  // per control by misp-lab's reporting, not by Cucumber's per-feature formatter.
  format: [
    './lab/reporting/progress-formatter.ts',
    'message:reports/cucumber-messages.ndjson',
    'html:reports/cucumber-report.html',
    'rerun:reports/rerun.txt',
    'allure-cucumberjs/reporter:reports/allure.out',
  ],
  formatOptions: { resultsDir: 'reports/allure-results', snippetInterface: 'async-await' },
  // Only scenarios tagged @flaky get retried; reports show them apart from failures.
  retry: 2,
  retryTagFilter: '@flaky',
};

export default common;

/** CI: the same suite, failing fast on undefined or pending steps. */
export const ci = { ...common, strict: true };

/** Trainers: only the workshop's own scenarios, in the order of the slides. */
export const workshop = { ...common, tags: '@workshop' };

/**
 * Auditors: the read-only posture controls of a deployment (features/posture), nothing that
 * writes. misp-lab reports the other controls as out of this profile's scope, so it can exit 0.
 */
export const posture = { ...common, tags: '@posture' };
