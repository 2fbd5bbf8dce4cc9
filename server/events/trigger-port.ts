/**
 * The seam between MISP's data operations and the workflow engine (AppModel::executeTrigger).
 * Events, attributes, objects and tags call a WorkflowTriggerPort at the points where MISP fires a
 * trigger; the workflow integration supplies the real port, and until then NO_WORKFLOWS keeps
 * every trigger silent. Nothing here knows how a workflow is stored or walked.
 */
import type { AuthUser } from '../users/current-user.ts';

export interface TriggerRunOptions {
  /** The event the data belongs to, when there is one (for logs and the caller's messages). */
  eventId?: number;
  /** Who caused the trigger; workflows themselves run as MISP's SYSTEM user (spec §3.1). */
  user?: AuthUser;
}

export interface TriggerOutcome {
  success: boolean;
  /** 'success' | 'blocked' | 'failure …' as Workflow::executeWorkflowForTrigger reports it. */
  outcome: string;
  errors: string[];
}

export interface WorkflowTriggerPort {
  /** MISP's isTriggerCallable: the plugin, the trigger switch and a listening workflow (spec §3.2). */
  isCallable(triggerId: string): boolean;
  /** Walks the trigger's workflow over `data` (MISP's array shape, e.g. `{Event:{…}}`). */
  run(triggerId: string, data: unknown, options: TriggerRunOptions): Promise<TriggerOutcome>;
}

/** A server with no workflow engine attached: no trigger is ever callable. */
export const NO_WORKFLOWS: WorkflowTriggerPort = {
  isCallable: () => false,
  run: async () => ({ success: true, outcome: 'success', errors: [] }),
};

/** Triggers whose result decides whether the operation goes ahead (spec §3.4, "blocking"). */
export const BLOCKING_TRIGGERS: ReadonlySet<string> = new Set([
  'enrichment-before-query',
  'event-before-save',
  'event-publish',
  'shadow-attribute-before-save',
  'user-before-save',
]);
