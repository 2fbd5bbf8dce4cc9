/**
 * Publishing the scenario's event (spec §4.5, §3.11) and reporting what really happened: the
 * answer MISP gave, the event's state read back afterwards, and the log lines. In background
 * mode MISP answers "Job queued" before anything happened, so the task waits for the job's own
 * traces (its log line, or its row in /jobs/index) before anyone looks at the event.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { currentEventId, viewEvent, type EventJson } from './seed-events.ts';
import { logIds, findLogs, type LogFilter } from '../workflows/logs.ts';
import type { JobJson, SavedAnswer } from '../../../lab/clients/misp-types.ts';

export type PublishMode = 'synchronously' | 'in the background';

export interface PublishAttempt {
  mode: PublishMode;
  eventId: string;
  status: number;
  answer: SavedAnswer;
  before: Pick<EventJson, 'published' | 'publish_timestamp'>;
  publishLogsBefore: Set<string>;
  /** Publish jobs of this event already in /jobs/index before the request (background only). */
  jobsBefore: Set<string>;
  /** The job's trace, for background publishes (which log line or job row showed it ended). */
  jobTrace?: string;
}

export const BLOCKED_PUBLISH_TITLE = 'Publishing stopped by a blocking workflow.';

export const publishLogFilter = (eventId: string): LogFilter => ({
  model: 'Event',
  model_id: eventId,
  action: 'publish',
});

export async function publishEvent(world: LabWorld, mode: PublishMode): Promise<PublishAttempt> {
  const eventId = currentEventId(world);
  const before = await viewEvent(world, eventId);
  const publishLogsBefore = await logIds(world, publishLogFilter(eventId));
  world.workflowLogsBefore = await workflowLogBaseline(world);
  const jobsBefore = new Set(
    mode === 'in the background' ? (await publishJobs(world, eventId)).map((job) => String(job.id)) : [],
  );
  const response = await world.siteAdmin.misp.publish(eventId, { background: mode === 'in the background' });
  const attempt: PublishAttempt = {
    mode,
    eventId,
    status: response.status,
    answer: response.data,
    before: { published: before.published, publish_timestamp: before.publish_timestamp },
    publishLogsBefore,
    jobsBefore,
  };
  if (mode === 'in the background' && response.status === 200)
    attempt.jobTrace = await waitForPublishJob(world, attempt);
  world.publishAttempt = attempt;
  return attempt;
}

export function lastAttempt(world: LabWorld): PublishAttempt {
  const attempt = world.publishAttempt;
  assert.ok(attempt, 'the event was not published in this scenario');
  return attempt;
}

export const workflowLogFilter = (workflowId: string): LogFilter => ({
  model: 'Workflow',
  action: 'execute_workflow',
  model_id: workflowId,
});

async function workflowLogBaseline(world: LabWorld): Promise<Set<string>> {
  const { workflowId } = world;
  return workflowId ? logIds(world, workflowLogFilter(workflowId)) : new Set();
}

/**
 * The publish job has run once its log line is written ("Publishing stopped by a blocking
 * workflow." or, quirk of Appendix B 9, "Event (<id>): published." in both cases), or once
 * /jobs/index shows its row finished (where the log drops publish lines: MISP.log_new_audit).
 */
async function waitForPublishJob(
  world: LabWorld,
  attempt: PublishAttempt,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const finalTitles = [BLOCKED_PUBLISH_TITLE, `Event (${attempt.eventId}): published.`];
  while (Date.now() < deadline) {
    const fresh = (await findLogs(world, publishLogFilter(attempt.eventId))).filter(
      (entry) => !attempt.publishLogsBefore.has(String(entry.id)),
    );
    const line = fresh.find((entry) => finalTitles.includes(entry.title));
    if (line) return `log line "${line.title}" (id ${line.id})`;
    const job = (await publishJobs(world, attempt.eventId)).find(
      (row) => !attempt.jobsBefore.has(String(row.id)) && ['3', '4'].includes(String(row.status)),
    );
    if (job) return `job ${String(job.id)} status ${String(job.status)}: "${String(job.message)}"`;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the publish job for event ${attempt.eventId} left no trace within ${timeoutMs} ms`);
}

/** This event's publish jobs as /jobs/index lists them; none where that page has no JSON. */
async function publishJobs(world: LabWorld, eventId: string): Promise<JobJson[]> {
  const answer = await world.siteAdmin.misp.jobsIndex();
  if (answer.status !== 200 || !Array.isArray(answer.data)) return [];
  return answer.data
    .map((row) => row.Job ?? {})
    .filter((row) => row.job_type === 'publish_event' && row.job_input === `Event ID: ${eventId}`);
}
