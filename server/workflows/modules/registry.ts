/**
 * The module registry: every built-in trigger, logic and action module, with MISP's enabled state
 * (triggers by `Plugin.Workflow_triggers_<id>`, other modules by the enabled-modules set).
 */
import type { ModuleType } from '../engine/graph.ts';
import {
  toModuleConfig,
  type ModuleConfigContext,
  type ModuleRegistry,
  type WorkflowModule,
} from '../engine/module.ts';
import { ACTION_MODULES, LOGIC_MODULES, MISP_MODULES_ACTIONS, TRIGGER_MODULES } from './catalogue.ts';

/** `Workflow::$modules_enabled_by_default`, set by MISP's database update (spec §3.2). */
export const DEFAULT_ENABLED_MODULE_IDS: readonly string[] = [
  'generic-if',
  'distribution-if',
  'published-if',
  'organisation-if',
  'tag-if',
  'concurrent-task',
  'stop-execution',
  'webhook',
  'push-zmq',
];

export interface ModuleRegistryOptions {
  /** Logic and action modules switched on (MISP's Redis set `workflow:modules_enabled`). */
  enabledIds: Set<string>;
  /** Triggers whose `Plugin.Workflow_triggers_<id>` setting is true. */
  enabledTriggerIds?: Set<string>;
  /** `Plugin.Action_services_enable`: adds the misp-modules action modules. */
  actionServicesEnabled?: boolean;
  extraModules?: WorkflowModule[];
}

export interface WorkflowModuleRegistry extends ModuleRegistry {
  /** Config JSON as `/workflows/moduleIndex` and `/workflows/triggers` show it. */
  config(module: WorkflowModule, context?: ModuleConfigContext): Record<string, unknown>;
}

export function createModuleRegistry(options: ModuleRegistryOptions): WorkflowModuleRegistry {
  const modules = [
    ...TRIGGER_MODULES,
    ...LOGIC_MODULES,
    ...ACTION_MODULES,
    ...(options.actionServicesEnabled ? MISP_MODULES_ACTIONS : []),
    ...(options.extraModules ?? []),
  ];
  const byKey = new Map<string, WorkflowModule>();
  for (const module of modules) {
    const key = `${module.module_type}:${module.id}`;
    if (byKey.has(key)) throw new Error(`Module ${module.id} has already been defined`);
    byKey.set(key, module);
  }
  const enabledTriggers = options.enabledTriggerIds ?? new Set<string>();
  const registry: WorkflowModuleRegistry = {
    get: (moduleType: ModuleType, id: string) => byKey.get(`${moduleType}:${id}`),
    isDisabled: (module) =>
      module.module_type === 'trigger' ? !enabledTriggers.has(module.id) : !options.enabledIds.has(module.id),
    list: (moduleType?: ModuleType) =>
      modules.filter((module) => !moduleType || module.module_type === moduleType),
    config: (module, context) => toModuleConfig(module, { disabled: registry.isDisabled(module), context }),
  };
  return registry;
}
