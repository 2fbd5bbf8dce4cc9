/**
 * Reading and changing MISP settings the three ways MISP offers: its console, its settings page
 * (browser, see pages/server-settings-page.ts) and its REST API. Every change is recorded in the
 * ledger first, with the value read back from GET /servers/getSetting, so it is undone after
 * the scenario whatever happens.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { ServerSettingsPage } from '../../pages/server-settings-page.ts';
import { runConsole, type ConsoleRun } from './console.ts';

export async function readSetting(world: LabWorld, name: string): Promise<unknown> {
  const answer = await world.admin.get<{ value?: unknown }>(`/servers/getSetting/${name}`);
  assert.equal(answer.status, 200, `GET /servers/getSetting/${name} answered HTTP ${answer.status}`);
  assert.ok(
    answer.data && typeof answer.data === 'object' && 'value' in answer.data,
    `GET /servers/getSetting/${name} gave no "value"`,
  );
  return answer.data.value;
}

/** Must run before any change: the ledger keeps the first value it sees per setting. */
export async function rememberSetting(world: LabWorld, name: string): Promise<void> {
  world.ledger.record({ kind: 'setting', name, previous: await readSetting(world, name) });
}

/** Words of a feature file ("true", "false") to the JSON boolean MISP reports. */
export function booleanWord(word: string): boolean {
  if (word === 'true') return true;
  if (word === 'false') return false;
  throw new Error(`expected true or false, got "${word}"`);
}

/** `cake Admin setSetting <name> <value>`, the value passed exactly as the scenario words it. */
export async function setSettingByConsole(world: LabWorld, name: string, value: string): Promise<ConsoleRun> {
  await rememberSetting(world, name);
  const run = await runConsole(world, ['setSetting', name, value]);
  world.memory.set('console.last', run);
  return run;
}

/** MISP's exact console contract (spec §2.1, Appendix C): one line on stdout, nothing on stderr. */
export function expectConsoleOutput(world: LabWorld, stdout: string, exitCode: number): void {
  const run = world.memory.get('console.last') as ConsoleRun | undefined;
  assert.ok(run, 'the console was not run in this scenario');
  assert.equal(
    run.exitCode,
    exitCode,
    `the console exited with ${run.exitCode}; stderr: ${run.stderr.trim()}`,
  );
  assert.equal(run.stdout.trimEnd(), stdout, 'the console did not print exactly what MISP prints');
  if (exitCode === 0) assert.equal(run.stderr.trim(), '', 'the console wrote to stderr on success');
}

/** REST, as PyMISP's set_server_setting does: real JSON booleans (the "false" string is true). */
export async function setSettingByRest(world: LabWorld, name: string, value: boolean): Promise<void> {
  await rememberSetting(world, name);
  const answer = await world.admin.post<{ saved?: boolean; errors?: unknown }>(
    `/servers/serverSettingsEdit/${name}`,
    { value, force: true },
  );
  assert.equal(
    answer.status,
    200,
    `setting ${name} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.equal(answer.data.saved, true, `setting ${name} was not saved: ${JSON.stringify(answer.data)}`);
}

export async function expectSetting(world: LabWorld, name: string, word: string): Promise<void> {
  assert.deepEqual(
    await readSetting(world, name),
    booleanWord(word),
    `MISP reports another value for ${name}`,
  );
}

/**
 * As the slides: Administration → Server Settings & Maintenance → the setting's tab → double-click
 * the value → choose it → accept. The session must be a site admin's (checked by MISP itself).
 */
export async function setSettingByPage(world: LabWorld, name: string, value: string): Promise<void> {
  await rememberSetting(world, name);
  const settings = new ServerSettingsPage(await world.page());
  await settings.openFromMenu();
  await settings.openTab(name.split('.')[0] ?? name);
  const saved = await settings.chooseValue(name, value);
  assert.equal(saved.status, 200, `the inline editor's save answered HTTP ${saved.status}`);
  assert.deepEqual(saved.body, { saved: true, success: 'Field updated.' }, 'the inline editor did not save');
  assert.equal(await settings.shownValue(name), value, 'the settings table does not show the new value');
}
