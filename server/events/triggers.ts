/**
 * How the data services fire workflow triggers, in MISP's two modes
 * (Workflow::executeWorkflowForTriggerRouter): blocking triggers run inside the operation and
 * their verdict is returned; non-blocking ones are queued as "Workflow for trigger `<id>`" jobs
 * when background jobs are on, else run inline, and never affect the caller.
 */
import type { ServerServices } from '../services.ts';
import {
  NO_WORKFLOWS,
  type TriggerOutcome,
  type TriggerRunOptions,
  type WorkflowTriggerPort,
} from './trigger-port.ts';

export class TriggerFirer {
  constructor(private readonly services: ServerServices) {}

  /** Read at each call so a port attached after start-up (tests, the workflow plugin) is used. */
  get port(): WorkflowTriggerPort {
    return this.services.workflows ?? NO_WORKFLOWS;
  }

  /**
   * Runs a blocking trigger; null when it is not callable (the operation simply goes ahead). The
   * data is built only when needed: fetching a full event costs more than the check.
   */
  async blocking(
    triggerId: string,
    data: () => unknown,
    options: TriggerRunOptions,
  ): Promise<TriggerOutcome | null> {
    if (!this.port.isCallable(triggerId)) return null;
    try {
      return await this.port.run(triggerId, data(), options);
    } catch (error) {
      const message = `Error while executing workflow for trigger \`${triggerId}\`: ${(error as Error)?.message ?? String(error)}`;
      return { success: false, outcome: 'failure', errors: [message] };
    }
  }

  /** Fires a non-blocking trigger; the data is taken now, as MISP serialises it into the job. */
  async afterSave(triggerId: string, data: () => unknown, options: TriggerRunOptions): Promise<void> {
    if (!this.port.isCallable(triggerId)) return;
    const snapshot = data();
    const label = `Workflow for trigger \`${triggerId}\``;
    const run = async (): Promise<string> => {
      const result = await this.port.run(triggerId, snapshot, options);
      if (result.success) return `${label} completed execution`;
      return `Error while executing workflow for trigger \`${triggerId}\`: ${result.errors.join(', ') || result.outcome}`;
    };
    if (this.services.settings.bool('MISP.background_jobs')) {
      this.services.jobs.enqueue({
        worker: 'prio',
        job_type: 'executeWorkflowForTrigger',
        job_input: label,
        org_id: options.user?.org.id ?? 0,
        run,
      });
      return;
    }
    try {
      await run();
    } catch (error) {
      this.services.logs.write({
        title: `Error while executing workflow for trigger \`${triggerId}\`: ${(error as Error)?.message ?? String(error)}`,
        model: 'Workflow',
        action: 'execute_workflow',
      });
    }
  }
}
