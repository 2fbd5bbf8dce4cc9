/**
 * What a publish through a workflow really did: MISP's answer, the event read back, the log.
 * In background mode the answer says nothing about the outcome ("Job queued"), so the truth is
 * read from the event and the difference is attached to the report as a finding.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { flattenedAttributes, viewEvent } from '../events/seed-events.ts';
import {
  BLOCKED_PUBLISH_TITLE,
  lastAttempt,
  publishLogFilter,
  workflowLogFilter,
  type PublishAttempt,
} from '../events/publish.ts';
import { newLogs } from './logs.ts';

function answerText(attempt: PublishAttempt): string {
  return `HTTP ${attempt.status} ${JSON.stringify(attempt.answer)}`;
}

export async function expectPublished(world: LabWorld): Promise<void> {
  const attempt = lastAttempt(world);
  assert.equal(attempt.status, 200, `publishing was refused: ${answerText(attempt)}`);
  const event = await viewEvent(world, attempt.eventId);
  assert.equal(event.published, true, `MISP answered ${answerText(attempt)}, but the event is not published`);
  assert.notEqual(event.publish_timestamp, '0', 'the published event has no publish timestamp');
}

/** Spec §3.11: synchronous publish refused with 403 and errors.Module; nothing saved. */
export function expectPublishRefused(world: LabWorld): void {
  const attempt = lastAttempt(world);
  assert.equal(attempt.mode, 'synchronously', 'only a synchronous publish can answer the outcome');
  assert.equal(attempt.status, 403, `a blocked publish should answer HTTP 403, got ${answerText(attempt)}`);
  assert.equal(attempt.answer.saved, false, `MISP claims it saved: ${answerText(attempt)}`);
  const errors = attempt.answer.errors as { Module?: unknown } | undefined;
  assert.ok(errors?.Module, `the refusal names no failing module: ${answerText(attempt)}`);
  world.attach(JSON.stringify(attempt.answer, null, 2), {
    mediaType: 'application/json',
    fileName: 'publish-answer.json',
  });
}

export function expectJobQueued(world: LabWorld): void {
  const attempt = lastAttempt(world);
  assert.equal(attempt.mode, 'in the background', 'the event was published synchronously');
  assert.equal(attempt.status, 200, `a background publish answered ${answerText(attempt)}`);
  assert.equal(
    attempt.answer.message,
    'Job queued',
    `MISP did not answer "Job queued": ${answerText(attempt)}`,
  );
}

/** Unpublished, publish timestamp as before: the truth, whatever MISP answered. */
export async function expectStillUnpublished(world: LabWorld): Promise<void> {
  const attempt = lastAttempt(world);
  const event = await viewEvent(world, attempt.eventId);
  assert.equal(event.published, false, `the event was published (MISP answered ${answerText(attempt)})`);
  assert.equal(
    event.publish_timestamp,
    attempt.before.publish_timestamp,
    'the publish timestamp changed although the event was not published',
  );
  if (attempt.mode === 'in the background') {
    const lines = await newLogs(world, publishLogFilter(attempt.eventId), attempt.publishLogsBefore);
    world.attach(
      [
        `FINDING: MISP answered "${attempt.answer.message}" but the event was not published.`,
        `The job ended (${attempt.jobTrace}); event ${attempt.eventId} has published=false and`,
        `publish_timestamp=${event.publish_timestamp} (unchanged). The API answer cannot tell a`,
        'caller that a blocking workflow stopped the publish: read the event or the log.',
        `Publish log lines of the event since the request: ${lines.map((l) => `"${l.title}"`).join(', ') || 'none'}`,
      ].join('\n'),
      { mediaType: 'text/plain', fileName: 'finding-job-queued.txt' },
    );
  }
}

/** Both log lines of spec §3.11: the workflow's execute_workflow and the event's publish. */
export async function expectBlockReasonLogged(world: LabWorld): Promise<void> {
  const attempt = lastAttempt(world);
  const { workflowId, workflowLogsBefore: before = new Set<string>() } = world;
  assert.ok(workflowId, 'no workflow was saved in this scenario');
  const workflowLines = await newLogs(world, workflowLogFilter(workflowId), before);
  const stopped = workflowLines.find(
    (entry) => entry.title.startsWith('Execution stopped.') && entry.title.includes('`stop-execution`'),
  );
  assert.ok(
    stopped,
    `no Workflow/execute_workflow log line says the stop-execution node stopped it (new lines: ${JSON.stringify(workflowLines.map((e) => e.title))})`,
  );
  const publishLines = await newLogs(world, publishLogFilter(attempt.eventId), attempt.publishLogsBefore);
  const refused = publishLines.find((entry) => entry.title === BLOCKED_PUBLISH_TITLE);
  assert.ok(
    refused,
    `no Event/publish log line "${BLOCKED_PUBLISH_TITLE}" (new lines: ${JSON.stringify(publishLines.map((e) => e.title))})`,
  );
  assert.match(refused.change ?? '', /^Returned message: /, 'the publish log line does not carry the reason');
  world.attach(JSON.stringify({ workflow: stopped, publish: refused }, null, 2), {
    mediaType: 'application/json',
    fileName: 'block-reason-log.json',
  });
}

/** Example B: the IDS flag of every attribute, split by type, inside objects included. */
export async function expectIdsFlags(world: LabWorld, which: 'datetime' | 'others'): Promise<void> {
  const event = await viewEvent(world);
  const attributes = flattenedAttributes(event);
  const chosen = attributes.filter((a) => (a.type === 'datetime') === (which === 'datetime'));
  assert.ok(chosen.length > 0, `the event has no ${which === 'datetime' ? 'datetime' : 'other'} attributes`);
  if (which === 'datetime')
    assert.ok(
      chosen.some((a) => a.object_id && a.object_id !== '0'),
      'the event has no datetime attribute inside an object: the check would prove less than it says',
    );
  const wrong = chosen.filter((a) => a.to_ids !== (which === 'others'));
  assert.deepEqual(
    wrong.map(
      (a) =>
        `${a.type} ${a.value}${a.object_relation ? ` (object ${a.object_relation})` : ''}: to_ids=${a.to_ids}`,
    ),
    [],
    which === 'datetime'
      ? 'datetime attributes still carry the IDS flag'
      : 'other attributes lost their IDS flag',
  );
}

export async function expectEveryAttributeKeepsIdsFlag(world: LabWorld): Promise<void> {
  const event = await viewEvent(world);
  const lost = flattenedAttributes(event).filter((a) => a.to_ids !== true);
  assert.deepEqual(
    lost.map((a) => `${a.type} ${a.value}`),
    [],
    'attributes lost their IDS flag although the workflow stopped before Example B',
  );
}

/** A line the workflow wrote during the last publish (its title holds the modules' errors). */
export async function expectWorkflowLogMentions(world: LabWorld, fragment: string): Promise<void> {
  const { workflowId, workflowLogsBefore: before = new Set<string>() } = world;
  assert.ok(workflowId, 'no workflow was saved in this scenario');
  const lines = await newLogs(world, workflowLogFilter(workflowId), before);
  const line = lines.find((entry) => entry.title.includes(fragment));
  assert.ok(
    line,
    `no new workflow log line mentions "${fragment}" (new lines: ${JSON.stringify(lines.map((e) => e.title))})`,
  );
  world.attach(JSON.stringify(line, null, 2), {
    mediaType: 'application/json',
    fileName: 'workflow-log.json',
  });
}
