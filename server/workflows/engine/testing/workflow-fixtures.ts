/** Helpers for engine tests: fixture graphs, the sample event and a registry with Example A/B modules on. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createModuleRegistry, DEFAULT_ENABLED_MODULE_IDS } from '../../modules/registry.ts';
import type { WorkflowGraph } from '../graph.ts';
import type { PhpMap } from '../php.ts';
import type { WorkflowRecord } from '../roaming-data.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export function readJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(root + relative, 'utf8')) as T;
}

export function fixtureGraph(name: string): WorkflowGraph {
  return readJson<WorkflowGraph>(`fixtures/workflows/${name}.json`);
}

/** The event of misp-samples/event-view.json: one top-level ip-src, a file object with a datetime. */
export function sampleEvent(): { Event: PhpMap } {
  return readJson<{ Event: PhpMap }>('server/workflows/engine/testing/misp-samples/event-view.json');
}

export function workflowOf(graph: WorkflowGraph, overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return {
    id: '1',
    name: 'Example',
    trigger_id: 'event-publish',
    debug_enabled: false,
    data: graph,
    ...overrides,
  };
}

export const EXAMPLE_MODULES = [
  ...DEFAULT_ENABLED_MODULE_IDS,
  'generic-filter-data',
  'generic-filter-reset',
  'attribute_ids_flag_operation',
];

export function labRegistry(extra: string[] = [], options: { actionServicesEnabled?: boolean } = {}) {
  return createModuleRegistry({
    enabledIds: new Set([...EXAMPLE_MODULES, ...extra]),
    enabledTriggerIds: new Set(['event-publish', 'event-after-save', 'tag-attached-after-save']),
    ...options,
  });
}
