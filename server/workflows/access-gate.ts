/**
 * WorkflowsController::beforeFilter: every /workflows/* page needs background workers and the
 * workflow plugin (MISP also checks Redis, which this server does not need). The browser gets
 * MISP's "Could not access Workflow system" page; REST clients get the same messages as a 403.
 */
import type { SettingsService } from '../settings/settings-service.ts';

export const GATE_TITLE = 'Could not access Workflow system';
export const GATE_INTRO = 'Some components are essential for the Workflow system to run.';
export const GATE_MESSAGES = {
  backgroundJobs: 'Background workers must be enabled to use workflows',
  plugin:
    'The workflow plugin must be enabled to use workflows. Go to `/servers/serverSettings/Plugin` the enable the `Plugin.Workflow` setting',
} as const;

/** The reasons the workflow system is unusable right now; empty when it may be used. */
export function workflowAccessProblems(settings: SettingsService): string[] {
  const problems: string[] = [];
  if (!settings.bool('MISP.background_jobs')) problems.push(GATE_MESSAGES.backgroundJobs);
  if (!settings.bool('Plugin.Workflow_enable')) problems.push(GATE_MESSAGES.plugin);
  return problems;
}
