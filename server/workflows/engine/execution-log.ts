/**
 * The log lines a workflow run produces (spec §3.11), returned as data so the server decides where
 * they go (its Log table as user SYSTEM, and `workflow-execution.log`).
 */
import type { WorkflowRecord } from './roaming-data.ts';

export interface WorkflowLogEntry {
  /** `error` lines are always written (logExecutionError); `debug` lines only for debug-enabled workflows. */
  kind: 'error' | 'debug';
  user: 'SYSTEM';
  action: 'execute_workflow';
  model: 'Workflow';
  model_id: number | string;
  title: string;
  change?: string;
}

export class ExecutionLog {
  readonly entries: WorkflowLogEntry[] = [];

  constructor(private readonly workflow: WorkflowRecord) {}

  private get debugEnabled(): boolean {
    const flag = this.workflow.debug_enabled;
    return flag === true || flag === 1 || flag === '1';
  }

  private push(kind: WorkflowLogEntry['kind'], title: string): void {
    this.entries.push({
      kind,
      user: 'SYSTEM',
      action: 'execute_workflow',
      model: 'Workflow',
      model_id: this.workflow.id,
      title,
    });
  }

  /** `Workflow::logExecutionError`. */
  error(message: string): void {
    this.push('error', message);
  }

  /** `Workflow::logExecutionIfDebug`. */
  debug(message: string): void {
    if (this.debugEnabled) this.push('debug', message);
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A line of `app/tmp/logs/workflow-execution.log`: `[Y-m-d H:i:s] Workflow(<trigger>:<id>). <message>`. */
export function formatExecutionLogFileLine(workflow: WorkflowRecord, message: string, at: Date): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(
    at.getMinutes(),
  )}:${pad(at.getSeconds())}`;
  return `[${stamp}] Workflow(${workflow.trigger_id}:${workflow.id}). ${message}\n`;
}

export const EXECUTION_MESSAGES = {
  started: (triggerId: string, workflowId: number | string) =>
    `Started executing workflow for trigger \`${triggerId}\` (${workflowId})`,
  finished: (triggerId: string, workflowId: number | string, outcome: string) =>
    `Finished executing workflow for trigger \`${triggerId}\` (${workflowId}). Outcome: ${outcome}`,
  executedNode: (moduleId: string, nodeId: number | string, workflow: WorkflowRecord, status: string) =>
    `Executed node \`${moduleId}\`\nNode \`${moduleId}\` (${nodeId}) from Workflow \`${workflow.name}\` (${workflow.id}) executed successfully with status: ${status}`,
  disabledModule: (moduleId: string) => `Could not execute disabled module \`${moduleId}\`.`,
  unknownModule: (moduleId: string) => `Could not load class for module: ${moduleId}`,
  moduleException: (moduleId: string, error: string) =>
    `Error while executing module ${moduleId}. Error: ${error}`,
  nodeError: (moduleId: string, nodeId: number | string, workflow: WorkflowRecord, errors: string[]) =>
    `Node \`${moduleId}\` (${nodeId}) from Workflow \`${workflow.name}\` (${workflow.id}) returned the following error: ${errors.join(', ')}`,
  stopped: (errors: string[]) => `Execution stopped. \n${errors.join(', ')}`,
  continued: (errors: string[]) => `Execution encountered an error but continued. \n${errors.join(', ')}`,
  triggerConditions: 'Conditions on the trigger are not satisfied to continue the execution',
  normalizeInvalid: 'Error while normalizing data for trigger. Invalid input.',
  normalizeError: (error: string) => `Error while normalizing data for trigger. Error:\n${error}`,
  noUser:
    'Could not find a valid user to run the workflow. Please set setting `MISP.host_org_id` or make sure a valid site_admin user exists.',
  concurrentFailed: (errors: string[]) =>
    `Error while executing workflow concurrent task. \n${errors.join(', ')}`,
  concurrentDone: (count: number, nodeId: number | string) =>
    `Workflow concurrent task executed ${count} nodes starting from node ${nodeId}.`,
} as const;
