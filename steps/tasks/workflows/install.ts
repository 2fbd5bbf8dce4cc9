/**
 * Putting a workflow in place the REST way (set-up, not under test): the modules it uses
 * enabled, its trigger enabled, its graph saved on the trigger's workflow. Everything goes
 * through the ledger, so the scenario leaves MISP as it found it.
 */
import type { LabWorld } from '../../support/world.ts';
import { chainGraph, loadGraphFixture, moduleIdsOf, triggerNodeOf, type DrawflowGraph } from './graph.ts';
import { enableModules, listModules, setTrigger, type ModuleConfig } from './modules.ts';
import { saveGraphForTrigger, workflowForTrigger, type SavedWorkflow } from './workflow-store.ts';

export async function installGraph(
  world: LabWorld,
  graph: DrawflowGraph,
  name: string,
): Promise<SavedWorkflow> {
  const triggerId = triggerNodeOf(graph).data.id;
  await enableModules(world, moduleIdsOf(graph));
  await setTrigger(world, triggerId, true);
  return saveGraphForTrigger(world, triggerId, graph, name);
}

/** A workflow of fixtures/workflows (MISP's JSON, as exported from a real MISP). */
export function installFixture(world: LabWorld, fixture: string, name: string): Promise<SavedWorkflow> {
  return installGraph(world, loadGraphFixture(fixture), name);
}

/** Trigger → the given action modules in a row, with their params; the trigger node MISP made. */
export async function installChain(
  world: LabWorld,
  triggerId: string,
  steps: Array<{ moduleId: string; params: Record<string, unknown> }>,
  name: string,
): Promise<SavedWorkflow> {
  const modules = await listModules(world);
  const find = (id: string): ModuleConfig => {
    const module = modules.find((m) => m.id === id);
    if (!module)
      throw new Error(
        `MISP lists no workflow module "${id}" (known: ${modules.map((m) => m.id).join(', ')})`,
      );
    return module;
  };
  const current = await workflowForTrigger(world, triggerId);
  const graph = chainGraph(
    triggerNodeOf(current.data),
    steps.map((step) => ({ module: find(step.moduleId), params: step.params })),
  );
  return installGraph(world, graph, name);
}
