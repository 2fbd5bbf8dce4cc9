/**
 * From scenario results to control verdicts: the one place where statuses, waivers, findings
 * and the exit code are decided, so the console, JSON, HTML and PDF cannot disagree.
 */
import { controlById, controlIdOfTag, type Area, type Catalogue, type Control } from './catalogue.ts';
import { describeNotRun, type NotRunReason } from './not-run.ts';
import type { ScenarioResult } from './run-results.ts';
import { waiverFor, type Waiver, type WaiverState } from './waivers.ts';

/**
 * passed: every scenario passed · failed: one did not · waived: an active waiver covers it ·
 * finding: an informational finding was observed · not-run: at least one of its scenarios did
 * not run (left out or skipped, with the reason) and none failed · planned: in the catalogue,
 * no scenario yet.
 */
export type ControlStatus = 'passed' | 'failed' | 'waived' | 'finding' | 'not-run' | 'planned';
export const STATUSES: ControlStatus[] = ['failed', 'waived', 'finding', 'passed', 'not-run', 'planned'];

export interface ScenarioVerdict {
  name: string;
  /** pt-BR name from the feature file, when it has one. */
  namePtBr?: string;
  feature: string;
  uri: string;
  line: number;
  status: string;
  attempts: number;
  durationMs: number;
  flaky: boolean;
  error?: string;
  /** Why it did not run, and the same in English words for tools. */
  notRun?: NotRunReason & { reason: string };
}

export interface ControlVerdict extends Omit<Control, 'planned'> {
  status: ControlStatus;
  /** What the scenarios showed, before any waiver. */
  outcome: 'passed' | 'failed' | 'not-run';
  planned: boolean;
  /** False for an @control tag that is not in the catalogue. */
  inCatalogue: boolean;
  waiver?: Waiver & { state: WaiverState };
  note?: string;
  /** For a not-run control: each distinct reason among its scenarios. */
  notRunReasons?: (NotRunReason & { reason: string })[];
  scenarios: ScenarioVerdict[];
}

export interface Verdicts {
  controls: ControlVerdict[];
  totals: Record<ControlStatus, number>;
  byArea: Record<string, Record<ControlStatus, number>>;
  flaky: (ScenarioVerdict & { controls: string[] })[];
  /** Failed scenarios that carry no control tag: they still fail the run. */
  untaggedFailures: ScenarioVerdict[];
  exitCode: ExitCode;
}

/**
 * 0 every non-waived control passed · 1 a control (or an untagged scenario) failed · 2 the tool
 * or the target failed · 3 nothing failed, but a control that is not planned was not run: never
 * green on what did not run.
 */
export type ExitCode = 0 | 1 | 2 | 3;

const OK = new Set(['passed', 'skipped']);

export function decideVerdicts(
  scenarios: ScenarioResult[],
  catalogue: Catalogue,
  waivers: Waiver[],
  now: Date,
): Verdicts {
  const known = controlById(catalogue);
  const byControl = new Map<string, ScenarioResult[]>(catalogue.controls.map((c) => [c.id, []]));
  for (const s of scenarios)
    for (const id of s.tags.map(controlIdOfTag).filter((x): x is string => !!x))
      byControl.set(id, [...(byControl.get(id) ?? []), s]);
  // Feature file and line order: the same for one run and for merged shards.
  for (const list of byControl.values())
    list.sort((a, b) => (a.uri === b.uri ? a.line - b.line : a.uri < b.uri ? -1 : 1));

  const controls = [...byControl.entries()].map(([id, list]) =>
    verdictOf(id, known.get(id), list, waivers, now),
  );
  controls.sort((a, b) => a.id.localeCompare(b.id));
  const waivedIds = new Set(controls.filter((c) => c.status === 'waived').map((c) => c.id));
  const flaky = scenarios
    .filter((s) => s.flaky)
    .map((s) => ({
      ...scenarioVerdict(s),
      controls: s.tags.map(controlIdOfTag).filter((x): x is string => !!x),
    }));
  const untaggedFailures = scenarios
    .filter((s) => !OK.has(s.status) && !s.tags.some((t) => controlIdOfTag(t)))
    .map(scenarioVerdict);
  // A failed scenario fails the run unless every control it carries is waived.
  const failingScenario = scenarios.some((s) => {
    const ids = s.tags.map(controlIdOfTag).filter((x): x is string => !!x);
    return !OK.has(s.status) && (ids.length === 0 || ids.some((id) => !waivedIds.has(id)));
  });
  const ran = scenarios.filter((s) => s.attempts > 0);
  const exitCode: ExitCode =
    ran.length === 0
      ? 2
      : failingScenario || controls.some((c) => c.status === 'failed')
        ? 1
        : controls.some((c) => c.status === 'not-run' && !outOfScope(c))
          ? 3
          : 0;
  return {
    controls,
    totals: count(controls),
    byArea: countByArea(controls),
    flaky,
    untaggedFailures,
    exitCode,
  };
}

/**
 * Not run only because the profile does not set out to check it, or because it cannot apply to
 * this target (a page only the lab's own server has): not-run.ts 'out-of-scope', 'not-applicable'.
 */
export function outOfScope(control: ControlVerdict): boolean {
  const reasons = control.notRunReasons ?? [];
  return reasons.length > 0 && reasons.every((r) => r.code === 'out-of-scope' || r.code === 'not-applicable');
}

function verdictOf(
  id: string,
  control: Control | undefined,
  list: ScenarioResult[],
  waivers: Waiver[],
  now: Date,
): ControlVerdict {
  // Passed only when every scenario ran and passed: a control half run is not a pass.
  const outcome: ControlVerdict['outcome'] = list.some((s) => !OK.has(s.status))
    ? 'failed'
    : list.length === 0 || list.some((s) => s.status === 'skipped')
      ? 'not-run'
      : 'passed';
  const decided = control && waiverFor(id, waivers, now);
  const waiver = decided ? { ...decided.waiver, state: decided.state } : undefined;
  let status: ControlStatus =
    outcome === 'passed' && control?.kind === 'informational finding' ? 'finding' : outcome;
  if (list.length === 0 && control?.planned) status = 'planned';
  let note: string | undefined;
  if (waiver?.state === 'active') status = 'waived';
  else if (waiver?.state === 'expired') note = `waiver expired on ${waiver.expires}`;
  else if (waiver?.state === 'not-yet-effective') note = `waiver not effective until ${waiver.effective}`;
  if (!control) note = 'this @control tag is not in the catalogue';
  const reasons = status === 'not-run' ? distinctReasons(list) : [];
  return {
    id,
    title: control?.title ?? id,
    titlePtBr: control?.titlePtBr,
    rationale: control?.rationale ?? '',
    ...(control?.rationalePtBr ? { rationalePtBr: control.rationalePtBr } : {}),
    ...(control?.remediation ? { remediation: control.remediation } : {}),
    ...(control?.remediationPtBr ? { remediationPtBr: control.remediationPtBr } : {}),
    area: control?.area ?? ('lab' as Area),
    kind: control?.kind ?? 'control',
    severity: control?.severity ?? 'info',
    impact: control?.impact ?? 0,
    mappings: control?.mappings ?? {},
    planned: control?.planned === true,
    inCatalogue: control !== undefined,
    status,
    outcome,
    ...(waiver ? { waiver } : {}),
    ...(note ? { note } : {}),
    ...(reasons.length > 0 ? { notRunReasons: reasons } : {}),
    scenarios: list.map(scenarioVerdict),
  };
}

function scenarioVerdict(s: ScenarioResult): ScenarioVerdict {
  return {
    name: s.name,
    ...(s.namePtBr ? { namePtBr: s.namePtBr } : {}),
    feature: s.feature,
    uri: s.uri,
    line: s.line,
    status: s.status,
    attempts: s.attempts,
    durationMs: s.durationMs,
    flaky: s.flaky,
    ...(s.errorMessage ? { error: s.errorMessage } : {}),
    ...(s.notRun ? { notRun: { ...s.notRun, reason: describeNotRun(s.notRun) } } : {}),
  };
}

function distinctReasons(list: ScenarioResult[]): (NotRunReason & { reason: string })[] {
  if (list.length === 0) return [{ code: 'no-scenario', reason: describeNotRun({ code: 'no-scenario' }) }];
  const seen = new Map<string, NotRunReason & { reason: string }>();
  for (const s of list)
    if (s.notRun) seen.set(describeNotRun(s.notRun), { ...s.notRun, reason: describeNotRun(s.notRun) });
  return [...seen.values()];
}

export function emptyTotals(): Record<ControlStatus, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
}

function count(controls: ControlVerdict[]): Record<ControlStatus, number> {
  const totals = emptyTotals();
  for (const c of controls) totals[c.status] += 1;
  return totals;
}

function countByArea(controls: ControlVerdict[]): Record<string, Record<ControlStatus, number>> {
  const areas: Record<string, Record<ControlStatus, number>> = {};
  for (const c of controls) (areas[c.area] ??= emptyTotals())[c.status] += 1;
  return areas;
}
