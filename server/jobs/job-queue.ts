/**
 * MISP's background jobs (Redis queues plus worker processes) as one in-process worker: jobs run
 * one at a time, after the request that queued them has answered, and their status and message
 * live in the `jobs` table as MISP's Job model keeps them. Tests `await queue.idle()` instead of
 * sleeping.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { formatMispDate, type LogService } from '../logs/log-service.ts';

/** MISP's Job::STATUS_* values. */
export const JOB_STATUS = { waiting: 1, running: 2, failed: 3, completed: 4 } as const;

export interface JobRow {
  id: number;
  worker: string;
  job_type: string;
  job_input: string;
  status: number;
  message: string;
  progress: number;
  org_id: number;
  date_created: string;
  date_modified: string;
  process_id: string | null;
}

export interface NewJob {
  /** The queue MISP would use: 'prio' (publish, workflows), 'default', 'email'. */
  worker: string;
  job_type: string;
  job_input: string;
  org_id?: number;
  /** The work; its answer becomes the job's final message. A throw marks the job failed. */
  run: (progress: (percent: number) => void) => Promise<string> | string;
}

interface QueuedJob {
  id: number;
  run: NewJob['run'];
}

export class JobQueue {
  private readonly pending: QueuedJob[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly logs: LogService,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records the job as waiting and schedules it; returns its id at once. */
  enqueue(job: NewJob): number {
    if (this.closed) throw new Error('the job queue is closed: the server is stopping');
    const stamp = formatMispDate(this.clock());
    const info = this.db
      .prepare(
        'INSERT INTO jobs (worker, job_type, job_input, status, message, progress, org_id, date_created, date_modified, process_id) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(
        job.worker,
        job.job_type,
        job.job_input,
        JOB_STATUS.waiting,
        '',
        0,
        job.org_id ?? 0,
        stamp,
        stamp,
        randomUUID(),
      );
    const id = Number(info.lastInsertRowid);
    this.pending.push({ id, run: job.run });
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    return id;
  }

  /** Resolves once every queued job (and any job those jobs queued) has finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Finishes the running job; jobs never started are marked failed, since the queue lives in memory. */
  async close(): Promise<void> {
    if (this.closed) return;
    const left = this.pending.splice(0);
    this.closed = true;
    for (const job of left) this.finish(job.id, JOB_STATUS.failed, 'The server stopped before the job ran.');
    await this.idle();
  }

  find(id: number): JobRow | undefined {
    return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  list(limit = 60): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[];
  }

  private async drain(): Promise<void> {
    try {
      let job: QueuedJob | undefined;
      while ((job = this.pending.shift())) await this.runOne(job);
    } finally {
      this.draining = null;
    }
  }

  private async runOne(job: QueuedJob): Promise<void> {
    this.update(job.id, { status: JOB_STATUS.running });
    try {
      const message = await job.run((percent) => this.update(job.id, { progress: Math.round(percent) }));
      this.finish(job.id, JOB_STATUS.completed, message);
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      this.finish(job.id, JOB_STATUS.failed, reason);
      this.logs.write({
        title: `Job ${job.id} failed: ${reason}`,
        model: 'Job',
        model_id: job.id,
        action: 'error',
      });
    }
  }

  private finish(id: number, status: number, message: string): void {
    this.update(id, { status, message, ...(status === JOB_STATUS.completed ? { progress: 100 } : {}) });
  }

  private update(id: number, changes: Partial<Pick<JobRow, 'status' | 'message' | 'progress'>>): void {
    if (!this.db.open) return;
    const entries = Object.entries({ ...changes, date_modified: formatMispDate(this.clock()) });
    this.db
      .prepare(`UPDATE jobs SET ${entries.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, value]) => value), id);
  }
}
