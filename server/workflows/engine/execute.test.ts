import { describe, expect, it } from 'vitest';
import { createModuleRegistry, DEFAULT_ENABLED_MODULE_IDS } from '../modules/registry.ts';
import { executeWorkflow, runDeferredTask } from './execute.ts';
import type { WorkflowGraph } from './graph.ts';
import type { WorkflowModule } from './module.ts';
import type { PhpMap } from './php.ts';
import { FakeWorkflowServices } from './testing/fake-workflow-services.ts';
import { graph, node, trigger } from './testing/graph-builder.ts';
import { recordingAction } from './testing/recording-modules.ts';
import { sampleEvent, workflowOf } from './testing/workflow-fixtures.ts';

function setup(modules: WorkflowModule[], enabled: string[] = []) {
  return createModuleRegistry({
    enabledIds: new Set([...DEFAULT_ENABLED_MODULE_IDS, ...modules.map((m) => m.id), ...enabled]),
    enabledTriggerIds: new Set([
      'event-publish',
      'event-after-save',
      'tag-attached-after-save',
      'user-after-save',
    ]),
    extraModules: modules,
  });
}

async function run(
  g: WorkflowGraph,
  modules: WorkflowModule[],
  options: { enabled?: string[]; data?: PhpMap; debug?: boolean; trigger?: string } = {},
) {
  const services = new FakeWorkflowServices();
  const triggerId = options.trigger ?? 'event-publish';
  const result = await executeWorkflow({
    workflow: workflowOf(g, { trigger_id: triggerId, name: 'Test', debug_enabled: options.debug ?? false }),
    data: options.data ?? sampleEvent(),
    registry: setup(modules, options.enabled),
    services,
  });
  return { result, services };
}

const ifTrue = { scope: 'event', condition: 'in_or', tags: ['tlp:red'] };
const ifFalse = { scope: 'event', condition: 'in_or', tags: ['tlp:white'] };

describe('traversal', () => {
  it('walks depth-first, outputs in key order, connections in array order', async () => {
    const calls: string[] = [];
    const modules = ['a', 'b', 'c', 'd'].map((id) => recordingAction(id, calls));
    const g = graph(
      trigger('event-after-save', [3]),
      node(3, 'a', 'action', [[4]]),
      node(4, 'b', 'action', [[]]),
      node(5, 'c', 'action', [[]]),
    );
    // A trigger with two outgoing connections (allowed at run time even though the editor refuses it).
    g['1']!.outputs = { output_1: { connections: [{ node: '3' }, { node: '5' }] } };
    const { result } = await run(g, modules, { trigger: 'event-after-save' });
    expect(result.success).toBe(true);
    expect(calls).toEqual(['a#3', 'b#4', 'c#5']);
  });

  it('follows output_1 when an IF holds and output_2 when it does not', async () => {
    const calls: string[] = [];
    const modules = [recordingAction('then', calls), recordingAction('else', calls)];
    const branch = (params: object) =>
      graph(
        trigger('event-publish', [2]),
        node(2, 'tag-if', 'logic', [[3], [4]], { ...params }),
        node(3, 'then', 'action'),
        node(4, 'else', 'action'),
      );
    await run(branch(ifTrue), modules, { data: withEventTags(['tlp:red']) });
    await run(branch(ifFalse), modules, { data: withEventTags(['tlp:red']) });
    expect(calls).toEqual(['then#3', 'else#4']);
  });

  it('stops the whole walk at a failing blocking module, even in a non-blocking workflow', async () => {
    const calls: string[] = [];
    const g = graph(
      trigger('event-after-save', [2]),
      node(2, 'stop-execution', 'action', []),
      node(3, 'after', 'action'),
    );
    g['1']!.outputs = { output_1: { connections: [{ node: '2' }, { node: '3' }] } };
    const { result } = await run(g, [recordingAction('after', calls)], { trigger: 'event-after-save' });
    expect(result.outcome).toBe('blocked');
    expect(calls).toEqual([]);
    expect(result.logs[0]?.title).toBe(
      'Execution stopped. \nNode `stop-execution` (2) from Workflow `Test` (1) returned the following error: Execution stopped',
    );
  });

  it('in a non-blocking walk skips what is below a failing module and goes on with sibling branches', async () => {
    const calls: string[] = [];
    const modules = [
      recordingAction('fails', calls, { result: false, error: 'nope' }),
      recordingAction('below', calls),
      recordingAction('sibling', calls),
    ];
    const g = graph(
      trigger('event-after-save', [2]),
      node(2, 'fails', 'action', [[3]]),
      node(3, 'below', 'action'),
      node(4, 'sibling', 'action'),
    );
    g['1']!.outputs = { output_1: { connections: [{ node: '2' }, { node: '4' }] } };
    const { result } = await run(g, modules, { trigger: 'event-after-save' });
    expect(calls).toEqual(['fails#2', 'sibling#4']);
    expect(result.walkResult.blocked_paths).toEqual([['1:output_1:0:2', '2:output_1:0:3']]);
    expect(result.success).toBe(true);
    expect(result.logs.map((l) => l.title)).toEqual([
      'Execution encountered an error but continued. \nNode `fails` (2) from Workflow `Test` (1) returned the following error: nope',
    ]);
  });

  it('in a blocking walk a failing non-blocking module does not stop the path', async () => {
    const calls: string[] = [];
    const modules = [recordingAction('fails', calls, { result: false }), recordingAction('below', calls)];
    const g = graph(
      trigger('event-publish', [2]),
      node(2, 'fails', 'action', [[3]]),
      node(3, 'below', 'action'),
    );
    const { result } = await run(g, modules);
    expect(calls).toEqual(['fails#2', 'below#3']);
    expect(result.outcome).toBe('success');
    expect(result.walkResult.blocking_nodes.map((n) => n.id)).toEqual([2]);
    expect(result.errors).toEqual([]);
  });

  it('runs nothing behind a concurrent-task inline and returns one deferred task per connection', async () => {
    const calls: string[] = [];
    const modules = [
      recordingAction('x', calls),
      recordingAction('y', calls, { result: false, error: 'late' }),
    ];
    const g = graph(
      trigger('event-publish', [2]),
      node(2, 'concurrent-task', 'logic', [[3, 4]], {}, { multiple_output_connection: true }),
      node(3, 'x', 'action'),
      node(4, 'y', 'action', [[5]]),
      node(5, 'stop-execution', 'action', []),
    );
    const registry = setup(modules);
    const services = new FakeWorkflowServices();
    const workflow = workflowOf(g, { name: 'Test' });
    const result = await executeWorkflow({ workflow, data: sampleEvent(), registry, services });
    expect(result.outcome).toBe('success');
    expect(calls).toEqual([]);
    expect(result.deferred.map((t) => [t.fromNodeId, t.nodeId])).toEqual([
      [2, 3],
      [2, 4],
    ]);
    expect(result.deferred[0]?.data).not.toHaveProperty('__node_id_to_exec');
    const first = await runDeferredTask({ task: result.deferred[0]!, workflow, registry, services });
    expect(first).toMatchObject({
      success: true,
      jobMessage: 'Workflow concurrent task executed 1 nodes starting from node 3.',
    });
    const second = await runDeferredTask({ task: result.deferred[1]!, workflow, registry, services });
    expect(calls).toEqual(['x#3', 'y#4']);
    // y fails on a non-blocking path, so the stop-execution below it is skipped.
    expect(second.success).toBe(true);
    expect(second.walkResult.blocked_paths).toEqual([['4:output_1:0:5']]);
  });
});

describe('module failures', () => {
  it('a disabled IF takes its else branch and is logged', async () => {
    const calls: string[] = [];
    const g = graph(
      trigger('event-publish', [2]),
      node(2, 'count-if', 'logic', [[3], [4]], { selector: 'Event.id', operator: 'equals', value: '1' }),
      node(3, 'then', 'action'),
      node(4, 'else', 'action'),
    );
    const { result } = await run(g, [recordingAction('then', calls), recordingAction('else', calls)]);
    expect(calls).toEqual(['else#4']);
    expect(result.outcome).toBe('success');
    expect(result.logs.map((l) => l.title)).toEqual(['Could not execute disabled module `count-if`.']);
  });

  it('a disabled blocking module stops the execution', async () => {
    const g = graph(trigger('event-publish', [2]), node(2, 'stop-execution', 'action', []));
    const registry = createModuleRegistry({
      enabledIds: new Set(),
      enabledTriggerIds: new Set(['event-publish']),
    });
    const result = await executeWorkflow({
      workflow: workflowOf(g, { name: 'Test' }),
      data: sampleEvent(),
      registry,
      services: new FakeWorkflowServices(),
    });
    expect(result.outcome).toBe('blocked');
    expect(result.errors).toEqual([
      'Node `stop-execution` (2) from Workflow `Test` (1) returned the following error: Could not execute disabled module `stop-execution`.',
    ]);
  });

  it('an unknown module fails without blocking', async () => {
    const { result } = await run(graph(trigger('event-publish', [2]), node(2, 'nowhere', 'action')), []);
    expect(result.outcome).toBe('success');
    expect(result.logs.map((l) => l.title)).toEqual([
      'Could not load class for module: nowhere',
      'Execution encountered an error but continued. \nNode `nowhere` (2) from Workflow `Test` (1) returned the following error: Could not load class for module: nowhere',
    ]);
  });

  it('an exception becomes a module error', async () => {
    const { result } = await run(graph(trigger('event-publish', [2]), node(2, 'boom', 'action')), [
      recordingAction('boom', [], { throws: 'kaput', blocking: true }),
    ]);
    expect(result.outcome).toBe('failure');
    expect(result.errors).toEqual([
      'Node `boom` (2) from Workflow `Test` (1) returned the following error: Error while executing module boom. Error: kaput',
    ]);
  });
});

describe('run bookkeeping', () => {
  it('writes the debug lines of a debug-enabled workflow', async () => {
    const g = graph(
      trigger('event-publish', [2]),
      node(2, 'tag-if', 'logic', [[3], []], ifTrue),
      node(3, 'stop-execution', 'action', []),
    );
    const { result } = await run(g, [], { debug: true, data: withEventTags(['tlp:red']) });
    expect(result.logs.map((l) => [l.kind, l.title])).toEqual([
      ['debug', 'Started executing workflow for trigger `event-publish` (1)'],
      [
        'debug',
        'Executed node `tag-if`\nNode `tag-if` (2) from Workflow `Test` (1) executed successfully with status: success',
      ],
      [
        'debug',
        'Executed node `stop-execution`\nNode `stop-execution` (3) from Workflow `Test` (1) executed successfully with status: partial-success',
      ],
      [
        'error',
        'Execution stopped. \nNode `stop-execution` (3) from Workflow `Test` (1) returned the following error: Execution stopped',
      ],
      ['debug', 'Finished executing workflow for trigger `event-publish` (1). Outcome: blocked'],
    ]);
  });

  it('skips a workflow whose trigger is switched off', async () => {
    const registry = createModuleRegistry({ enabledIds: new Set(DEFAULT_ENABLED_MODULE_IDS) });
    const result = await executeWorkflow({
      workflow: workflowOf(graph(trigger('event-publish', [2]), node(2, 'stop-execution', 'action', []))),
      data: sampleEvent(),
      registry,
      services: new FakeWorkflowServices(),
    });
    expect(result).toMatchObject({ success: true, skipped: true, counterIncrement: 0 });
  });

  it('fails on a graph whose trigger node is another trigger', async () => {
    const { result } = await run(graph(trigger('event-after-save', [])), []);
    expect(result).toMatchObject({ success: false, errors: ['Invalid start node `-1`'] });
  });

  it('fails when the data cannot be normalised', async () => {
    const { result } = await run(graph(trigger('tag-attached-after-save', [])), [], {
      trigger: 'tag-attached-after-save',
      data: { nothing: true },
    });
    expect(result).toMatchObject({
      success: false,
      outcome: 'failure',
      outcomeText: 'failure Error while normalizing data for trigger. Invalid input.',
      counterIncrement: 1,
    });
  });

  it('fails when no user can run the workflow', async () => {
    const services = new FakeWorkflowServices();
    const workflow = workflowOf(graph(trigger('event-publish', [])));
    const result = await executeWorkflow({
      workflow,
      data: sampleEvent(),
      registry: setup([]),
      services,
      user: null,
    });
    expect(result.success).toBe(false);
    expect(result.errors[0]).toMatch(/^Could not find a valid user to run the workflow/);
  });
});

function withEventTags(tags: string[]): PhpMap {
  const event = sampleEvent();
  event.Event.Tag = tags.map((name) => ({ name }));
  return event;
}
