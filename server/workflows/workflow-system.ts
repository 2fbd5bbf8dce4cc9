/**
 * The workflow feature of one server: storage (workflows, blueprints, enabled modules), the module
 * registry as the settings currently say, the execution of a trigger's workflow with its logs
 * (Log table as SYSTEM and workflow-execution.log) and the concurrent-task jobs it queues.
 * Routes reach it with `workflowsOf(services)`; data operations reach it through the trigger port.
 */
import type { ServerServices } from '../services.ts';
import type { LogActor } from '../logs/log-service.ts';
import type { TriggerOutcome } from '../events/trigger-port.ts';
import { TRIGGER_IDS } from './trigger-ids.ts';
import {
  createModuleRegistry,
  executeWorkflow,
  runDeferredTask,
  type DeferredTask,
  type WorkflowLogEntry,
  type WorkflowModuleRegistry,
  type WorkflowRecord,
} from './engine/index.ts';
import { BlueprintRepository } from './blueprint-repository.ts';
import { ExecutionLogFile } from './execution-log-file.ts';
import type { PhpMap } from './engine/php.ts';
import { workflowAuthUser, workflowEngineUser } from './execution-user.ts';
import { ModuleEnableStore } from './module-store.ts';
import { ServerWorkflowServices } from './workflow-services.ts';
import { engineRecord, WorkflowRepository, type Workflow } from './workflow-repository.ts';

export class WorkflowSystem {
  readonly workflows: WorkflowRepository;
  readonly blueprints: BlueprintRepository;
  readonly modules: ModuleEnableStore;
  readonly logFile: ExecutionLogFile;
  readonly moduleServices: ServerWorkflowServices;
  /** True while the log-after-save workflow runs (its own log lines must not fire it again). */
  runningLogWorkflow = false;

  constructor(private readonly services: ServerServices) {
    this.workflows = new WorkflowRepository(services.db, services.clock);
    this.blueprints = new BlueprintRepository(services.db, services.clock);
    this.modules = new ModuleEnableStore(services.db);
    this.logFile = new ExecutionLogFile(services.config.dataDir);
    this.moduleServices = new ServerWorkflowServices(services);
    this.blueprints.seedDefaults();
  }

  /** Trigger switches follow their settings; other modules the enabled set. */
  registry(): WorkflowModuleRegistry {
    const { settings } = this.services;
    return createModuleRegistry({
      enabledIds: this.modules.enabledIds(),
      enabledTriggerIds: new Set(TRIGGER_IDS.filter((id) => this.triggerEnabled(id))),
      actionServicesEnabled: settings.bool('Plugin.Action_services_enable'),
    });
  }

  triggerEnabled(triggerId: string): boolean {
    return this.services.settings.bool(`Plugin.Workflow_triggers_${triggerId}`);
  }

  /** MISP's isTriggerCallable (spec §3.2). */
  isCallable(triggerId: string): boolean {
    return (
      this.services.settings.bool('Plugin.Workflow_enable') &&
      this.triggerEnabled(triggerId) &&
      this.workflows.workflowsListeningTo(triggerId).length > 0
    );
  }

  /** Runs the workflow whose trigger_id is `triggerId` over `data`; inline, whatever the trigger. */
  async runTrigger(triggerId: string, data: unknown): Promise<TriggerOutcome> {
    const workflow = this.workflows.findByTrigger(triggerId);
    if (!workflow) return { success: true, outcome: 'success', errors: [] };
    if (triggerId !== 'log-after-save') return this.execute(workflow, triggerId, data as PhpMap);
    this.runningLogWorkflow = true;
    try {
      return await this.execute(workflow, triggerId, data as PhpMap);
    } finally {
      this.runningLogWorkflow = false;
    }
  }

  /**
   * One run: counter, engine, logs, queued concurrent tasks. Never throws. `requester`: the user
   * of an executeWorkflow call, whose save of the counter MISP 2.5.1 logs as an "edit" line
   * ("counter (2) => (3)", observed: fixtures/misp-samples-observed/execute-workflow.json).
   * MISP logs that line on trigger runs too, in the publishing user's name; not mirrored yet.
   */
  async execute(
    workflow: Workflow,
    triggerId: string,
    data: PhpMap,
    requester?: LogActor,
  ): Promise<TriggerOutcome> {
    const record = engineRecord(workflow);
    try {
      const result = await executeWorkflow({
        workflow: record,
        triggerModule: triggerId,
        data,
        registry: this.registry(),
        services: this.moduleServices,
        user: workflowEngineUser(workflowAuthUser(this.services)),
        mispVersion: this.services.config.mispVersion,
      });
      if (result.counterIncrement > 0) {
        this.workflows.incrementCounter(workflow.id, result.counterIncrement);
        if (requester) this.logCounterSave(workflow, result.counterIncrement, requester);
      }
      const logs = [...result.logs];
      if (!result.success && logs.every((entry) => entry.kind !== 'error') && result.errors.length > 0) {
        logs.push(this.errorEntry(record, result.errors.join(', ')));
      }
      this.writeLogs(record, logs);
      this.queueDeferred(record, result.deferred);
      return { success: result.success, outcome: result.outcomeText, errors: result.errors };
    } catch (error) {
      const message = `Error while executing workflow for trigger \`${triggerId}\`: ${(error as Error)?.message ?? String(error)}`;
      this.writeLogs(record, [this.errorEntry(record, message)]);
      return { success: false, outcome: 'failure', errors: [message] };
    }
  }

  private logCounterSave(workflow: Workflow, by: number, requester: LogActor): void {
    this.services.logs.write({
      title: workflow.name,
      model: 'Workflow',
      model_id: Number(workflow.id),
      action: 'edit',
      actor: requester,
      change: `counter (${workflow.counter}) => (${workflow.counter + by})`,
      description: `Workflow "${workflow.name}" (${workflow.id}) updated by User "${requester.email}" (${requester.id}).`,
    });
  }

  writeLogs(workflow: WorkflowRecord, entries: WorkflowLogEntry[]): void {
    const at = new Date(this.services.clock());
    for (const entry of entries) {
      this.services.logs.write({
        title: entry.title,
        model: 'Workflow',
        model_id: Number(entry.model_id) || 0,
        action: 'execute_workflow',
        change: entry.change,
      });
      this.logFile.append(workflow, entry.title, at);
    }
  }

  /** Each concurrent-task branch becomes a "workflowParallelTask" job (WorkflowShell::walkGraph). */
  queueDeferred(workflow: WorkflowRecord, tasks: DeferredTask[]): void {
    for (const task of tasks) {
      this.services.jobs.enqueue({
        worker: 'prio',
        job_type: 'workflowParallelTask',
        job_input: `Workflow ${workflow.id}: node ${task.nodeId}`,
        run: async () => {
          const result = await runDeferredTask({
            task,
            workflow,
            registry: this.registry(),
            services: this.moduleServices,
            user: workflowEngineUser(workflowAuthUser(this.services)),
            mispVersion: this.services.config.mispVersion,
          });
          this.writeLogs(workflow, result.logs);
          this.queueDeferred(workflow, result.deferred);
          return result.jobMessage;
        },
      });
    }
  }

  private errorEntry(workflow: WorkflowRecord, title: string): WorkflowLogEntry {
    return {
      kind: 'error',
      user: 'SYSTEM',
      action: 'execute_workflow',
      model: 'Workflow',
      model_id: workflow.id,
      title,
    };
  }
}

const systems = new WeakMap<ServerServices, WorkflowSystem>();

export function workflowsOf(services: ServerServices): WorkflowSystem {
  let system = systems.get(services);
  if (!system) {
    system = new WorkflowSystem(services);
    systems.set(services, system);
  }
  return system;
}
