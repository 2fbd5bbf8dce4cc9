/**
 * Reads Cucumber's message stream (reports/cucumber-messages.ndjson) into one result per
 * scenario, with Cucumber's own message index (@cucumber/query): name, tags, final status (the
 * last attempt counts; earlier attempts are flaky retries), attachments of every attempt. The
 * scenarios Cucumber was given but did not select are results too, not run, with the reason.
 * Every report is built from this, so they cannot disagree.
 */
import { readFileSync } from 'node:fs';
import { TimeConversion, type Envelope, type Pickle, type TestCaseStarted } from '@cucumber/messages';
import { Query } from '@cucumber/query';
import { skipMarkOf, whyNotSelected, type NotRunReason, type RunSelection } from './not-run.ts';
import { PT_BR_NAME_LINE } from './scenario-names.ts';

export type ScenarioStatus =
  'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown';

export interface ScenarioAttachment {
  mediaType: string;
  fileName?: string;
  body: string;
  encoding: 'BASE64' | 'IDENTITY';
  /** The step it was attached in ("" for hooks), for captions. */
  step: string;
  /** 1-based attempt, for attachments of a retried scenario. */
  attempt: number;
}

export interface ScenarioResult {
  id: string;
  name: string;
  /** The scenario's name in pt-BR: its description line `pt-BR: …`, outline values filled in. */
  namePtBr?: string;
  feature: string;
  uri: string;
  line: number;
  tags: string[];
  status: ScenarioStatus;
  attempts: number;
  /** Passed only after a retry: reported apart from failures. */
  flaky: boolean;
  /** Set when the scenario did not run (not selected, or skipped with a reason). */
  notRun?: NotRunReason;
  errorMessage?: string;
  durationMs: number;
  steps: { text: string; status: ScenarioStatus }[];
  attachments: ScenarioAttachment[];
}

export function readEnvelopes(messagesFile: string): Envelope[] {
  return readFileSync(messagesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Envelope);
}

export function readRunResults(messagesFile: string, selection?: RunSelection): ScenarioResult[] {
  return resultsOf(readEnvelopes(messagesFile), selection);
}

export function resultsOf(envelopes: Envelope[], selection?: RunSelection): ScenarioResult[] {
  const query = new Query();
  for (const envelope of envelopes) query.update(envelope);
  const attemptsOf = attemptsByTestCase(envelopes);
  const ran = new Set<string>();
  const results = query.findAllTestCaseStarted().map((started) => {
    const pickle = query.findPickleBy(started)!;
    ran.add(pickle.id);
    return resultOf(query, started, pickle, attemptsOf.get(started.testCaseId) ?? [started]);
  });
  const notSelected = query
    .findAllPickles()
    .filter((pickle) => !ran.has(pickle.id))
    .map((pickle) => ({
      ...base(query, pickle, `not-run:${pickle.id}`),
      status: 'skipped' as const,
      attempts: 0,
      flaky: false,
      notRun: whyNotSelected(
        pickle.tags.map((t) => t.name),
        selection,
      ),
      durationMs: 0,
      steps: pickle.steps.map((s) => ({ text: s.text, status: 'skipped' as const })),
      attachments: [],
    }));
  const streamUris = new Set(query.findAllPickles().map((p) => p.uri));
  const outside = (selection?.outside ?? [])
    .filter((p) => !streamUris.has(p.uri))
    .map((p) => ({
      id: `not-run:${p.uri}:${p.line}`,
      name: p.name,
      feature: p.uri,
      uri: p.uri,
      line: p.line,
      tags: p.tags,
      status: 'skipped' as const,
      attempts: 0,
      flaky: false,
      notRun: whyNotSelected(p.tags, selection),
      durationMs: 0,
      steps: [],
      attachments: [],
    }));
  return [...results, ...notSelected, ...outside];
}

function base(query: Query, pickle: Pickle, id: string) {
  const lineage = query.findLineageBy(pickle);
  const namePtBr = translatedName(lineage);
  return {
    id,
    name: pickle.name,
    ...(namePtBr ? { namePtBr } : {}),
    feature: lineage?.feature?.name ?? pickle.uri,
    uri: pickle.uri,
    line: query.findLocationOf(pickle)?.line ?? 0,
    tags: pickle.tags.map((t) => t.name),
  };
}

function resultOf(
  query: Query,
  started: TestCaseStarted,
  pickle: Pickle,
  attempts: TestCaseStarted[],
): ScenarioResult {
  const worst = query.findMostSevereTestStepResultBy(started);
  const status = (worst?.status.toLowerCase() ?? 'unknown') as ScenarioStatus;
  const steps = query
    .findTestStepFinishedAndTestStepBy(started)
    .filter(([, step]) => step.pickleStepId)
    .map(([finished, step]) => ({
      text: query.findPickleStepBy(step)?.text ?? '',
      status: finished.testStepResult.status.toLowerCase() as ScenarioStatus,
    }));
  const attachments = attempts.flatMap((attempt) => attachmentsOf(query, attempt));
  const skip =
    status === 'skipped'
      ? attachments
          .filter((a) => a.encoding === 'IDENTITY' && a.mediaType.startsWith('text/'))
          .map((a) => skipMarkOf(a.body))
          .find((r) => r !== undefined)
      : undefined;
  const duration = query.findTestCaseDurationBy(started);
  return {
    ...base(query, pickle, started.testCaseId),
    status,
    attempts: started.attempt + 1,
    flaky: status === 'passed' && started.attempt > 0,
    ...(status === 'skipped' ? { notRun: skip ?? { code: 'skipped' as const } } : {}),
    ...(worst?.message && status !== 'passed' ? { errorMessage: worst.message } : {}),
    durationMs: duration ? TimeConversion.durationToMilliseconds(duration) : 0,
    steps,
    attachments,
  };
}

function attachmentsOf(query: Query, started: TestCaseStarted): ScenarioAttachment[] {
  return query.findTestStepFinishedAndTestStepBy(started).flatMap(([finished, step]) => {
    const text = step.pickleStepId ? (query.findPickleStepBy(step)?.text ?? '') : '';
    return query.findAttachmentsBy(finished).map((a) => ({
      mediaType: a.mediaType,
      ...(a.fileName ? { fileName: a.fileName } : {}),
      body: a.body,
      encoding: a.contentEncoding === 'BASE64' ? ('BASE64' as const) : ('IDENTITY' as const),
      step: text,
      attempt: started.attempt + 1,
    }));
  });
}

/** Every attempt of each test case, oldest first (Query hides the retried ones). */
function attemptsByTestCase(envelopes: Envelope[]): Map<string, TestCaseStarted[]> {
  const byCase = new Map<string, TestCaseStarted[]>();
  for (const e of envelopes)
    if (e.testCaseStarted)
      byCase.set(e.testCaseStarted.testCaseId, [
        ...(byCase.get(e.testCaseStarted.testCaseId) ?? []),
        e.testCaseStarted,
      ]);
  return byCase;
}

export interface RunInfo {
  startedAt: string | null;
  finishedAt: string | null;
  cucumberVersion: string | null;
}

/** When the test run started and finished, and which Cucumber ran it (from the same stream). */
export function runInfoOf(envelopes: Envelope[]): RunInfo {
  const iso = (t: { seconds: number; nanos: number } | undefined) =>
    t ? new Date(TimeConversion.timestampToMillisecondsSinceEpoch(t)).toISOString() : null;
  const meta = envelopes.find((e) => e.meta)?.meta;
  return {
    startedAt: iso(envelopes.find((e) => e.testRunStarted)?.testRunStarted?.timestamp),
    finishedAt: iso(envelopes.find((e) => e.testRunFinished)?.testRunFinished?.timestamp),
    cucumberVersion: meta ? `${meta.implementation.name} ${meta.implementation.version}` : null,
  };
}

/**
 * The pt-BR name written under the scenario, with an outline's `<column>` placeholders filled
 * from its example row, as Cucumber fills the English name.
 */
function translatedName(lineage: ReturnType<Query['findLineageBy']>): string | undefined {
  const template = PT_BR_NAME_LINE.exec(lineage?.scenario?.description ?? '')?.[1];
  if (!template) return undefined;
  const header = lineage?.examples?.tableHeader?.cells.map((cell) => cell.value) ?? [];
  const row = lineage?.example?.cells.map((cell) => cell.value) ?? [];
  return template.replace(/<([^<>]+)>/g, (whole, column: string) => {
    const at = header.indexOf(column);
    return at >= 0 && row[at] !== undefined ? row[at] : whole;
  });
}
