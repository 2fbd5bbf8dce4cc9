/**
 * /workflows/* pages and REST (WorkflowsController, spec §3.3): triggers, editor, index, view,
 * edit, delete, rebuildRedis; plus the Drawflow assets the editor loads. Every action is site-admin
 * only and behind the access gate (background jobs and Plugin.Workflow_enable).
 */
import type { Handler, RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { packageAsset } from '../http/package-asset.ts';
import { HttpError, notFound, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect, requestPath } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { triggerNodes } from '../workflows/engine/index.ts';
import { workflowAccessProblems } from '../workflows/access-gate.ts';
import { attachConnectionLabels } from '../workflows/connection-labels.ts';
import { moduleConfigs, triggerConfigs } from '../workflows/module-catalogue-view.ts';
import { parseGraph, workflowFields } from '../workflows/workflow-input.ts';
import { workflowJson, type Workflow, type WorkflowChanges } from '../workflows/workflow-repository.ts';
import { workflowsOf } from '../workflows/workflow-system.ts';
import { workflowEditorPage } from '../views/workflows/editor-page.ts';
import {
  INTERNAL_ERROR,
  workflowEditFormPage,
  workflowGateFragment,
  workflowGatePage,
  workflowIndexPage,
  workflowTriggersPage,
  workflowViewPage,
} from '../views/workflows/workflow-pages.ts';

/** WorkflowsController::beforeFilter, then the action. */
export function gated(handler: Handler): Handler {
  return (ctx) => {
    if (workflowAccessProblems(ctx.services.settings).length === 0) return handler(ctx);
    // MISP 2.5.1 answers 500 here, whatever is missing (see workflowGatePage).
    if (ctx.isRest || ctx.isAjax) {
      const error = JSON.stringify({ name: INTERNAL_ERROR, message: INTERNAL_ERROR, url: requestPath(ctx) });
      return new Response(`${String(workflowGateFragment())}\n${error}`, {
        status: 500,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
    }
    return htmlResponse(workflowGatePage(ctx), 500);
  };
}

export function findWorkflow(ctx: RequestContext, ref: string | undefined): Workflow {
  const workflow = ref === undefined ? undefined : workflowsOf(ctx.services).workflows.find(ref);
  if (!workflow) throw notFound('Invalid workflow');
  return workflow;
}

/** `{"Workflow":{…, data (with filter labels), listening_triggers}}` as GET /workflows/view/<id>.json. */
export function workflowViewJson(
  ctx: RequestContext,
  workflow: Workflow,
): { Workflow: Record<string, unknown> } {
  return {
    Workflow: {
      ...workflowJson(workflow),
      data: attachConnectionLabels(workflow.data),
      listening_triggers: listeningTriggers(ctx, workflow),
    },
  };
}

/** The configs of the triggers the graph starts from (MISP's Workflow.listening_triggers). */
function listeningTriggers(ctx: RequestContext, workflow: Workflow): Record<string, unknown>[] {
  const registry = workflowsOf(ctx.services).registry();
  const triggers = Array.isArray(workflow.data)
    ? []
    : triggerNodes(workflow.data)
        .map((node) => registry.get('trigger', String(node.data.id)))
        .filter((module) => module !== undefined);
  return moduleConfigs(ctx.services, triggers);
}

function triggers(ctx: RequestContext): Response {
  const rows = triggerConfigs(ctx.services, ctx.url.named);
  if (ctx.isRest) {
    return json(
      rows.map(({ config, workflow }) =>
        workflow ? { ...config, Workflow: workflowViewJson(ctx, workflow).Workflow } : config,
      ),
    );
  }
  return htmlResponse(workflowTriggersPage(ctx, rows));
}

function index(ctx: RequestContext): Response {
  const workflows = workflowsOf(ctx.services).workflows.list();
  if (ctx.isRest)
    return json(
      workflows.map((workflow) => ({
        Workflow: { ...workflowJson(workflow), listening_triggers: listeningTriggers(ctx, workflow) },
      })),
    );
  return htmlResponse(workflowIndexPage(ctx, workflows));
}

function view(ctx: RequestContext): Response {
  const workflow = findWorkflow(ctx, ctx.url.pass[0]);
  const answer = workflowViewJson(ctx, workflow);
  return ctx.isRest ? json(answer) : htmlResponse(workflowViewPage(ctx, workflow, answer.Workflow.data));
}

/** Opens a workflow by id, or the one of a trigger (created with only its trigger node on first visit). */
function editor(ctx: RequestContext): Response {
  const ref = ctx.url.pass[0] ?? '';
  const system = workflowsOf(ctx.services);
  let workflow: Workflow | undefined;
  if (/^\d+$/.test(ref)) workflow = findWorkflow(ctx, ref);
  else {
    const trigger = system.registry().get('trigger', ref);
    if (!trigger) {
      // MISP 2.5.1's answer, typo and /add/ URL included.
      if (ctx.isRest)
        throw saveFailure('add', 'Workflow', `/workflows/add/${ref}`, `Unkown trigger ${ref}`, ref);
      flash(ctx, 'error', `Unkown trigger ${ref}`);
      return redirect(ctx, '/workflows/triggers');
    }
    workflow = system.workflows.findByTrigger(ref);
    if (!workflow) {
      const [config] = moduleConfigs(ctx.services, [trigger]);
      const created = system.workflows.create({
        name: `Workflow for trigger ${ref}`,
        trigger_id: ref,
        data: {
          '1': {
            class: 'block-type-trigger',
            data: config as never,
            id: 1,
            inputs: [],
            outputs: { output_1: { connections: [] } },
            pos_x: 0,
            pos_y: 0,
            typenode: false,
          },
        },
      });
      if (!created.ok) throw new HttpError(403, created.errors.join(', '));
      workflow = created.workflow;
    }
  }
  // Real MISP 2.5.1 has no JSON view for the editor: a REST call creates the trigger's workflow,
  // then fails with HTTP 500. Clients find the workflow in /workflows/index.json instead.
  if (ctx.isRest) {
    return json({ name: INTERNAL_ERROR, message: INTERNAL_ERROR, url: requestPath(ctx) }, 500);
  }
  const registry = system.registry();
  return htmlResponse(
    workflowEditorPage(ctx, workflow, {
      trigger: moduleConfigs(ctx.services, registry.list('trigger')),
      logic: moduleConfigs(ctx.services, registry.list('logic')),
      action: moduleConfigs(ctx.services, registry.list('action')),
    }),
  );
}

function edit(ctx: RequestContext): Response {
  const workflow = findWorkflow(ctx, ctx.url.pass[0]);
  if (ctx.method === 'GET') {
    if (ctx.isRest) return json(workflowViewJson(ctx, workflow));
    return htmlResponse(workflowEditFormPage(ctx, workflow));
  }
  const url = `/workflows/edit/${workflow.id}`;
  const fail = (errors: string[]): Response => {
    if (ctx.isRest || ctx.isAjax) throw saveFailure('edit', 'Workflow', url, errors.join(', '), workflow.id);
    flash(ctx, 'error', `Could not edit Workflow: ${errors.join(', ')}`);
    return htmlResponse(workflowEditFormPage(ctx, workflow));
  };
  const fields = workflowFields(ctx.body);
  const changes: Omit<WorkflowChanges, 'uuid' | 'trigger_id'> = {};
  if (typeof fields.name === 'string' && fields.name.trim() !== '') changes.name = fields.name.trim();
  if (typeof fields.description === 'string') changes.description = fields.description;
  if (fields.debug_enabled !== undefined)
    changes.debug_enabled = [true, 1, '1', 'true'].includes(fields.debug_enabled as never);
  if (fields.data !== undefined) {
    const parsed = parseGraph(fields.data);
    if (!parsed.ok) return fail([parsed.error]);
    changes.data = parsed.graph;
  }
  const saved = workflowsOf(ctx.services).workflows.update(workflow.id, changes);
  if (!saved.ok) return fail(saved.errors);
  const answer = workflowViewJson(ctx, saved.workflow);
  // The saved record's timestamp is the number MISP just set (2.5.1 answers it unquoted here).
  answer.Workflow.timestamp = Number(answer.Workflow.timestamp);
  if (ctx.isAjax && !ctx.isRest) {
    return json({ ...saveSuccessBody('Workflow saved.', '/workflows/edit'), data: answer });
  }
  if (ctx.isRest) return json(answer);
  flash(ctx, 'success', 'Workflow saved.');
  return redirect(ctx, `/workflows/view/${saved.workflow.id}`);
}

function remove(ctx: RequestContext): Response {
  const workflow = findWorkflow(ctx, ctx.url.pass[0]);
  workflowsOf(ctx.services).workflows.delete(workflow.id);
  const url = `/workflows/delete/${workflow.id}`;
  if (ctx.isRest || ctx.isAjax) return json(saveSuccessBody('Workflow deleted.', url, workflow.id));
  flash(ctx, 'success', 'Workflow deleted.');
  return redirect(ctx, '/workflows/index');
}

/** MISP rebuilds its Redis listener sets; here the cached sets are dropped and rebuilt on demand. */
function rebuildRedis(ctx: RequestContext): Response {
  workflowsOf(ctx.services).workflows.rebuildListeners();
  const message = 'Redis data rebuilt';
  if (ctx.isRest || ctx.isAjax) return json(saveSuccessBody(message, '/workflows/rebuildRedis'));
  flash(ctx, 'success', message);
  return redirect(ctx, '/workflows/triggers');
}

const siteAdmin = (ctx: RequestContext) => isSiteAdmin(ctx.auth);

export const workflowRoutes: RouteDef[] = [
  { path: 'workflows/triggers', methods: ['GET'], allow: siteAdmin, handler: gated(triggers) },
  { path: 'workflows/index', methods: ['GET'], allow: siteAdmin, handler: gated(index) },
  { path: 'workflows/view', methods: ['GET'], allow: siteAdmin, handler: gated(view) },
  { path: 'workflows/editor', methods: ['GET'], allow: siteAdmin, handler: gated(editor) },
  { path: 'workflows/edit', methods: ['GET', 'POST', 'PUT'], allow: siteAdmin, handler: gated(edit) },
  { path: 'workflows/delete', methods: ['POST', 'DELETE'], allow: siteAdmin, handler: gated(remove) },
  {
    path: 'workflows/rebuildRedis',
    methods: ['GET', 'POST'],
    allow: siteAdmin,
    handler: gated(rebuildRedis),
  },
  {
    path: 'js/drawflow.min.js',
    methods: ['GET'],
    public: true,
    handler: packageAsset('drawflow/dist/drawflow.min.js', 'application/javascript; charset=UTF-8'),
  },
  {
    path: 'css/drawflow.min.css',
    methods: ['GET'],
    public: true,
    handler: packageAsset('drawflow/dist/drawflow.min.css', 'text/css; charset=UTF-8'),
  },
];
