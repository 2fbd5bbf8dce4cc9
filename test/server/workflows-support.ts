/**
 * Shared set-up for the workflow tests: a real server on 127.0.0.1 with the workflow plugin on,
 * helpers to save a fixture graph the way a client does (open the editor for the trigger, then
 * POST /workflows/edit/<id> with the graph as a JSON string), and readers for logs and jobs.
 */
import { readFileSync } from 'node:fs';
import { startLab, type Json, type Lab } from './events-support.ts';
import type { MispServerOptions } from '../../server/app.ts';

export type { Json, Lab };

export function fixtureGraph(name: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/workflows/${name}.json`, import.meta.url), 'utf8'),
  ) as Json;
}

export interface WorkflowLabOptions extends MispServerOptions {
  backgroundJobs?: boolean;
  triggers?: string[];
  extraSettings?: Record<string, string | number | boolean>;
}

export async function startWorkflowLab(options: WorkflowLabOptions = {}): Promise<Lab> {
  const settings: Record<string, string | number | boolean> = {
    'MISP.background_jobs': options.backgroundJobs ?? true,
    'Plugin.Workflow_enable': true,
  };
  for (const trigger of options.triggers ?? ['event-publish'])
    settings[`Plugin.Workflow_triggers_${trigger}`] = true;
  return startLab({
    ...options,
    settings: { ...settings, ...(options.extraSettings ?? {}), ...(options.settings ?? {}) },
  });
}

/**
 * The trigger's workflow as MISP 2.5.1 gives it to REST clients: a GET of its editor creates it
 * (and answers 500, there is no JSON view), then /workflows/index.json lists it.
 */
export async function openTriggerWorkflow(lab: Lab, triggerId: string): Promise<Json> {
  const opened = await lab.call('GET', `/workflows/editor/${triggerId}`);
  if (opened.status !== 500) throw new Error(`editor: HTTP ${opened.status} ${JSON.stringify(opened.body)}`);
  const index = await lab.call('GET', '/workflows/index.json');
  const row = (index.body as unknown as Json[]).find((r) => (r.Workflow as Json).trigger_id === triggerId);
  if (!row) throw new Error(`no workflow for ${triggerId} in /workflows/index.json`);
  const view = await lab.call('GET', `/workflows/view/${String((row.Workflow as Json).id)}.json`);
  return view.body.Workflow as Json;
}

/** Opens the editor for the trigger (creating its workflow) and saves `graph`; returns the workflow id. */
export async function saveWorkflow(lab: Lab, triggerId: string, graph: Json, name?: string): Promise<string> {
  const id = String((await openTriggerWorkflow(lab, triggerId)).id);
  const saved = await lab.call('POST', `/workflows/edit/${id}`, {
    Workflow: { ...(name ? { name } : {}), data: JSON.stringify(graph) },
  });
  if (saved.status !== 200) throw new Error(`edit: ${JSON.stringify(saved.body)}`);
  return id;
}

export function workflowLogs(lab: Lab, workflowId?: string): string[] {
  return lab.server.services.logs
    .list(
      {
        model: 'Workflow',
        action: 'execute_workflow',
        ...(workflowId ? { model_id: Number(workflowId) } : {}),
      },
      { order: 'asc', limit: -1 },
    )
    .map((row) => row.title);
}

export async function eventView(lab: Lab, id: string | number): Promise<Json> {
  return (await lab.call('GET', `/events/view/${id}.json`)).body.Event as Json;
}

export async function tagEvent(lab: Lab, eventUuid: string, tag: string): Promise<void> {
  const answer = await lab.call('POST', '/tags/attachTagToObject', { uuid: eventUuid, tag, local: false });
  if (answer.status !== 200) throw new Error(`tag: ${JSON.stringify(answer.body)}`);
}

/** The trigger's graph (from the editor) with one action node behind it, as the editor saves it. */
export async function saveSingleActionWorkflow(
  lab: Lab,
  triggerId: string,
  moduleId: string,
  params: Json,
): Promise<string> {
  const workflow = await openTriggerWorkflow(lab, triggerId);
  const graph = workflow.data as Json;
  graph['1'].outputs = { output_1: { connections: [{ node: '2', output: 'input_1' }] } };
  graph['2'] = {
    id: 2,
    name: moduleId,
    class: 'block-type-default',
    typenode: false,
    pos_x: 300,
    pos_y: 0,
    data: {
      id: moduleId,
      name: moduleId,
      module_type: 'action',
      indexed_params: params,
      saved_filters: { selector: '', value: '', operator: '', path: '' },
    },
    inputs: { input_1: { connections: [{ node: '1', input: 'output_1' }] } },
    outputs: { output_1: { connections: [] } },
  };
  const id = String(workflow.id);
  const saved = await lab.call('POST', `/workflows/edit/${id}`, {
    Workflow: { data: JSON.stringify(graph) },
  });
  if (saved.status !== 200) throw new Error(`edit: ${JSON.stringify(saved.body)}`);
  return id;
}

/** A 127.0.0.1 port nobody listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
