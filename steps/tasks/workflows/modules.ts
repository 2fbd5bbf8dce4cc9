/**
 * Workflow modules and triggers as MISP lists and toggles them (spec §3.2, §3.3): PyMISP-style
 * module and trigger indexes, switched with toggle_workflow_module. Each switch is recorded in
 * the ledger before it happens, so the scenario leaves them as found.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import type { RestAnswer } from '../../../lab/clients/misp-client.ts';
import type { ModuleConfig } from '../../../lab/clients/misp-types.ts';

export type { ModuleConfig };

function listOf(what: string, answer: RestAnswer<ModuleConfig[]>): ModuleConfig[] {
  assert.equal(answer.status, 200, `${what} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`);
  assert.ok(Array.isArray(answer.data), `${what} is not a JSON list: ${JSON.stringify(answer.data)}`);
  return answer.data;
}

export async function listModules(world: LabWorld): Promise<ModuleConfig[]> {
  return listOf('the workflow module index', await world.siteAdmin.misp.workflowModules());
}

async function listTriggers(world: LabWorld): Promise<ModuleConfig[]> {
  return listOf('the trigger index', await world.siteAdmin.misp.workflowTriggers());
}

async function toggle(world: LabWorld, id: string, enable: boolean, isTrigger: boolean): Promise<void> {
  const answer = await world.siteAdmin.misp.toggleWorkflowModule(id, enable, isTrigger);
  const what = `${enable ? 'enabling' : 'disabling'} ${isTrigger ? 'trigger' : 'module'} ${id}`;
  assert.equal(answer.status, 200, `${what} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`);
  assert.equal(
    answer.data.message,
    `${enable ? 'Enabled' : 'Disabled'} module ${id}`,
    `MISP did not confirm the toggle: ${JSON.stringify(answer.data)}`,
  );
}

/** Enables the modules a graph uses (a disabled module fails: spec §3.2). */
export async function enableModules(world: LabWorld, ids: string[]): Promise<void> {
  const all = await listModules(world);
  for (const id of new Set(ids)) {
    const module = all.find((m) => m.id === id);
    assert.ok(module, `MISP lists no workflow module "${id}" (is its service enabled?)`);
    if (!module.disabled) continue;
    world.ledger.record({ kind: 'module', id, wasEnabled: false, isTrigger: false });
    await toggle(world, id, true, false);
  }
}

export async function setTrigger(world: LabWorld, triggerId: string, enable: boolean): Promise<void> {
  const trigger = (await listTriggers(world)).find((t) => t.id === triggerId);
  assert.ok(trigger, `MISP lists no trigger "${triggerId}"`);
  const enabled = trigger.disabled === false;
  if (enabled === enable) return;
  world.ledger.record({ kind: 'module', id: triggerId, wasEnabled: enabled, isTrigger: true });
  await toggle(world, triggerId, enable, true);
}
