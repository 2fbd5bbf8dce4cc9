/**
 * Running a workflow for its trigger (Workflow::__runWorkflow, spec §3.7) and running the
 * background walks that concurrent-task nodes ask for (WorkflowShell::walkGraph).
 */
import { toCoreFormat } from './core-format.ts';
import { EXECUTION_MESSAGES, ExecutionLog, type WorkflowLogEntry } from './execution-log.ts';
import { triggerNode } from './graph.ts';
import { renderJinjaTemplate } from './jinja.ts';
import type { DeferredTask, ModuleRegistry, TriggerModule } from './module.ts';
import { phpCopy, type PhpMap } from './php.ts';
import { RoamingData, type WorkflowRecord, type WorkflowUser } from './roaming-data.ts';
import type { WorkflowServices } from './services.ts';
import { createExecContext, walkGraph, type EngineRun, type PathType, type WalkResult } from './walker.ts';

export type WorkflowOutcome = 'success' | 'blocked' | 'failure';

/** The synthetic user of spec §3.1, for when the caller has nothing better. */
export const SYSTEM_WORKFLOW_USER: WorkflowUser = { email: 'SYSTEM', id: 0, org_id: 1 };

export interface ExecuteWorkflowInput {
  workflow: WorkflowRecord;
  /** The trigger that fired; by default the one whose id is the workflow's `trigger_id`. */
  triggerModule?: TriggerModule | string;
  data: PhpMap;
  registry: ModuleRegistry;
  services: WorkflowServices;
  /** Overrides the walk mode that the trigger's `blocking` flag chooses. */
  mode?: PathType;
  /** The user the workflow runs as; null reproduces MISP's "no valid user" failure. */
  user?: WorkflowUser | null;
  mispVersion?: string;
}

export interface WorkflowExecution {
  success: boolean;
  outcome: WorkflowOutcome;
  /** MISP's outcome text, e.g. "failure Conditions on the trigger are not satisfied…". */
  outcomeText: string;
  errors: string[];
  logs: WorkflowLogEntry[];
  /** Background walks queued by concurrent-task nodes; run them with `runDeferredTask`. */
  deferred: DeferredTask[];
  data: RoamingData | null;
  walkResult: WalkResult;
  /** How much to add to `workflows.counter` (MISP counts every started run). */
  counterIncrement: 0 | 1;
  /** True when the trigger is switched off, so nothing ran (MISP answers success). */
  skipped: boolean;
}

function emptyWalkResult(): WalkResult {
  return { blocking_nodes: [], executed_nodes: [], blocked_paths: [] };
}

function resolveTrigger(input: ExecuteWorkflowInput): TriggerModule {
  const wanted = input.triggerModule ?? input.workflow.trigger_id;
  if (typeof wanted !== 'string') return wanted;
  const module = input.registry.get('trigger', wanted);
  if (!module || module.module_type !== 'trigger') throw new Error(`Unknown trigger \`${wanted}\``);
  return module;
}

function newRun(input: Omit<ExecuteWorkflowInput, 'data' | 'triggerModule' | 'mode'>): EngineRun {
  return {
    workflow: input.workflow,
    registry: input.registry,
    services: input.services,
    user: input.user === undefined ? SYSTEM_WORKFLOW_USER : input.user,
    log: new ExecutionLog(input.workflow),
    deferred: [],
    render: renderJinjaTemplate,
    mispVersion: input.mispVersion ?? '2.5.1',
  };
}

async function normalize(
  trigger: TriggerModule,
  data: PhpMap,
  services: WorkflowServices,
): Promise<PhpMap | false> {
  if (trigger.normalizeData) return trigger.normalizeData(phpCopy(data), services);
  if (trigger.misp_core_format) return toCoreFormat(data, services);
  return phpCopy(data);
}

/** Runs `workflow` for its trigger over `data` and reports what MISP would report and log. */
export async function executeWorkflow(input: ExecuteWorkflowInput): Promise<WorkflowExecution> {
  const trigger = resolveTrigger(input);
  const run = newRun(input);
  const base = { errors: [] as string[], deferred: run.deferred, walkResult: emptyWalkResult(), data: null };
  if (input.registry.isDisabled(trigger)) {
    return {
      ...base,
      success: true,
      outcome: 'success',
      outcomeText: 'success',
      logs: [],
      counterIncrement: 0,
      skipped: true,
    };
  }
  const startNode = triggerNode(input.workflow.data);
  if (!startNode || startNode.data.id !== trigger.id) {
    return {
      ...base,
      errors: ['Invalid start node `-1`'],
      success: false,
      outcome: 'failure',
      outcomeText: 'failure',
      logs: [],
      counterIncrement: 0,
      skipped: false,
    };
  }
  const result = await runWorkflow(run, trigger, input.data, Number(startNode.id), input.mode);
  return { ...result, logs: run.log.entries, deferred: run.deferred, counterIncrement: 1, skipped: false };
}

async function runWorkflow(
  run: EngineRun,
  trigger: TriggerModule,
  input: PhpMap,
  startNodeId: number,
  mode: PathType | undefined,
): Promise<Omit<WorkflowExecution, 'logs' | 'deferred' | 'counterIncrement' | 'skipped'>> {
  const { workflow } = run;
  run.log.debug(EXECUTION_MESSAGES.started(trigger.id, workflow.id));
  const failure = (message: string, errors: string[] = []) => ({
    success: false,
    outcome: 'failure' as const,
    outcomeText: `failure ${message}`,
    errors,
    data: null,
    walkResult: emptyWalkResult(),
  });
  let data: PhpMap | false;
  try {
    data = await normalize(trigger, input, run.services);
  } catch (error) {
    const message = EXECUTION_MESSAGES.normalizeError(error instanceof Error ? error.message : String(error));
    run.log.debug(message);
    return failure(message);
  }
  if (data === false) {
    run.log.debug(EXECUTION_MESSAGES.normalizeInvalid);
    return failure(EXECUTION_MESSAGES.normalizeInvalid);
  }
  const forPath: PathType = mode ?? (trigger.blocking ? 'blocking' : 'non-blocking');
  const node = triggerNode(workflow.data);
  // The trigger's own conditions see the data as it came in, before normalisation.
  const triggerData = new RoamingData(run.user, input, workflow, startNodeId, null);
  const shouldContinue = node
    ? await trigger.exec(node, triggerData, createExecContext(run, trigger, workflow.id))
    : true;
  if (!(typeof shouldContinue === 'boolean' ? shouldContinue : shouldContinue.success)) {
    return failure(EXECUTION_MESSAGES.triggerConditions);
  }
  const errors: string[] = [];
  const walk = await walkGraph(run, startNodeId, forPath, data, errors);
  const stoppedByStopModule = walk.walkResult.blocking_nodes.some((n) => n.data.id === 'stop-execution');
  if (!walk.success) run.log.error(EXECUTION_MESSAGES.stopped(errors));
  else if (errors.length > 0) run.log.error(EXECUTION_MESSAGES.continued(errors));
  const outcome: WorkflowOutcome = walk.success ? 'success' : stoppedByStopModule ? 'blocked' : 'failure';
  run.log.debug(EXECUTION_MESSAGES.finished(trigger.id, workflow.id, outcome));
  return {
    success: walk.success,
    outcome,
    outcomeText: outcome,
    errors,
    data: walk.roamingData,
    walkResult: walk.walkResult,
  };
}

export interface DeferredTaskInput {
  task: DeferredTask;
  workflow: WorkflowRecord;
  registry: ModuleRegistry;
  services: WorkflowServices;
  user?: WorkflowUser | null;
  mispVersion?: string;
}

export interface DeferredTaskResult {
  success: boolean;
  errors: string[];
  logs: WorkflowLogEntry[];
  deferred: DeferredTask[];
  walkResult: WalkResult;
  data: RoamingData | null;
  /** The background job's final message. */
  jobMessage: string;
}

/**
 * The "workflowParallelTask" job: walks from the task's node in non-blocking mode over a JSON copy
 * of the data the concurrent-task saw.
 */
export async function runDeferredTask(input: DeferredTaskInput): Promise<DeferredTaskResult> {
  const run = newRun(input);
  const errors: string[] = [];
  const data = JSON.parse(JSON.stringify(input.task.data)) as PhpMap;
  const walk = await walkGraph(run, input.task.nodeId, 'non-blocking', data, errors);
  let jobMessage = EXECUTION_MESSAGES.concurrentDone(
    walk.walkResult.executed_nodes.length,
    input.task.nodeId,
  );
  if (!walk.success) {
    jobMessage = EXECUTION_MESSAGES.concurrentFailed(errors);
    run.log.error(jobMessage);
  }
  return {
    success: walk.success,
    errors,
    logs: run.log.entries,
    deferred: run.deferred,
    walkResult: walk.walkResult,
    data: walk.roamingData,
    jobMessage,
  };
}
