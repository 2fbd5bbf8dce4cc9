/**
 * Why a scenario did not run. A run is never green on what did not run: every scenario left out
 * (by the user's --tags, the profile, the @mutates rule, a shard) or skipped at run time (no
 * console, no such module) carries a reason, and a control with such a scenario is `not-run`.
 * Reasons are codes plus a detail, so each report words them in its own language.
 */
import parseTagExpression from '@cucumber/tag-expressions';

export type NotRunCode =
  | 'mutates-left-out'
  | 'not-selected'
  | 'not-in-profile'
  | 'out-of-scope'
  | 'not-applicable'
  | 'other-shard'
  | 'cucumber-filter'
  | 'no-console'
  | 'no-enrichment-module'
  | 'skipped'
  | 'no-scenario';

export interface NotRunReason {
  code: NotRunCode;
  /** The tag expression, shard, module name or the step's own words. */
  detail?: string;
}

/** How `check` chose its scenarios; saved in run-metadata.json so `report` can explain later. */
export interface RunSelection {
  profile: string;
  /** --tags as the user gave it. */
  userTags?: string;
  /** The expression Cucumber ran with (profile, user, @mutates rule together). */
  effectiveTags?: string;
  /** The profile's scope (lab/cli/run-selection.ts profileScope): controls outside it are out of scope. */
  scope?: string;
  /** External target without --allow-mutations. */
  mutationsLeftOut: boolean;
  shard?: { index: number; total: number };
  /** Cucumber options after `--` (e.g. --name): they narrow the run too. */
  cucumberArgs: string[];
  /**
   * Scenarios of feature files Cucumber was not even given (a shard loads only its own files):
   * without them the message stream would not know they exist.
   */
  outside?: { name: string; uri: string; line: number; tags: string[] }[];
}

export const MUTATES_TAG = '@mutates';

/** Scenario steps mark a run-time skip with `SKIPPED[code]: words` (see steps' hooks). */
const SKIP_MARK = /^SKIPPED(?:\[([a-z-]+)\])?: ([\s\S]*)$/;

export function skipMarkOf(text: string): NotRunReason | undefined {
  const match = SKIP_MARK.exec(text.trim());
  if (!match) return undefined;
  const code = (match[1] ?? 'skipped') as NotRunCode;
  return { code: KNOWN_SKIPS.has(code) ? code : 'skipped', detail: match[2]!.trim() };
}

const KNOWN_SKIPS = new Set<NotRunCode>(['no-console', 'no-enrichment-module', 'not-applicable', 'skipped']);

/** The reason a scenario Cucumber was given but did not select was left out, most specific first. */
export function whyNotSelected(tags: string[], selection: RunSelection | undefined): NotRunReason {
  if (!selection) return { code: 'not-selected' };
  if (selection.scope && !matches(selection.scope, tags))
    return { code: 'out-of-scope', detail: `${selection.profile} (${selection.scope})` };
  if (selection.mutationsLeftOut && tags.includes(MUTATES_TAG)) return { code: 'mutates-left-out' };
  if (selection.userTags && !matches(selection.userTags, tags))
    return { code: 'not-selected', detail: selection.userTags };
  if (selection.effectiveTags && !matches(selection.effectiveTags, tags))
    return { code: 'not-in-profile', detail: `${selection.profile} (${selection.effectiveTags})` };
  if (selection.shard)
    return { code: 'other-shard', detail: `${selection.shard.index}/${selection.shard.total}` };
  if (selection.cucumberArgs.length > 0)
    return { code: 'cucumber-filter', detail: selection.cucumberArgs.join(' ') };
  return { code: 'not-selected' };
}

function matches(expression: string, tags: string[]): boolean {
  try {
    return parseTagExpression(expression).evaluate(tags);
  } catch {
    return true; // an expression Cucumber accepted but we cannot read: do not guess a reason
  }
}

/** English words of a reason, for compliance.json, JUnit, SARIF and logs. */
export function describeNotRun(reason: NotRunReason): string {
  const d = reason.detail ?? '';
  switch (reason.code) {
    case 'mutates-left-out':
      return '@mutates left out: on the external target, scenarios that change settings or data run only with --allow-mutations';
    case 'not-selected':
      return d ? `not selected (--tags ${d})` : 'not selected';
    case 'not-in-profile':
      return `not in the profile ${d}`;
    case 'out-of-scope':
      return `out of the scope of the profile ${d}: not part of what this profile checks, so it does not make the run incomplete`;
    case 'not-applicable':
      return `does not apply to this target (${d}), so it does not make the run incomplete`;
    case 'other-shard':
      return `left to another shard (this run was --shard ${d})`;
    case 'cucumber-filter':
      return `not selected by the Cucumber options ${d}`;
    case 'no-console':
      return 'no MISP console: the target gives no access to cake Admin (set MISP_CONSOLE)';
    case 'no-enrichment-module':
      return `the target has no enrichment module with a configurable URL: ${d}`;
    case 'skipped':
      return d ? `skipped: ${d}` : 'skipped';
    case 'no-scenario':
      return 'no scenario of this run carries the control';
  }
}
