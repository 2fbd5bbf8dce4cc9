/**
 * The two examples of the workflow training slides, run as MISP would run them on event-publish.
 * Example A blocks publishing of a tlp:red event that is shared beyond the organisation; Example B
 * strips the IDS flag from datetime attributes only.
 */
import { describe, expect, it } from 'vitest';
import { executeWorkflow } from './execute.ts';
import type { PhpMap } from './php.ts';
import { FakeWorkflowServices } from './testing/fake-workflow-services.ts';
import { fixtureGraph, labRegistry, sampleEvent, workflowOf } from './testing/workflow-fixtures.ts';

function eventWith(distribution: string, tags: string[]): { Event: PhpMap } {
  const event = sampleEvent();
  event.Event.distribution = distribution;
  event.Event.Tag = tags.map((name, index) => ({ id: String(index + 1), name, local: false }));
  return event;
}

async function run(graphName: string, data: PhpMap, services = new FakeWorkflowServices()) {
  const workflow = workflowOf(fixtureGraph(graphName), { name: 'Example A' });
  const result = await executeWorkflow({ workflow, data, registry: labRegistry(), services });
  return { result, services };
}

describe('Example A: distribution-if (event, not 0) then tag-if (event, tlp:red) then stop-execution', () => {
  it.each([
    ['1', ['tlp:red'], 'blocked'],
    ['1', ['tlp:green'], 'success'],
    ['0', ['tlp:red'], 'success'],
    ['0', [], 'success'],
  ])('distribution %s with tags %j gives %s', async (distribution, tags, outcome) => {
    const { result } = await run('example-a', eventWith(distribution, tags));
    expect(result.outcome).toBe(outcome);
    expect(result.success).toBe(outcome === 'success');
  });

  it('reports the stop with MISP error and log wording', async () => {
    const { result } = await run('example-a', eventWith('3', ['tlp:red']));
    const error =
      'Node `stop-execution` (4) from Workflow `Example A` (1) returned the following error: Execution stopped';
    expect(result.errors).toEqual([error]);
    expect(result.logs).toEqual([
      {
        kind: 'error',
        user: 'SYSTEM',
        action: 'execute_workflow',
        model: 'Workflow',
        model_id: '1',
        title: `Execution stopped. \n${error}`,
      },
    ]);
    expect(result.walkResult.executed_nodes.map((node) => node.id)).toEqual([4]);
    expect(result.counterIncrement).toBe(1);
  });

  it('writes nothing to the log when the event may be published', async () => {
    const { result } = await run('example-a', eventWith('0', ['tlp:red']));
    expect(result.logs).toEqual([]);
    expect(result.walkResult.executed_nodes).toEqual([]);
  });
});

describe('Example B: filter datetime attributes, remove their IDS flag, reset the filter', () => {
  it('clears to_ids on the datetime attribute inside the object and saves nothing else', async () => {
    const event = sampleEvent();
    const objects = event.Event.Object as PhpMap[];
    // A second, top-level datetime attribute: the filter must catch both places.
    (event.Event.Attribute as PhpMap[]).push({
      id: '19',
      type: 'datetime',
      category: 'Other',
      to_ids: true,
      event_id: '15',
      object_id: '0',
      value: '2024-02-02T00:00:00.000000+0000',
    });
    const { result, services } = await run('example-b', event);
    expect(result.outcome).toBe('success');
    expect(services.savedAttributes.map((a) => [a.id, a.type, a.to_ids])).toEqual([
      ['19', 'datetime', false],
      ['18', 'datetime', false],
    ]);
    expect(services.savedAttributes.every((a) => !('timestamp' in a))).toBe(true);
    expect(objects).toHaveLength(1);
  });

  it('leaves the roaming data unfiltered after the reset (MISP restores the data from before the filter)', async () => {
    const { result } = await run('example-b', sampleEvent());
    const data = result.data?.getData() as PhpMap;
    expect(data.enabledFilters).toEqual([]);
    const flattened = (data.Event as PhpMap)._AttributeFlattened as PhpMap[];
    expect(flattened.map((a) => a.id)).toEqual(['16', '17', '18']);
  });
});

describe('Example A and B chained', () => {
  it('blocks a tlp:red event shared beyond the organisation and edits nothing', async () => {
    const { result, services } = await run('example-a-and-b', eventWith('1', ['tlp:red']));
    expect(result.outcome).toBe('blocked');
    expect(services.savedAttributes).toEqual([]);
  });

  it.each([
    ['0', ['tlp:red']],
    ['1', ['tlp:green']],
  ])(
    'otherwise (distribution %s, tags %j) strips IDS flags from datetime attributes',
    async (distribution, tags) => {
      const { result, services } = await run('example-a-and-b', eventWith(distribution, tags));
      expect(result.outcome).toBe('success');
      expect(services.savedAttributes.map((a) => a.id)).toEqual(['18']);
    },
  );
});
