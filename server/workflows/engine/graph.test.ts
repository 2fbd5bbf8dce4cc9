import { describe, expect, it } from 'vitest';
import { checkGraph, GRAPH_ERRORS, PATH_WARNING, validateGraph, type WorkflowGraph } from './graph.ts';
import { graph, node, trigger } from './testing/graph-builder.ts';
import { fixtureGraph } from './testing/workflow-fixtures.ts';

describe('validateGraph', () => {
  it('accepts the example graphs', () => {
    for (const name of ['example-a', 'example-b', 'example-a-and-b'])
      expect(validateGraph(fixtureGraph(name))).toEqual([]);
  });

  it('refuses a cycle first', () => {
    const cyclic = graph(
      trigger('event-publish', [2]),
      node(2, 'webhook', 'action', [[3]]),
      node(3, 'webhook', 'action', [[2]]),
    );
    expect(validateGraph(cyclic)).toEqual([GRAPH_ERRORS.cycle]);
    expect(checkGraph(cyclic).is_acyclic).toEqual({
      is_acyclic: false,
      cycles: [
        [3, 2, 'Cycle'],
        [2, 3, 'Cycle'],
      ],
    });
  });

  it('needs exactly one trigger', () => {
    expect(validateGraph(graph(node(2, 'webhook', 'action')))).toEqual([GRAPH_ERRORS.trigger]);
    const two = graph(trigger('event-publish', []), { ...trigger('event-after-save', []), id: 5 });
    expect(validateGraph(two)).toEqual([GRAPH_ERRORS.trigger]);
    expect(validateGraph({} as never)).toEqual([GRAPH_ERRORS.trigger]);
  });

  it('allows several connections on one output only for concurrent-task', () => {
    const fanOut = graph(
      trigger('event-publish', [2, 3]),
      node(2, 'webhook', 'action'),
      node(3, 'webhook', 'action'),
    );
    expect(validateGraph(fanOut)).toEqual([GRAPH_ERRORS.multipleOutput]);
    expect(checkGraph(fanOut).multiple_output_connection).toEqual({
      has_multiple_output_connection: true,
      edges: { 1: [2, 3] },
    });
    const concurrent = graph(
      trigger('event-publish', [2]),
      node(2, 'concurrent-task', 'logic', [[3, 4]], {}, { multiple_output_connection: true }),
      node(3, 'webhook', 'action'),
      node(4, 'webhook', 'action'),
    );
    expect(validateGraph(concurrent)).toEqual([]);
  });

  it('ignores _frames and tolerates `inputs: []` and `outputs: []`', () => {
    const withFrames = {
      ...fixtureGraph('example-a'),
      _frames: { f1: { text: 'note' } },
    } as unknown as WorkflowGraph;
    expect(validateGraph(withFrames)).toEqual([]);
    expect(checkGraph(withFrames).is_acyclic.is_acyclic).toBe(true);
  });
});

describe('checkGraph', () => {
  it('answers with empty edge lists for a clean graph, as MISP encodes them', () => {
    expect(checkGraph(fixtureGraph('example-a'))).toEqual({
      is_acyclic: { is_acyclic: true, cycles: [] },
      multiple_output_connection: { has_multiple_output_connection: false, edges: [] },
      path_warnings: { has_path_warnings: false, edges: [] },
    });
  });

  it('warns about a blocking module behind a concurrent-task, edge by edge', () => {
    const concurrent = graph(
      trigger('event-publish', [2]),
      node(2, 'concurrent-task', 'logic', [[3]], {}, { multiple_output_connection: true }),
      node(3, 'tag-if', 'logic', [[4], []]),
      node(4, 'stop-execution', 'action', [], {}, { blocking: true }),
    );
    expect(checkGraph(concurrent).path_warnings).toEqual({
      has_path_warnings: true,
      edges: [
        ['2', '3', PATH_WARNING, true, 'stop-execution', 4],
        ['3', '4', PATH_WARNING, true, 'stop-execution', 4],
      ],
    });
  });

  it('asks the registry which modules block when given a lookup', () => {
    const concurrent = graph(
      trigger('event-publish', [2]),
      node(2, 'concurrent-task', 'logic', [[3]], {}, { multiple_output_connection: true }),
      node(3, 'stop-execution', 'action', []),
    );
    expect(checkGraph(concurrent).path_warnings.has_path_warnings).toBe(false);
    const result = checkGraph(concurrent, { isBlocking: (n) => n.data.id === 'stop-execution' });
    expect(result.path_warnings.edges).toEqual([['2', '3', PATH_WARNING, true, 'stop-execution', 3]]);
  });
});
