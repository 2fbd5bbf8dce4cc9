/**
 * /workflowBlueprints/* (WorkflowBlueprintsController, spec §3.12): index, view, add, edit, delete,
 * export (a download named blueprint_<name>_<ts>.json) and import (`data[WorkflowBlueprint][json]`
 * or the same JSON as a REST body). Site admins only.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { notFound, saveFailure, saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect, text } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import type { WorkflowNode } from '../workflows/engine/index.ts';
import {
  blueprintJson,
  blueprintMermaid,
  type Blueprint,
  type BlueprintInput,
} from '../workflows/blueprint-repository.ts';
import { workflowsOf } from '../workflows/workflow-system.ts';
import {
  blueprintFormPage,
  blueprintImportPage,
  blueprintIndexPage,
  blueprintViewPage,
} from '../views/workflows/blueprint-pages.ts';

const repo = (ctx: RequestContext) => workflowsOf(ctx.services).blueprints;
const registry = (ctx: RequestContext) => workflowsOf(ctx.services).registry();

function find(ctx: RequestContext): Blueprint {
  const blueprint = ctx.url.pass[0] === undefined ? undefined : repo(ctx).find(ctx.url.pass[0]);
  if (!blueprint) throw notFound('Invalid blueprint');
  return blueprint;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A blueprint from a body: `{WorkflowBlueprint:{…}}` or flat; `data` as a list, a keyed graph or JSON text. */
function blueprintInput(source: unknown): { input?: Partial<BlueprintInput>; error?: string } {
  const fields = isObject(source) && isObject(source.WorkflowBlueprint) ? source.WorkflowBlueprint : source;
  if (!isObject(fields)) return { error: 'Invalid blueprint: expected a WorkflowBlueprint object' };
  let data: unknown = fields.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return { error: 'Invalid JSON in the blueprint data' };
    }
  }
  if (isObject(data))
    data = Object.entries(data)
      .filter(([key]) => key !== '_frames')
      .map(([, node]) => node);
  return {
    input: {
      name: typeof fields.name === 'string' ? fields.name : undefined,
      description: typeof fields.description === 'string' ? fields.description : undefined,
      uuid: typeof fields.uuid === 'string' && fields.uuid !== '' ? fields.uuid : undefined,
      data: data as WorkflowNode[] | undefined,
    },
  };
}

function answerSaved(ctx: RequestContext, blueprint: Blueprint, message: string): Response {
  if (ctx.isRest || ctx.isAjax) return json(blueprintJson(blueprint, registry(ctx)));
  flash(ctx, 'success', message);
  return redirect(ctx, `/workflowBlueprints/view/${blueprint.id}`);
}

function addFrom(ctx: RequestContext, source: unknown, url: string): Response {
  const { input, error } = blueprintInput(source);
  if (!input) throw saveFailure('add', 'WorkflowBlueprint', url, error);
  const result = repo(ctx).add({
    ...input,
    name: input.name ?? '',
    data: input.data ?? (undefined as never),
  });
  if (!result.ok) throw saveFailure('add', 'WorkflowBlueprint', url, result.errors.join(', '));
  return answerSaved(ctx, result.blueprint, 'Workflow blueprint saved.');
}

function index(ctx: RequestContext): Response {
  const blueprints = repo(ctx).list();
  if (ctx.isRest) return json(blueprints.map((blueprint) => blueprintJson(blueprint, registry(ctx))));
  return htmlResponse(blueprintIndexPage(ctx, blueprints));
}

function view(ctx: RequestContext): Response {
  const blueprint = find(ctx);
  const format = new URL(ctx.hono.req.url).searchParams.get('format');
  if (format === 'mermaid') return text(blueprintMermaid(blueprint.data, registry(ctx)));
  const answer = blueprintJson(blueprint, registry(ctx));
  return ctx.isRest ? json(answer) : htmlResponse(blueprintViewPage(ctx, blueprint, answer));
}

function add(ctx: RequestContext): Response {
  if (ctx.method === 'GET') return htmlResponse(blueprintFormPage(ctx, '/workflowBlueprints/add'));
  return addFrom(ctx, ctx.body, '/workflowBlueprints/add');
}

function edit(ctx: RequestContext): Response {
  const blueprint = find(ctx);
  const url = `/workflowBlueprints/edit/${blueprint.id}`;
  if (ctx.method === 'GET') return htmlResponse(blueprintFormPage(ctx, url, blueprint));
  const { input, error } = blueprintInput(ctx.body);
  if (!input) throw saveFailure('edit', 'WorkflowBlueprint', url, error, blueprint.id);
  const result = repo(ctx).update(blueprint.id, { ...input, uuid: undefined });
  if (!result.ok) throw saveFailure('edit', 'WorkflowBlueprint', url, result.errors.join(', '), blueprint.id);
  return answerSaved(ctx, result.blueprint, 'Workflow blueprint saved.');
}

function remove(ctx: RequestContext): Response {
  const blueprint = find(ctx);
  repo(ctx).delete(blueprint.id);
  const url = `/workflowBlueprints/delete/${blueprint.id}`;
  if (ctx.isRest || ctx.isAjax)
    return json(saveSuccessBody('Workflow blueprint deleted.', url, blueprint.id));
  flash(ctx, 'success', 'Workflow blueprint deleted.');
  return redirect(ctx, '/workflowBlueprints/index');
}

function exportBlueprint(ctx: RequestContext): Response {
  const blueprint = find(ctx);
  const slug = blueprint.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const filename = `blueprint_${slug}_${Math.floor(ctx.services.clock() / 1000)}.json`;
  return new Response(JSON.stringify(blueprintJson(blueprint, registry(ctx)), null, 4), {
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}

function importBlueprint(ctx: RequestContext): Response {
  if (ctx.method === 'GET') return htmlResponse(blueprintImportPage(ctx));
  const wrapped = isObject(ctx.body.WorkflowBlueprint) ? ctx.body.WorkflowBlueprint : undefined;
  const jsonText = wrapped && typeof wrapped.json === 'string' ? wrapped.json : undefined;
  let source: unknown = ctx.body;
  if (jsonText !== undefined) {
    try {
      source = JSON.parse(jsonText) as unknown;
    } catch {
      if (!ctx.isRest) {
        flash(ctx, 'error', 'Could not import the blueprint: the JSON could not be decoded.');
        return htmlResponse(blueprintImportPage(ctx, jsonText));
      }
      throw saveFailure('add', 'WorkflowBlueprint', '/workflowBlueprints/import', 'Invalid JSON');
    }
  }
  return addFrom(ctx, source, '/workflowBlueprints/import');
}

const siteAdmin = (ctx: RequestContext) => isSiteAdmin(ctx.auth);

export const workflowBlueprintRoutes: RouteDef[] = [
  { path: 'workflowBlueprints/index', methods: ['GET'], allow: siteAdmin, handler: index },
  { path: 'workflowBlueprints/view', methods: ['GET'], allow: siteAdmin, handler: view },
  { path: 'workflowBlueprints/add', methods: ['GET', 'POST'], allow: siteAdmin, handler: add },
  { path: 'workflowBlueprints/edit', methods: ['GET', 'POST', 'PUT'], allow: siteAdmin, handler: edit },
  { path: 'workflowBlueprints/delete', methods: ['POST', 'DELETE'], allow: siteAdmin, handler: remove },
  { path: 'workflowBlueprints/export', methods: ['GET'], allow: siteAdmin, handler: exportBlueprint },
  { path: 'workflowBlueprints/import', methods: ['GET', 'POST'], allow: siteAdmin, handler: importBlueprint },
];
