/**
 * A small, hand-written Cucumber message stream, so reporting tests do not depend on the real
 * features (which change every day). Shapes follow what cucumber-js 12 writes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SyntheticAttachment {
  mediaType: string;
  body: string | Buffer;
  fileName?: string;
}

export interface SyntheticScenario {
  name: string;
  tags: string[];
  /** One entry per attempt; more than one means Cucumber retried it. */
  attempts: ('passed' | 'failed' | 'skipped')[];
  attachments?: SyntheticAttachment[];
  error?: string;
  /** The scenario's description, e.g. its "pt-BR: …" name line. */
  description?: string;
}

export function syntheticMessages(scenarios: SyntheticScenario[], startSeconds = 1_790_000_000): string {
  const lines: unknown[] = [
    { meta: { protocolVersion: '32.2.0', implementation: { name: 'cucumber-js', version: '12.9.0' } } },
  ];
  let clock = startSeconds;
  const ts = () => ({ seconds: clock++, nanos: 0 });
  scenarios.forEach((s, i) => {
    const uri = `features/synthetic/s${i}.feature`;
    lines.push({
      gherkinDocument: {
        uri,
        comments: [],
        feature: {
          name: `Feature ${i}`,
          location: { line: 1, column: 1 },
          tags: [],
          language: 'en',
          keyword: 'Feature',
          description: '',
          children: [
            {
              scenario: {
                id: `scenario-${i}`,
                name: s.name,
                location: { line: 3, column: 3 },
                tags: [],
                keyword: 'Scenario',
                description: s.description ?? '',
                steps: [],
                examples: [],
              },
            },
          ],
        },
      },
    });
    lines.push({
      pickle: {
        id: `pickle-${i}`,
        name: s.name,
        uri,
        language: 'en',
        astNodeIds: [`scenario-${i}`],
        tags: s.tags.map((name) => ({ name, astNodeId: `scenario-${i}` })),
        steps: [{ id: `pickle-step-${i}`, text: `the check of scenario ${i} runs`, astNodeIds: [] }],
      },
    });
  });
  lines.push({ testRunStarted: { id: 'run-1', timestamp: ts() } });
  scenarios.forEach((_, i) =>
    lines.push({
      testCase: {
        id: `tc-${i}`,
        pickleId: `pickle-${i}`,
        testSteps: [{ id: `ts-${i}`, pickleStepId: `pickle-step-${i}` }],
      },
    }),
  );
  scenarios.forEach((s, i) => {
    s.attempts.forEach((status, attempt) => {
      const started = `tcs-${i}-${attempt}`;
      lines.push({ testCaseStarted: { id: started, testCaseId: `tc-${i}`, attempt, timestamp: ts() } });
      lines.push({ testStepStarted: { testCaseStartedId: started, testStepId: `ts-${i}`, timestamp: ts() } });
      for (const a of s.attachments ?? []) {
        const binary = Buffer.isBuffer(a.body);
        lines.push({
          attachment: {
            testCaseStartedId: started,
            testStepId: `ts-${i}`,
            mediaType: a.mediaType,
            fileName: a.fileName,
            body: binary ? (a.body as Buffer).toString('base64') : a.body,
            contentEncoding: binary ? 'BASE64' : 'IDENTITY',
          },
        });
      }
      lines.push({
        testStepFinished: {
          testCaseStartedId: started,
          testStepId: `ts-${i}`,
          timestamp: ts(),
          testStepResult: {
            duration: { seconds: 1, nanos: 0 },
            status: status.toUpperCase(),
            ...(status === 'failed' ? { message: s.error ?? 'AssertionError: expected true' } : {}),
          },
        },
      });
      const retried = attempt < s.attempts.length - 1;
      lines.push({
        testCaseFinished: { testCaseStartedId: started, willBeRetried: retried, timestamp: ts() },
      });
    });
  });
  lines.push({ testRunFinished: { success: true, timestamp: ts() } });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** A fresh reports folder holding the given message stream. */
export function reportsDirWith(scenarios: SyntheticScenario[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'misp-lab-report-test-'));
  writeFileSync(join(dir, 'cucumber-messages.ndjson'), syntheticMessages(scenarios));
  return dir;
}
