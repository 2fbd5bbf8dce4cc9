/**
 * The graph walk (GraphWalker::_walk, Workflow::walkGraph, Workflow::executeNode; spec §3.7):
 * depth-first pre-order from a start node, logic nodes evaluated while choosing outputs, action
 * nodes yielded and executed, failures blocking paths or the whole walk.
 */
import { EXECUTION_MESSAGES, type ExecutionLog } from './execution-log.ts';
import { nodeOutputs, triggerNode, type DrawflowConnection, type WorkflowNode } from './graph.ts';
import type { DeferredTask, ExecContext, ModuleRegistry, WorkflowModule } from './module.ts';
import { getParamsWithValues } from './params.ts';
import { RoamingData, type WorkflowRecord, type WorkflowUser } from './roaming-data.ts';
import type { WorkflowServices } from './services.ts';
import { phpIntval, type PhpMap } from './php.ts';

export type PathType = 'blocking' | 'non-blocking';

/** What one run shares between nodes. */
export interface EngineRun {
  workflow: WorkflowRecord;
  registry: ModuleRegistry;
  services: WorkflowServices;
  user: WorkflowUser | null;
  log: ExecutionLog;
  deferred: DeferredTask[];
  render: (template: string, data: unknown) => string;
  mispVersion: string;
}

export interface WalkResult {
  blocking_nodes: WorkflowNode[];
  executed_nodes: WorkflowNode[];
  /** Each skipped node's path, as `source:output:connectionIndex:target` steps. */
  blocked_paths: string[][];
}

export function moduleForNode(registry: ModuleRegistry, node: WorkflowNode): WorkflowModule | undefined {
  return node.data?.module_type ? registry.get(node.data.module_type, node.data.id) : undefined;
}

export function createExecContext(
  run: EngineRun,
  module: WorkflowModule,
  workflowId: number | string,
): ExecContext {
  return {
    services: run.services,
    errors: [],
    params: (node, data) => getParamsWithValues(module, node, data, run.render),
    renderTemplate: run.render,
    defer: (task) => run.deferred.push({ ...task, workflowId }),
    mispVersion: run.mispVersion,
  };
}

/** Runs one node's module; false on failure, with messages appended to `errors`. */
export async function executeNode(
  run: EngineRun,
  node: WorkflowNode,
  roamingData: RoamingData,
  errors: string[] = [],
): Promise<boolean> {
  roamingData.setCurrentNode(node.id);
  const moduleId = String(node.data?.id);
  const module = moduleForNode(run.registry, node);
  if (module && run.registry.isDisabled(module)) {
    const message = EXECUTION_MESSAGES.disabledModule(moduleId);
    run.log.error(message);
    errors.push(message);
    return false;
  }
  if (!module) {
    const message = EXECUTION_MESSAGES.unknownModule(moduleId);
    run.log.error(message);
    errors.push(message);
    return false;
  }
  const ctx = createExecContext(run, module, run.workflow.id);
  let success: boolean;
  try {
    const result = await module.exec(node, roamingData, ctx);
    success = typeof result === 'boolean' ? result : result.success;
    if (typeof result !== 'boolean' && result.errors) ctx.errors.push(...result.errors);
    errors.push(...ctx.errors);
  } catch (error) {
    const message = EXECUTION_MESSAGES.moduleException(
      moduleId,
      error instanceof Error ? error.message : String(error),
    );
    run.log.error(message);
    errors.push(message);
    return false;
  }
  // IF modules use false to pick their else branch, so a logic module always counts as a success.
  const status = module.module_type === 'logic' || success ? 'success' : 'partial-success';
  run.log.debug(EXECUTION_MESSAGES.executedNode(moduleId, node.id, run.workflow, status));
  return success;
}

function connectionsOf(node: WorkflowNode, outputId: string): DrawflowConnection[] {
  return nodeOutputs(node).find(([id]) => id === outputId)?.[1] ?? [];
}

/** Which outputs to follow from a node; logic nodes are executed here to decide. */
async function allowedOutputs(
  run: EngineRun,
  node: WorkflowNode,
  roamingData: RoamingData,
): Promise<[string, DrawflowConnection[]][]> {
  if (node.data?.module_type !== 'logic') return nodeOutputs(node);
  switch (node.data.id) {
    case 'concurrent-task': {
      for (const connection of connectionsOf(node, 'output_1')) {
        const data = roamingData.getData();
        data.__node_id_to_exec = phpIntval(connection.node);
        roamingData.setData(data);
        await executeNode(run, node, roamingData);
      }
      return [['output_1', []]];
    }
    case 'generic-filter-data':
    case 'generic-filter-reset':
      await executeNode(run, node, roamingData);
      return [['output_1', connectionsOf(node, 'output_1')]];
    default: {
      const useFirstOutput = await executeNode(run, node, roamingData);
      return useFirstOutput
        ? [['output_1', connectionsOf(node, 'output_1')]]
        : [['output_2', connectionsOf(node, 'output_2')]];
    }
  }
}

interface WalkStep {
  node: WorkflowNode;
  pathType: PathType;
  pathList: string[];
}

function findGraphNode(run: EngineRun, nodeId: number): WorkflowNode | undefined {
  const graph = run.workflow.data;
  const node = graph[String(nodeId)];
  return node && typeof node === 'object' ? (node as WorkflowNode) : undefined;
}

/**
 * Pre-order walk. A concurrent-task turns the path non-blocking, so in a blocking walk nothing
 * behind it runs inline; an edge already on the current path is never taken twice.
 */
async function* walk(
  run: EngineRun,
  nodeId: number,
  pathType: PathType,
  forPath: PathType,
  pathList: string[],
  roamingData: RoamingData,
): AsyncGenerator<WalkStep> {
  const node = findGraphNode(run, nodeId);
  if (!node) return;
  const moduleType = node.data?.module_type;
  if (moduleType !== 'trigger' && moduleType !== 'logic') yield { node, pathType, pathList };
  let currentPathType = pathType;
  for (const [outputId, connections] of await allowedOutputs(run, node, roamingData)) {
    if (moduleType === 'logic' && node.data.id === 'concurrent-task') currentPathType = 'non-blocking';
    if (currentPathType !== forPath) continue;
    for (const [index, connection] of connections.entries()) {
      const nextId = phpIntval(connection.node);
      const step = `${nodeId}:${outputId}:${index}:${nextId}`;
      if (pathList.includes(step)) continue;
      yield* walk(run, nextId, currentPathType, forPath, [...pathList, step], roamingData);
    }
  }
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}

/**
 * `Workflow::walkGraph`: executes every yielded node. A failing blocking module ends the walk
 * (false); a failing non-blocking module on a non-blocking path skips everything below it.
 */
export async function walkGraph(
  run: EngineRun,
  startNodeId: number,
  forPath: PathType,
  data: PhpMap,
  errors: string[],
): Promise<{ success: boolean; walkResult: WalkResult; roamingData: RoamingData | null }> {
  const walkResult: WalkResult = { blocking_nodes: [], executed_nodes: [], blocked_paths: [] };
  if (!run.user) {
    errors.push(EXECUTION_MESSAGES.noUser);
    return { success: false, walkResult, roamingData: null };
  }
  const roamingData = new RoamingData(
    run.user,
    data,
    run.workflow,
    startNodeId,
    triggerNode(run.workflow.data) ?? null,
  );
  const preventedPaths: string[][] = [];
  for await (const step of walk(run, startNodeId, forPath, forPath, [], roamingData)) {
    if (preventedPaths.some((prefix) => startsWith(step.pathList, prefix))) {
      walkResult.blocked_paths.push(step.pathList);
      continue;
    }
    const nodeErrors: string[] = [];
    const success = await executeNode(run, step.node, roamingData, nodeErrors);
    walkResult.executed_nodes.push(step.node);
    if (success) continue;
    walkResult.blocking_nodes.push(step.node);
    if (nodeErrors.length > 0) {
      errors.push(
        EXECUTION_MESSAGES.nodeError(String(step.node.data.id), step.node.id, run.workflow, nodeErrors),
      );
    }
    if (moduleForNode(run.registry, step.node)?.blocking) {
      return { success: false, walkResult, roamingData };
    }
    if (step.pathType === 'non-blocking') preventedPaths.push(step.pathList);
  }
  return { success: true, walkResult, roamingData };
}
