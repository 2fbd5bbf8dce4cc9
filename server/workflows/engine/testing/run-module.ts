/** Runs one module on one node, as the walker would, and returns what it did. */
import type { SavedFilters, WorkflowNode } from '../graph.ts';
import { renderJinjaTemplate } from '../jinja.ts';
import type { DeferredTask, ExecContext, WorkflowModule } from '../module.ts';
import { getParamsWithValues } from '../params.ts';
import type { PhpMap } from '../php.ts';
import { RoamingData } from '../roaming-data.ts';
import { FakeWorkflowServices } from './fake-workflow-services.ts';
import { workflowOf } from './workflow-fixtures.ts';
import { graph, trigger } from './graph-builder.ts';

export async function runModule(
  module: WorkflowModule,
  params: Record<string, unknown>,
  data: PhpMap,
  options: {
    savedFilters?: SavedFilters;
    services?: FakeWorkflowServices;
    triggerNode?: WorkflowNode | null;
  } = {},
) {
  const services = options.services ?? new FakeWorkflowServices();
  const node: WorkflowNode = {
    id: 7,
    data: {
      id: module.id,
      module_type: module.module_type,
      indexed_params: params,
      saved_filters: options.savedFilters,
    },
  };
  const triggerNode = options.triggerNode === undefined ? trigger('event-publish', [7]) : options.triggerNode;
  const workflow = workflowOf(graph(trigger('event-publish', [7])));
  const roamingData = new RoamingData({ email: 'SYSTEM', id: 0, org_id: 1 }, data, workflow, 7, triggerNode);
  const deferred: DeferredTask[] = [];
  const ctx: ExecContext = {
    services,
    errors: [],
    params: (n, d) => getParamsWithValues(module, n, d, renderJinjaTemplate),
    renderTemplate: renderJinjaTemplate,
    defer: (task) => deferred.push(task),
    mispVersion: '2.5.1',
  };
  const outcome = await module.exec(node, roamingData, ctx);
  const result = typeof outcome === 'boolean' ? outcome : outcome.success;
  return { result, errors: ctx.errors, services, roamingData, deferred };
}
