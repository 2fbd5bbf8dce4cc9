/** /jobs/index: the background jobs, newest first, as MISP's `{Job:{…}, Org:{…}}` rows (site admins). */
import type { RouteDef } from '../http/context.ts';
import { json } from '../http/respond.ts';
import { JOB_STATUS, type JobRow } from '../jobs/job-queue.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import type { ServerServices } from '../services.ts';

/** MISP's names for a job's status as its background tool reports it. */
const STATUS_NAME: Record<number, string> = {
  [JOB_STATUS.waiting]: 'Waiting',
  [JOB_STATUS.running]: 'Running',
  [JOB_STATUS.failed]: 'Failed',
  [JOB_STATUS.completed]: 'Completed',
};

function jobIndexRow(services: ServerServices, job: JobRow): Record<string, unknown> {
  const jobStatus = job.process_id ? (STATUS_NAME[job.status] ?? 'Unknown') : 'Unknown';
  const org = services.users.org(job.org_id);
  return {
    Job: {
      id: String(job.id),
      worker: job.worker,
      job_type: job.job_type,
      job_input: job.job_input,
      status: String(job.status),
      retries: '0',
      message: job.message,
      progress: String(job.progress),
      org_id: String(job.org_id),
      process_id: job.process_id,
      date_created: job.date_created,
      date_modified: job.date_modified,
      job_status: jobStatus,
      failed: job.process_id ? jobStatus === 'Failed' : null,
      // The worker runs in the server's own process: it is up whenever the server answers.
      worker_status: true,
    },
    Org: { id: org ? String(org.id) : null, name: org?.name ?? null, uuid: org?.uuid ?? null },
  };
}

export const jobRoutes: RouteDef[] = [
  {
    path: 'jobs/index',
    methods: ['GET'],
    allow: (ctx) => isSiteAdmin(ctx.auth),
    handler: (ctx) => json(ctx.services.jobs.list().map((job) => jobIndexRow(ctx.services, job))),
  },
];
