/** The in-process job queue on a real (in-memory) database: order, statuses, failures, close. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/storage/db.ts';
import { LogService } from '../../server/logs/log-service.ts';
import { JOB_STATUS, JobQueue } from '../../server/jobs/job-queue.ts';

let db: Db;
let logs: LogService;
let queue: JobQueue;

beforeEach(() => {
  db = openDatabase(':memory:');
  logs = new LogService(db);
  queue = new JobQueue(db, logs);
});
afterEach(() => {
  db.close();
});

describe('JobQueue', () => {
  it('records a waiting job, runs it after enqueue returns, and completes it with its message', async () => {
    const order: string[] = [];
    const id = queue.enqueue({
      worker: 'prio',
      job_type: 'publish_event',
      job_input: 'Event ID: 1',
      run: () => {
        order.push('ran');
        return 'Event published.';
      },
    });
    order.push('enqueued');
    expect(queue.find(id)).toMatchObject({ status: JOB_STATUS.waiting, job_input: 'Event ID: 1' });
    await queue.idle();
    expect(order).toEqual(['enqueued', 'ran']);
    expect(queue.find(id)).toMatchObject({
      status: JOB_STATUS.completed,
      message: 'Event published.',
      progress: 100,
    });
  });

  it('runs one job at a time, in order, including jobs queued by jobs', async () => {
    const seen: string[] = [];
    let running = 0;
    const job = (name: string, then?: () => void) => ({
      worker: 'default',
      job_type: 'test',
      job_input: name,
      run: async () => {
        running += 1;
        expect(running).toBe(1);
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(name);
        then?.();
        running -= 1;
        return name;
      },
    });
    queue.enqueue(job('a', () => queue.enqueue(job('c'))));
    queue.enqueue(job('b'));
    await queue.idle();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('marks a throwing job failed and logs it', async () => {
    const id = queue.enqueue({
      worker: 'prio',
      job_type: 'test',
      job_input: '',
      run: () => {
        throw new Error('boom');
      },
    });
    await queue.idle();
    expect(queue.find(id)).toMatchObject({ status: JOB_STATUS.failed, message: 'boom' });
    expect(logs.list({ model: 'Job' })[0]).toMatchObject({ title: `Job ${id} failed: boom`, model_id: id });
  });

  it('on close finishes the running job, fails the waiting ones and accepts no more', async () => {
    let release: () => void = () => undefined;
    const first = queue.enqueue({
      worker: 'prio',
      job_type: 'test',
      job_input: '',
      run: () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const second = queue.enqueue({ worker: 'prio', job_type: 'test', job_input: '', run: () => 'never' });
    const closing = queue.close();
    release();
    await closing;
    expect(queue.find(first)).toMatchObject({ status: JOB_STATUS.completed, message: 'done' });
    expect(queue.find(second)).toMatchObject({
      status: JOB_STATUS.failed,
      message: 'The server stopped before the job ran.',
    });
    expect(() => queue.enqueue({ worker: 'prio', job_type: 'test', job_input: '', run: () => '' })).toThrow(
      /closed/,
    );
  });
});
