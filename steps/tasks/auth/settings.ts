/**
 * Reading and changing MISP settings the three ways MISP offers: its console, its settings page
 * (an admin's browser, see pages/server-settings-page.ts) and its REST API. Every change is
 * recorded in the ledger first, with the value read back before it (../settings.ts).
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { ServerSettingsPage } from '../../pages/server-settings-page.ts';
import { runConsole, type ConsoleRun } from './console.ts';
import { readSetting, rememberSetting, writeSetting } from '../settings.ts';

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
  world.lastConsoleRun = run;
  return run;
}

/** MISP's exact console contract (spec §2.1, Appendix C): one line on stdout, nothing on stderr. */
export function expectConsoleOutput(world: LabWorld, stdout: string, exitCode: number): void {
  const run = world.lastConsoleRun;
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
  await writeSetting(world, name, value);
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
export async function setSettingByPage(
  world: LabWorld,
  admin: Actor,
  name: string,
  value: string,
): Promise<void> {
  await rememberSetting(world, name);
  const settings = new ServerSettingsPage(await admin.page());
  await settings.openFromMenu();
  await settings.openTab(name.split('.')[0] ?? name);
  const saved = await settings.chooseValue(name, value);
  assert.equal(saved.status, 200, `the inline editor's save answered HTTP ${saved.status}`);
  assert.deepEqual(saved.body, { saved: true, success: 'Field updated.' }, 'the inline editor did not save');
  assert.equal(await settings.shownValue(name), value, 'the settings table does not show the new value');
}
