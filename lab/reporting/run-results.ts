/**
 * Reads Cucumber's message stream (reports/cucumber-messages.ndjson) into one result per
 * scenario: name, tags, final status (the last attempt counts; earlier attempts are flaky
 * retries), attachments. Every report is built from this, so they cannot disagree.
 */
import { readFileSync } from 'node:fs';

export type ScenarioStatus =
  'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown';

export interface ScenarioResult {
  id: string;
  name: string;
  feature: string;
  uri: string;
  tags: string[];
  status: ScenarioStatus;
  attempts: number;
  /** Passed only after a retry: reported apart from failures. */
  flaky: boolean;
  errorMessage?: string;
  durationMs: number;
  steps: { text: string; status: ScenarioStatus }[];
  attachments: { mediaType: string; fileName?: string; body: string; encoding: 'BASE64' | 'IDENTITY' }[];
}

const SEVERITY: ScenarioStatus[] = [
  'passed',
  'skipped',
  'unknown',
  'pending',
  'undefined',
  'ambiguous',
  'failed',
];

interface Envelope {
  gherkinDocument?: { uri: string; feature?: { name: string } };
  pickle?: {
    id: string;
    name: string;
    uri: string;
    tags: { name: string }[];
    steps: { id: string; text: string }[];
  };
  testCase?: { id: string; pickleId: string; testSteps: { id: string; pickleStepId?: string }[] };
  testCaseStarted?: {
    id: string;
    testCaseId: string;
    attempt: number;
    timestamp: { seconds: number; nanos: number };
  };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepId: string;
    testStepResult: { status: string; message?: string };
  };
  testCaseFinished?: {
    testCaseStartedId: string;
    willBeRetried: boolean;
    timestamp: { seconds: number; nanos: number };
  };
  attachment?: {
    testCaseStartedId?: string;
    mediaType: string;
    fileName?: string;
    body: string;
    contentEncoding: 'BASE64' | 'IDENTITY';
  };
}

export function readRunResults(messagesFile: string): ScenarioResult[] {
  const envelopes = readFileSync(messagesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Envelope);
  const features = new Map<string, string>();
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  const started = new Map<string, { testCaseId: string; attempt: number; ms: number }>();
  const results = new Map<string, ScenarioResult>();

  for (const e of envelopes) {
    if (e.gherkinDocument?.feature) features.set(e.gherkinDocument.uri, e.gherkinDocument.feature.name);
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) testCases.set(e.testCase.id, e.testCase);
    if (e.testCaseStarted) {
      const { id, testCaseId, attempt, timestamp } = e.testCaseStarted;
      started.set(id, { testCaseId, attempt, ms: toMs(timestamp) });
      const testCase = testCases.get(testCaseId);
      const pickle = testCase && pickles.get(testCase.pickleId);
      if (!pickle || !testCase) continue;
      const previous = results.get(testCaseId);
      const stepText = new Map(pickle.steps.map((s) => [s.id, s.text]));
      results.set(testCaseId, {
        id: testCaseId,
        name: pickle.name,
        feature: features.get(pickle.uri) ?? pickle.uri,
        uri: pickle.uri,
        tags: pickle.tags.map((t) => t.name),
        status: 'unknown',
        attempts: attempt + 1,
        flaky: false,
        durationMs: 0,
        steps: testCase.testSteps
          .filter((s) => s.pickleStepId)
          .map((s) => ({
            text: stepText.get(s.pickleStepId as string) ?? '',
            status: 'unknown' as ScenarioStatus,
          })),
        attachments: previous?.attachments ?? [],
      });
    }
    if (e.testStepFinished) {
      const start = started.get(e.testStepFinished.testCaseStartedId);
      const result = start && results.get(start.testCaseId);
      if (!result || !start) continue;
      const status = e.testStepFinished.testStepResult.status.toLowerCase() as ScenarioStatus;
      const testCase = testCases.get(start.testCaseId);
      const stepIndex =
        testCase?.testSteps
          .filter((s) => s.pickleStepId)
          .findIndex((s) => s.id === e.testStepFinished?.testStepId) ?? -1;
      const step = stepIndex >= 0 ? result.steps[stepIndex] : undefined;
      if (step) step.status = status;
      if (
        SEVERITY.indexOf(status) > SEVERITY.indexOf(result.status === 'unknown' ? 'passed' : result.status)
      ) {
        result.status = status;
        if (e.testStepFinished.testStepResult.message)
          result.errorMessage = e.testStepFinished.testStepResult.message;
      } else if (result.status === 'unknown') {
        result.status = status;
      }
    }
    if (e.attachment?.testCaseStartedId) {
      const start = started.get(e.attachment.testCaseStartedId);
      const result = start && results.get(start.testCaseId);
      result?.attachments.push({
        mediaType: e.attachment.mediaType,
        fileName: e.attachment.fileName,
        body: e.attachment.body,
        encoding: e.attachment.contentEncoding,
      });
    }
    if (e.testCaseFinished) {
      const start = started.get(e.testCaseFinished.testCaseStartedId);
      const result = start && results.get(start.testCaseId);
      if (!result || !start) continue;
      result.durationMs = toMs(e.testCaseFinished.timestamp) - start.ms;
      result.flaky = result.status === 'passed' && start.attempt > 0;
    }
  }
  return [...results.values()];
}

function toMs(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + Math.round(t.nanos / 1e6);
}

export interface RunInfo {
  startedAt: string | null;
  finishedAt: string | null;
  cucumberVersion: string | null;
}

/** When the test run started and finished, and which Cucumber ran it (from the same stream). */
export function readRunInfo(messagesFile: string): RunInfo {
  const info: RunInfo = { startedAt: null, finishedAt: null, cucumberVersion: null };
  for (const line of readFileSync(messagesFile, 'utf8').split('\n')) {
    if (!/^\{"(meta|testRunStarted|testRunFinished)"/.test(line)) continue;
    const e = JSON.parse(line) as {
      meta?: { implementation?: { name: string; version: string } };
      testRunStarted?: { timestamp: { seconds: number; nanos: number } };
      testRunFinished?: { timestamp: { seconds: number; nanos: number } };
    };
    if (e.meta?.implementation)
      info.cucumberVersion = `${e.meta.implementation.name} ${e.meta.implementation.version}`;
    if (e.testRunStarted) info.startedAt = new Date(toMs(e.testRunStarted.timestamp)).toISOString();
    if (e.testRunFinished) info.finishedAt = new Date(toMs(e.testRunFinished.timestamp)).toISOString();
  }
  return info;
}
