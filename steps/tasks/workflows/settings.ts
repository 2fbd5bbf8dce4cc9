/** MISP settings the workflow scenarios depend on (spec §3.1), changed as steps/tasks/settings.ts does. */
import type { LabWorld } from '../../support/world.ts';
import { changeSetting } from '../settings.ts';

export { changeSetting, changeSettingByConsole } from '../settings.ts';

export const WORKFLOW_ENABLE = 'Plugin.Workflow_enable';
export const BACKGROUND_JOBS = 'MISP.background_jobs';
export const ACTION_SERVICES = 'Plugin.Action_services_enable';
export const ARBITRARY_URLS = 'Security.rest_client_enable_arbitrary_urls';

/** What every workflow needs (spec §3.1): the plugin on and background workers on. */
export async function enableWorkflowPrerequisites(world: LabWorld): Promise<void> {
  await changeSetting(world, BACKGROUND_JOBS, true);
  await changeSetting(world, WORKFLOW_ENABLE, true);
}
