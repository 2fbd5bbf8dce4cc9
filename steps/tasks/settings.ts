/**
 * MISP settings as the site admin reads and changes them over REST (PyMISP's get_server_setting
 * and set_server_setting), or on MISP's console for the settings only the console may change.
 * Every change is recorded in the ledger first, with the value read back before it, so the
 * scenario undoes it whatever happens.
 */
import assert from 'node:assert/strict';
import { MispConsole } from '../../lab/clients/misp-console.ts';
import type { LabWorld } from '../support/world.ts';

export async function readSetting(world: LabWorld, name: string): Promise<unknown> {
  const answer = await world.siteAdmin.misp.getSetting(name);
  assert.equal(answer.status, 200, `reading ${name} answered HTTP ${answer.status}`);
  assert.ok(
    answer.data && typeof answer.data === 'object' && 'value' in answer.data,
    `reading ${name} gave no "value": ${JSON.stringify(answer.data)}`,
  );
  return answer.data.value;
}

/** Must run before any change: the ledger keeps the first value it sees per setting. */
export async function rememberSetting(world: LabWorld, name: string): Promise<unknown> {
  const previous = await readSetting(world, name);
  world.ledger.record({ kind: 'setting', name, previous });
  return previous;
}

/** Sets it over REST and checks MISP saved it; the caller has put the old value in the ledger. */
export async function writeSetting(world: LabWorld, name: string, value: unknown): Promise<void> {
  const answer = await world.siteAdmin.misp.setServerSetting(name, value);
  assert.equal(
    answer.status,
    200,
    `setting ${name} to ${JSON.stringify(value)} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.equal(answer.data.saved, true, `${name} was not saved: ${JSON.stringify(answer.data)}`);
}

/** Sets a setting unless it already has that value; the old value goes to the ledger first. */
export async function changeSetting(world: LabWorld, name: string, value: unknown): Promise<void> {
  const previous = await readSetting(world, name);
  if (previous === value) return;
  world.ledger.record({ kind: 'setting', name, previous });
  await writeSetting(world, name, value);
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
