/** /jobs/index: the background jobs, newest first, as `{Job:{…}}` rows (site admins). */
import type { RouteDef } from '../http/context.ts';
import { json } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';

export const jobRoutes: RouteDef[] = [
  {
    path: 'jobs/index',
    methods: ['GET'],
    allow: (ctx) => isSiteAdmin(ctx.auth),
    handler: (ctx) =>
      json(
        ctx.services.jobs.list().map((job) => ({
          Job: {
            ...job,
            id: String(job.id),
            status: String(job.status),
            progress: String(job.progress),
            org_id: String(job.org_id),
          },
        })),
      ),
  },
];
