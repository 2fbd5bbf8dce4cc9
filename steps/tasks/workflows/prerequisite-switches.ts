/**
 * Switching a workflow prerequisite off inside a scenario. The ledger restores settings last
 * (they were recorded first), but restoring workflows and modules needs the workflow pages, so
 * the After hook of the workflow steps switches the prerequisites back on before the ledger runs.
 */
import type { LabWorld } from '../../support/world.ts';
import { BACKGROUND_JOBS, WORKFLOW_ENABLE, changeSetting } from './settings.ts';
import { writeSetting } from '../settings.ts';

export async function switchOff(world: LabWorld, setting: string): Promise<void> {
  if (![WORKFLOW_ENABLE, BACKGROUND_JOBS].includes(setting))
    throw new Error(`"${setting}" is not a workflow prerequisite (${WORKFLOW_ENABLE}, ${BACKGROUND_JOBS})`);
  world.prerequisiteSwitchedOff = true;
  await changeSetting(world, setting, false);
}

/** Before the ledger's undo: the prerequisites on again (their original values come back last). */
export async function restorePrerequisitesForCleanup(world: LabWorld): Promise<void> {
  if (!world.prerequisiteSwitchedOff) return;
  for (const setting of [BACKGROUND_JOBS, WORKFLOW_ENABLE]) await writeSetting(world, setting, true);
}
