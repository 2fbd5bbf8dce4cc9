/** The MISP workflow engine: pure graph + modules + roaming data in, outcome + log lines out. */
export * from './hash-path.ts';
export * from './graph.ts';
export * from './conditions.ts';
export * from './roaming-data.ts';
export * from './params.ts';
export * from './module.ts';
export * from './services.ts';
export * from './jinja.ts';
export * from './execution-log.ts';
export { executeNode, walkGraph, type EngineRun, type PathType, type WalkResult } from './walker.ts';
export * from './execute.ts';
export {
  createModuleRegistry,
  DEFAULT_ENABLED_MODULE_IDS,
  type ModuleRegistryOptions,
  type WorkflowModuleRegistry,
} from '../modules/registry.ts';
