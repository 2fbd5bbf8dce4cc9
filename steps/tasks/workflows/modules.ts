/**
 * Workflow modules and triggers as MISP lists and toggles them (spec §3.2, §3.3): module configs
 * from /workflows/moduleIndex and /workflows/triggers, switched with /workflows/toggleModule.
 * Each switch is recorded in the ledger before it happens, so the scenario leaves them as found.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';

/** A module config as MISP's JSON lists it (only the fields the harness reads). */
export interface ModuleConfig {
  id: string;
  name: string;
  module_type: 'trigger' | 'logic' | 'action';
  version?: string;
  disabled?: boolean;
  blocking?: boolean;
  inputs?: number;
  outputs?: number;
  html_template?: string;
  multiple_output_connection?: boolean;
  expect_misp_core_format?: boolean;
  params?: Array<{ id: string; label?: string; default?: unknown }>;
  Workflow?: { id: string | number } | null;
}

async function listJson(world: LabWorld, path: string): Promise<ModuleConfig[]> {
  const answer = await world.admin.get<unknown>(path);
  assert.equal(
    answer.status,
    200,
    `GET ${path} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.ok(
    Array.isArray(answer.data),
    `GET ${path} did not answer a JSON list: ${JSON.stringify(answer.data)}`,
  );
  return answer.data as ModuleConfig[];
}

export function listModules(world: LabWorld): Promise<ModuleConfig[]> {
  return listJson(world, '/workflows/moduleIndex/type:all.json');
}

export function listTriggers(world: LabWorld): Promise<ModuleConfig[]> {
  return listJson(world, '/workflows/triggers.json');
}

export async function moduleConfig(world: LabWorld, id: string): Promise<ModuleConfig> {
  const all = await listModules(world);
  const found = all.find((module) => module.id === id);
  assert.ok(found, `MISP lists no workflow module "${id}" (known: ${all.map((m) => m.id).join(', ')})`);
  return found;
}

async function toggle(world: LabWorld, id: string, enable: boolean, isTrigger: boolean): Promise<void> {
  const path = `/workflows/toggleModule/${id}/${enable ? 1 : 0}${isTrigger ? '/1' : ''}`;
  const answer = await world.admin.post<{ saved?: boolean; message?: string }>(path);
  assert.equal(
    answer.status,
    200,
    `POST ${path} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
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

export async function expectTriggerEnabled(world: LabWorld, triggerId: string): Promise<void> {
  const trigger = (await listTriggers(world)).find((t) => t.id === triggerId);
  assert.ok(trigger, `MISP lists no trigger "${triggerId}"`);
  assert.equal(trigger.disabled, false, `the trigger list shows "${triggerId}" disabled`);
}
