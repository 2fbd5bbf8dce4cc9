/**
 * The real WorkflowTriggerPort: data operations ask it whether a trigger is callable and run the
 * trigger's workflow through it (the TriggerFirer in server/events decides inline or as a job).
 * Also the log-after-save trigger, fired for every Log row except those of models Log and Workflow
 * (Log::afterSave), so that writing a workflow's own log never runs a workflow.
 */
import type { ServerServices } from '../services.ts';
import { NO_WORKFLOWS, type WorkflowTriggerPort } from '../events/trigger-port.ts';
import { TriggerFirer } from '../events/triggers.ts';
import { logToJson, type LogRow } from '../logs/log-service.ts';
import { workflowsOf } from './workflow-system.ts';

export function createWorkflowTriggerPort(services: ServerServices): WorkflowTriggerPort {
  return {
    isCallable: (triggerId) => workflowsOf(services).isCallable(triggerId),
    run: (triggerId, data) => workflowsOf(services).runTrigger(triggerId, data),
  };
}

const LOG_MODELS_WITHOUT_TRIGGER = new Set(['Log', 'Workflow']);

/**
 * Fires log-after-save for each new log row. Rows written while a log-after-save workflow runs
 * are skipped: otherwise a workflow that edits anything would feed itself forever.
 */
export function fireLogAfterSave(services: ServerServices): void {
  const firer = new TriggerFirer(services);
  services.logs.onWrite((row: LogRow) => {
    if (LOG_MODELS_WITHOUT_TRIGGER.has(row.model)) return;
    const port = services.workflows ?? NO_WORKFLOWS;
    if (workflowsOf(services).runningLogWorkflow || !port.isCallable('log-after-save')) return;
    firer
      .afterSave('log-after-save', () => ({ Log: logToJson(row).Log }), {})
      .catch((error: unknown) => {
        console.error(`[misp-server] log-after-save: ${(error as Error)?.message ?? String(error)}`);
      });
  });
}
