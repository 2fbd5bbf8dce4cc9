/**
 * The words of every report in English and in Brazilian Portuguese (the workshop's language).
 * Plurals and dates come from Intl (CLDR rules), so "1 control" / "2 controls" and
 * "1 constatação" / "3 constatações" follow each language, and dates read in the reader's
 * time zone (--timezone, default the machine's). Control texts come from the catalogue.
 */
import type { Area, ControlKind, Severity } from './catalogue.ts';
import { en } from './i18n-en.ts';
import { ptBR } from './i18n-pt-br.ts';
import type { NotRunReason } from './not-run.ts';
import type { ControlStatus, ExitCode } from './verdicts.ts';

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

/** One noun or adjective in Intl.PluralRules' categories ("one" and "other" are enough here). */
export interface PluralForms {
  one: string;
  other: string;
}

export interface Messages {
  reportTitle: string;
  generatedAt: string;
  verdict: Record<ExitCode, string>;
  exitCode: string;
  runDetails: string;
  runId: string;
  target: string;
  /** What the target is: the reference server simulating MISP, or a real deployment. */
  targetLabel: (target: string | null, mispVersion: string | null) => string;
  mispUrl: string;
  mispVersion: string;
  tool: string;
  started: string;
  finished: string;
  timeZone: string;
  settings: string;
  unknown: string;
  byArea: string;
  severityLadder: string;
  controls: string;
  id: string;
  title: string;
  severity: string;
  impact: string;
  status: string;
  mappings: string;
  scenarioNoun: PluralForms;
  controlNoun: PluralForms;
  attemptNoun: PluralForms;
  scenarios: string;
  rationale: string;
  remediation: string;
  notRunTitle: string;
  notRunReason: (reason: NotRunReason) => string;
  waiver: string;
  approver: string;
  justification: string;
  validity: string;
  residualRisk: string;
  waiverExpired: (date: string) => string;
  waiverNotYet: (date: string) => string;
  notInCatalogue: string;
  /** As an adjective of scenarios: "2 flaky", "2 instáveis". */
  flaky: PluralForms;
  flakyTitle: string;
  flakyNone: string;
  untaggedTitle: string;
  workflowGraphs: string;
  /** Under each graph: it is what the target saved, read back in that scenario. */
  /** `scenarios`: the quoted names already joined by listOf; `n` how many. */
  workflowSavedBy: (scenarios: string, n: number) => string;
  evidence: string;
  page: string;
  of: string;
  statuses: Record<ControlStatus, string>;
  /** The status as an adjective agreeing with a count of controls ("3 passed", "3 aprovados"). */
  statusCounts: Record<ControlStatus, PluralForms>;
  scenarioStatuses: Record<string, string>;
  severities: Record<Severity, string>;
  areas: Record<Area, string>;
  kinds: Record<ControlKind, string>;
}

export function messages(locale: Locale): Messages {
  return locale === 'pt-BR' ? ptBR : en;
}

/** "1 scenario", "38 scenarios", "1 constatação", "3 constatações". */
/** A scenario's name in the report's language: its pt-BR line in pt-BR, the Gherkin name otherwise. */
export function scenarioName(scenario: { name: string; namePtBr?: string }, locale: Locale): string {
  return locale === 'pt-BR' && scenario.namePtBr ? scenario.namePtBr : scenario.name;
}

/** "a", "b" and "c" / "a", "b" e "c": a list of names joined as the language does. */
export function listOf(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export function count(locale: Locale, n: number, forms: PluralForms): string {
  const category = new Intl.PluralRules(locale).select(n);
  return `${new Intl.NumberFormat(locale).format(n)} ${category === 'one' ? forms.one : forms.other}`;
}

/** A date and time as a reader of `locale` writes it, in `timeZone` (named, e.g. "UTC−3"). */
export function formatDate(iso: string | null, locale: Locale, timeZone?: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'long',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** The time zone reports use: --timezone, or the machine's. A bad name is a clear error. */
export function resolveTimeZone(requested: string | undefined): string {
  const zone = requested ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new RangeError(`unknown time zone "${zone}" (use an IANA name such as America/Sao_Paulo or UTC)`);
  }
  return zone;
}

/** The reference server and its images simulate MISP; only "external" is a real deployment. */
export function isSimulatedTarget(target: string | null): boolean {
  return target === 'embedded' || target === 'containers';
}
