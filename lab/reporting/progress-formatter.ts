/**
 * Live progress for `misp-lab check` (a Cucumber formatter): one line per scenario as it ends,
 *   [12/38] MISP-AUTH-010 Brute-force lockout … passed 6.6 s
 * instead of hundreds of dots. A failure gets its first line under it (the full story is in
 * the evidence folder the summary names). On GitHub Actions the scenarios are one collapsible
 * group and every failure is an error annotation on its feature file and line.
 */
import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import { TimeConversion, type Envelope } from '@cucumber/messages';
import { Query } from '@cucumber/query';
import { controlIdOfTag } from './catalogue.ts';
import { githubActions, githubCommand } from './github-annotations.ts';

/** "38 scenarios, 112.4 s" and the plain count line CI log readers look for. */
function closingLines(query: Query): string {
  const statuses = query
    .findAllTestCaseStarted()
    .map((started) => query.findMostSevereTestStepResultBy(started)?.status ?? 'UNKNOWN');
  const passed = statuses.filter((s) => s === 'PASSED').length;
  const skipped = statuses.filter((s) => s === 'SKIPPED').length;
  const duration = query.findTestRunDuration();
  const seconds = duration ? TimeConversion.durationToMilliseconds(duration) / 1000 : 0;
  const noun = statuses.length === 1 ? 'scenario' : 'scenarios';
  return (
    `\n${statuses.length} ${noun}, ${seconds.toFixed(1)} s\n` +
    `Scenarios: ${passed} passed, ${statuses.length - passed - skipped} failed, ${skipped} skipped\n`
  );
}

export default class ProgressFormatter extends Formatter {
  static override readonly documentation =
    'One line per finished scenario: [n/total] control, name, status, time';

  constructor(options: IFormatterOptions) {
    super(options);
    const query = new Query();
    const onGithub = githubActions();
    let total = 0;
    let done = 0;
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => {
      query.update(envelope);
      if (envelope.testCase) total += 1;
      if (envelope.testRunStarted && onGithub) this.log(`::group::Scenarios\n`);
      if (envelope.testRunFinished) {
        if (onGithub) this.log(`::endgroup::\n`);
        this.log(closingLines(query));
      }
      const finished = envelope.testCaseFinished;
      if (!finished) return;
      const started = query.findTestCaseStartedBy(finished);
      const pickle = started && query.findPickleBy(started);
      if (!started || !pickle) return;
      const result = query.findMostSevereTestStepResultBy(started);
      const status = (result?.status ?? 'UNKNOWN').toLowerCase();
      const duration = query.findTestCaseDurationBy(started);
      const seconds = duration ? TimeConversion.durationToMilliseconds(duration) / 1000 : 0;
      const controls = pickle.tags.map((t) => controlIdOfTag(t.name)).filter((id): id is string => !!id);
      const label = [...controls, pickle.name].join(' ');
      if (finished.willBeRetried) {
        this.log(`[retry] ${label} ${status} after ${seconds.toFixed(1)} s, trying again\n`);
        return;
      }
      done += 1;
      const width = String(total).length;
      this.log(`[${String(done).padStart(width)}/${total}] ${label} … ${status} ${seconds.toFixed(1)} s\n`);
      if (status === 'passed' || status === 'skipped') return;
      const message = (result?.message ?? status).split('\n')[0] ?? status;
      this.log(`${' '.repeat(2 * width + 4)}${message}\n`);
      if (onGithub) {
        const line = query.findLocationOf(pickle)?.line;
        this.log(
          `${githubCommand('error', `${message}`, { file: pickle.uri, ...(line ? { line: String(line) } : {}), title: label })}\n`,
        );
      }
    });
  }
}
