/**
 * The workflow module model: what every trigger, logic and action module declares, the context
 * it runs in, and the config JSON MISP shows for it (`/workflows/moduleIndex`, `/workflows/triggers`).
 */
import type { ModuleType, WorkflowNode } from './graph.ts';
import type { RoamingData } from './roaming-data.ts';
import type { WorkflowServices } from './services.ts';
import type { PhpMap } from './php.ts';

/** Where a picker or select gets its options on a live instance. */
export type DynamicOptionSource =
  'tags' | 'galaxyClusters' | 'recipients' | 'organisations' | 'sharingGroups';

export interface ParamDef {
  id: string;
  label?: string;
  type: 'input' | 'select' | 'picker' | 'textarea' | 'hashpath' | string;
  options?: Record<string, string> | unknown[] | { dynamic: DynamicOptionSource };
  default?: unknown;
  placeholder?: string;
  jinja_supported?: boolean;
  multiple?: boolean;
  picker_create_new?: boolean;
  display_on?: Record<string, unknown>;
  hashpath?: { is_sub_selector: boolean };
  /** misp-modules `hash_path` params: their value selects `matchingData`. */
  _isHashPath?: boolean;
  [key: string]: unknown;
}

export type IndexedParams = Record<string, ParamDef & { value: unknown }>;

/** A module's verdict; errors may also be pushed to `ctx.errors` (MISP's `&$errors`). */
export type ModuleExecResult = boolean | { success: boolean; errors?: string[] };

/** A job a concurrent-task asks for: walk from `nodeId` in non-blocking mode over `data`. */
export interface DeferredTask {
  workflowId: number | string;
  /** The concurrent-task node that queued it. */
  fromNodeId: number | string;
  nodeId: number;
  data: PhpMap;
}

export interface ExecContext {
  services: WorkflowServices;
  /** Error messages of this node, joined into the walk's error line when the node fails. */
  errors: string[];
  /** Saved params merged with defaults; non-empty Jinja params rendered over `data`. */
  params(node: WorkflowNode, data: PhpMap): IndexedParams;
  /** Jinja2-compatible rendering; a failing template renders to ''. */
  renderTemplate(template: string, data: unknown): string;
  /** Queues a background walk (concurrent-task). */
  defer(task: DeferredTask): void;
  /** Version sent in the webhook's User-Agent. */
  mispVersion: string;
}

interface ModuleBase {
  id: string;
  name: string;
  version: string;
  description: string;
  icon: string;
  icon_class?: string;
  icon_path?: string;
  blocking: boolean;
  expect_misp_core_format: boolean;
  support_filters: boolean;
  multiple_output_connection?: boolean;
  html_template?: string;
  is_misp_module?: boolean;
  is_custom?: boolean;
  inputs: number;
  outputs: number;
  params: ParamDef[];
  exec(node: WorkflowNode, roamingData: RoamingData, ctx: ExecContext): Promise<ModuleExecResult>;
}

export interface TriggerModule extends ModuleBase {
  module_type: 'trigger';
  scope: string;
  misp_core_format: boolean;
  trigger_overhead: 1 | 2 | 3;
  trigger_overhead_message: string;
  /** Massages incoming data before the walk; false means invalid input. */
  normalizeData?(data: PhpMap, services: WorkflowServices): Promise<PhpMap | false>;
}

export interface LogicModule extends ModuleBase {
  module_type: 'logic';
}

export interface ActionModule extends ModuleBase {
  module_type: 'action';
}

export type WorkflowModule = TriggerModule | LogicModule | ActionModule;

/** What the engine needs from a module registry. */
export interface ModuleRegistry {
  get(moduleType: ModuleType, id: string): WorkflowModule | undefined;
  /** Triggers follow `Plugin.Workflow_triggers_<id>`, other modules the enabled-modules set. */
  isDisabled(module: WorkflowModule): boolean;
  list(moduleType?: ModuleType): WorkflowModule[];
}

/** Option lists that come from the instance's database. */
export interface ModuleConfigContext {
  tags?: string[];
  galaxyClusters?: string[];
  userEmails?: string[];
  organisations?: Record<string, string>;
  sharingGroups?: Record<string, string>;
}

export const DEFAULT_SAVED_FILTERS = [
  { text: 'selector', value: '' },
  { text: 'value', value: '' },
  { text: 'operator', value: '' },
  { text: 'path', value: '' },
];

function resolveOptions(options: ParamDef['options'], context: ModuleConfigContext): unknown {
  if (!options || Array.isArray(options) || !('dynamic' in options)) return options;
  switch (options.dynamic) {
    case 'tags':
      return context.tags ?? [];
    case 'galaxyClusters':
      return context.galaxyClusters ?? [];
    case 'recipients':
      return ['All accounts', 'All admins', ...(context.userEmails ?? [])];
    case 'organisations':
      return context.organisations ?? [];
    case 'sharingGroups':
      return context.sharingGroups ?? [];
  }
}

export function paramConfig(param: ParamDef, context: ModuleConfigContext = {}): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(param)) {
    config[key] = key === 'options' ? resolveOptions(param.options, context) : value;
  }
  return config;
}

/** The module as MISP lists it: every public property of the module class plus type and state. */
export function toModuleConfig(
  module: WorkflowModule,
  options: { disabled: boolean; context?: ModuleConfigContext },
): Record<string, unknown> {
  const context = options.context ?? {};
  const config: Record<string, unknown> = { id: module.id };
  if (module.module_type === 'trigger') config.scope = module.scope;
  Object.assign(config, {
    name: module.name,
    version: module.version,
    description: module.description,
    icon: module.icon,
    icon_class: module.icon_class ?? '',
    ...(module.icon_path !== undefined ? { icon_path: module.icon_path } : {}),
    inputs: module.inputs,
    outputs: module.outputs,
    blocking: module.blocking,
  });
  if (module.module_type === 'trigger') {
    Object.assign(config, {
      misp_core_format: module.misp_core_format,
      trigger_overhead: module.trigger_overhead,
      trigger_overhead_message: module.trigger_overhead_message,
    });
  }
  Object.assign(config, {
    is_misp_module: module.is_misp_module ?? false,
    is_custom: module.is_custom ?? false,
    expect_misp_core_format: module.expect_misp_core_format,
    multiple_output_connection: module.multiple_output_connection ?? false,
    support_filters: module.support_filters,
    saved_filters: DEFAULT_SAVED_FILTERS.map((filter) => ({ ...filter })),
    params: module.params.map((param) => paramConfig(param, context)),
    module_type: module.module_type,
  });
  const htmlTemplate = module.html_template ?? (module.module_type === 'trigger' ? 'trigger' : undefined);
  if (htmlTemplate !== undefined) config.html_template = htmlTemplate;
  config.disabled = options.disabled;
  return config;
}
