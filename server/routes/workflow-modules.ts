/**
 * /workflows/* actions about modules and runs (spec §3.3): moduleIndex, moduleView, toggleModule,
 * massToggleField, debugToggleField, checkGraph, executeWorkflow, moduleStatelessExecution.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, badRequest, notFound, saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { actorOf, isSiteAdmin } from '../users/current-user.ts';
import {
  checkGraph,
  ExecutionLog,
  executeNode,
  RoamingData,
  renderJinjaTemplate,
  toCoreFormat,
  type WorkflowModule,
  type WorkflowNode,
} from '../workflows/engine/index.ts';
import type { PhpMap } from '../workflows/engine/php.ts';
import { workflowAuthUser, workflowEngineUser } from '../workflows/execution-user.ts';
import { moduleConfigs, moduleIndex } from '../workflows/module-catalogue-view.ts';
import { parseGraph, workflowFields } from '../workflows/workflow-input.ts';
import { workflowsOf } from '../workflows/workflow-system.ts';
import { moduleIndexPage, moduleViewPage } from '../views/workflows/module-pages.ts';
import { findWorkflow, gated } from './workflows.ts';

function findModule(ctx: RequestContext, id: string | undefined): WorkflowModule {
  const registry = workflowsOf(ctx.services).registry();
  const module =
    id === undefined
      ? undefined
      : (registry.get('action', id) ?? registry.get('logic', id) ?? registry.get('trigger', id));
  if (!module) throw notFound('Invalid module ID');
  return module;
}

function done(ctx: RequestContext, message: string, url: string, back: string): Response {
  if (ctx.isRest || ctx.isAjax) return json(saveSuccessBody(message, url));
  flash(ctx, 'success', message);
  return redirect(ctx, back);
}

function parseJson(text: unknown, what: string): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(`Invalid JSON in \`${what}\``);
  }
}

function index(ctx: RequestContext): Response {
  const configs = moduleIndex(ctx.services, ctx.url.named);
  return ctx.isRest ? json(configs) : htmlResponse(moduleIndexPage(ctx, configs));
}

function view(ctx: RequestContext): Response {
  const [config] = moduleConfigs(ctx.services, [findModule(ctx, ctx.url.pass[0])]);
  return ctx.isRest ? json(config) : htmlResponse(moduleViewPage(ctx, config ?? {}));
}

/** Triggers are switched by their setting, other modules in the enabled set. */
function setModule(
  ctx: RequestContext,
  id: string | undefined,
  enabled: boolean,
  isTrigger: boolean,
): string {
  const module = findModule(ctx, id);
  if (isTrigger !== (module.module_type === 'trigger')) throw notFound('Invalid module ID');
  if (isTrigger) {
    const outcome = ctx.services.settings.editSetting(`Plugin.Workflow_triggers_${module.id}`, enabled, {
      force: true,
      actor: actorOf(ctx.auth),
    });
    if (!outcome.ok) throw new HttpError(403, outcome.reason);
  } else {
    workflowsOf(ctx.services).modules.setEnabled(module.id, enabled);
  }
  return module.id;
}

function toggleModule(ctx: RequestContext): Response {
  const [id, state, trigger] = ctx.url.pass;
  const enabled = state === '1';
  const isTrigger = trigger === '1';
  const moduleId = setModule(ctx, id, enabled, isTrigger);
  const message = `${enabled ? 'Enabled' : 'Disabled'} module ${moduleId}`;
  return done(
    ctx,
    message,
    `/workflows/toggleModule/${moduleId}`,
    isTrigger ? '/workflows/triggers' : '/workflows/moduleIndex',
  );
}

function massToggleField(ctx: RequestContext): Response {
  const [field, state, trigger] = ctx.url.pass;
  if (field !== 'enabled') throw badRequest('Only the `enabled` field can be toggled');
  const ids = parseJson(workflowFields(ctx.body).module_ids, 'module_ids');
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('`module_ids` must be a JSON list of module ids');
  }
  const enabled = state === '1';
  for (const id of ids as string[]) setModule(ctx, id, enabled, trigger === '1');
  const message = `${enabled ? 'Enabled' : 'Disabled'} ${ids.length} modules`;
  return done(ctx, message, '/workflows/massToggleField', '/workflows/moduleIndex');
}

function debugToggleField(ctx: RequestContext): Response {
  const workflow = findWorkflow(ctx, ctx.url.pass[0]);
  const enabled = ctx.url.pass[1] === '1';
  const saved = workflowsOf(ctx.services).workflows.update(workflow.id, { debug_enabled: enabled });
  if (!saved.ok) throw new HttpError(403, saved.errors.join(', '));
  const message = `Debug mode ${enabled ? 'enabled' : 'disabled'}`;
  return done(ctx, message, `/workflows/debugToggleField/${workflow.id}`, `/workflows/view/${workflow.id}`);
}

function graphCheck(ctx: RequestContext): Response {
  const parsed = parseGraph(ctx.body.graph ?? workflowFields(ctx.body).data);
  if (!parsed.ok) throw badRequest(parsed.error);
  const registry = workflowsOf(ctx.services).registry();
  const graph = Array.isArray(parsed.graph) ? {} : parsed.graph;
  return json(
    checkGraph(graph, {
      isBlocking: (node: WorkflowNode) =>
        (node.data?.module_type ? registry.get(node.data.module_type, node.data.id)?.blocking : undefined) ??
        node.data?.blocking === true,
    }),
  );
}

async function executeWorkflow(ctx: RequestContext): Promise<Response> {
  const workflow = findWorkflow(ctx, ctx.url.pass[0]);
  const data = parseJson(workflowFields(ctx.body).data ?? '{}', 'data');
  if (typeof data !== 'object' || data === null) throw badRequest('`data` must be a JSON object');
  const result = await workflowsOf(ctx.services).execute(
    workflow,
    workflow.trigger_id,
    data as PhpMap,
    actorOf(ctx.auth),
  );
  return json({ success: result.success, outcome: result.outcome });
}

/** Runs one module over the given data, as event-publish would hand it over (convert_data). */
async function moduleStatelessExecution(ctx: RequestContext): Promise<Response> {
  const module = findModule(ctx, ctx.url.pass[0]);
  const system = workflowsOf(ctx.services);
  const input = parseJson(ctx.body.input_data ?? '{}', 'input_data');
  const params = parseJson(ctx.body.module_indexed_param ?? '{}', 'module_indexed_param');
  if (typeof input !== 'object' || input === null) throw badRequest('`input_data` must be a JSON object');
  const convert = [true, 1, '1', 'true'].includes(ctx.body.convert_data as never);
  const data = convert ? await toCoreFormat(input as PhpMap, system.moduleServices) : (input as PhpMap);
  const node: WorkflowNode = {
    id: 1,
    data: {
      id: module.id,
      module_type: module.module_type,
      indexed_params: (typeof params === 'object' && params !== null ? params : {}) as Record<
        string,
        unknown
      >,
    },
  };
  const record = { id: 0, name: 'Stateless execution', trigger_id: 'event-publish', data: { '1': node } };
  const errors: string[] = [];
  const user = workflowEngineUser(workflowAuthUser(ctx.services));
  const success = await executeNode(
    {
      workflow: record,
      registry: system.registry(),
      services: system.moduleServices,
      user,
      log: new ExecutionLog(record),
      deferred: [],
      render: renderJinjaTemplate,
      mispVersion: ctx.services.config.mispVersion,
    },
    node,
    new RoamingData(user, data, record, 1, null),
    errors,
  );
  return json({ success, errors });
}

const siteAdmin = (ctx: RequestContext) => isSiteAdmin(ctx.auth);
const route = (path: string, methods: string[], handler: RouteDef['handler']): RouteDef => ({
  path: `workflows/${path}`,
  methods,
  allow: siteAdmin,
  handler: gated(handler),
});

export const workflowModuleRoutes: RouteDef[] = [
  route('moduleIndex', ['GET'], index),
  route('moduleView', ['GET'], view),
  route('toggleModule', ['POST'], toggleModule),
  route('massToggleField', ['POST'], massToggleField),
  route('debugToggleField', ['POST'], debugToggleField),
  route('checkGraph', ['POST'], graphCheck),
  route('executeWorkflow', ['POST'], executeWorkflow),
  route('moduleStatelessExecution', ['POST'], moduleStatelessExecution),
];
