/**
 * MISP settings the workflow scenarios depend on (spec §3.1): read with GET /servers/getSetting,
 * changed with POST /servers/serverSettingsEdit (force, as the UI does), and recorded in the
 * ledger with the value read back BEFORE the change, so the scenario undoes it whatever happens.
 */
import assert from 'node:assert/strict';
import { MispConsole } from '../../../lab/clients/misp-console.ts';
import type { LabWorld } from '../../support/world.ts';

export const WORKFLOW_ENABLE = 'Plugin.Workflow_enable';
export const BACKGROUND_JOBS = 'MISP.background_jobs';
export const ACTION_SERVICES = 'Plugin.Action_services_enable';
export const ARBITRARY_URLS = 'Security.rest_client_enable_arbitrary_urls';

export async function readSetting(world: LabWorld, name: string): Promise<unknown> {
  const answer = await world.admin.get<{ value?: unknown }>(`/servers/getSetting/${name}`);
  assert.equal(answer.status, 200, `GET /servers/getSetting/${name} answered HTTP ${answer.status}`);
  assert.ok(
    answer.data && typeof answer.data === 'object' && 'value' in answer.data,
    `GET /servers/getSetting/${name} gave no "value": ${JSON.stringify(answer.data)}`,
  );
  return answer.data.value;
}

/** Sets a setting unless it already has that value; the old value goes to the ledger first. */
export async function changeSetting(world: LabWorld, name: string, value: unknown): Promise<void> {
  const previous = await readSetting(world, name);
  if (previous === value) return;
  world.ledger.record({ kind: 'setting', name, previous });
  const answer = await world.admin.post<{ saved?: boolean }>(`/servers/serverSettingsEdit/${name}`, {
    value,
    force: true,
  });
  assert.equal(
    answer.status,
    200,
    `setting ${name} to ${JSON.stringify(value)} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.equal(answer.data.saved, true, `${name} was not saved: ${JSON.stringify(answer.data)}`);
}

/**
 * For settings MISP lets only its console change (HTTP answers 405 "This setting can only be
 * edited via the CLI."): `cake Admin setSetting`, undone the same way.
 */
export async function changeSettingByConsole(world: LabWorld, name: string, value: unknown): Promise<void> {
  const previous = await readSetting(world, name);
  if (previous === value) return;
  const shell = world.env.misp.console;
  assert.ok(shell, `${name} can only be changed on MISP's console, and this target gives none`);
  world.ledger.record({ kind: 'setting', name, previous, via: 'console' });
  await new MispConsole(shell).setSetting(name, value);
  const now = await readSetting(world, name);
  assert.equal(now, value, `after cake Admin setSetting, MISP reports ${name} as ${JSON.stringify(now)}`);
}

/** What every workflow needs (spec §3.1): the plugin on and background workers on. */
export async function enableWorkflowPrerequisites(world: LabWorld): Promise<void> {
  await changeSetting(world, BACKGROUND_JOBS, true);
  await changeSetting(world, WORKFLOW_ENABLE, true);
}
