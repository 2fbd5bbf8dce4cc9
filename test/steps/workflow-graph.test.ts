import { describe, expect, it } from 'vitest';
import {
  chainGraph,
  loadGraphFixture,
  meaningOf,
  moduleIdsOf,
  paramsSetIn,
  triggerNodeOf,
} from '../../steps/tasks/workflows/graph.ts';
import { placeOnTrigger } from '../../steps/tasks/workflows/blueprints.ts';
import type { DrawflowNode } from '../../steps/tasks/workflows/graph.ts';
import type { ModuleConfig } from '../../steps/tasks/workflows/modules.ts';
import { readFileSync } from 'node:fs';

const exampleA = loadGraphFixture('example-a');

describe('graph meaning', () => {
  it('reads Example A as the slides draw it', () => {
    const meaning = meaningOf(exampleA, paramsSetIn(exampleA));
    expect(meaning.edges).toEqual([
      'distribution-if.output_1 -> tag-if',
      'event-publish.output_1 -> distribution-if',
      'tag-if.output_1 -> stop-execution',
    ]);
    expect(meaning.nodes).toContain('distribution-if(condition=not_equals, distribution=0, scope=event)');
    expect(meaning.nodes).toContain('tag-if(condition=in_or, scope=event, tags=[tlp:red])');
  });

  it('does not depend on node ids, positions or number types', () => {
    const moved = JSON.parse(
      JSON.stringify(exampleA).replaceAll('"node":"3"', '"node":"9"'),
    ) as typeof exampleA;
    moved['9'] = { ...moved['3']!, id: 9, pos_x: 17 };
    delete moved['3'];
    moved['2']!.data.indexed_params!.distribution = 0;
    expect(meaningOf(moved, paramsSetIn(exampleA))).toEqual(meaningOf(exampleA, paramsSetIn(exampleA)));
  });

  it('tells a wrong branch or a wrong param apart', () => {
    const wrong = JSON.parse(JSON.stringify(exampleA)) as typeof exampleA;
    wrong['2']!.data.indexed_params!.condition = 'equals';
    expect(meaningOf(wrong, paramsSetIn(exampleA))).not.toEqual(meaningOf(exampleA, paramsSetIn(exampleA)));
    const elseBranch = JSON.parse(JSON.stringify(exampleA)) as typeof exampleA;
    const outputs = elseBranch['3']!.outputs as Record<string, { connections: unknown[] }>;
    [outputs.output_1!.connections, outputs.output_2!.connections] = [
      outputs.output_2!.connections,
      outputs.output_1!.connections,
    ];
    expect(meaningOf(elseBranch, paramsSetIn(exampleA)).edges).toContain('tag-if.output_2 -> stop-execution');
  });

  it('lists the modules a graph needs, without its trigger', () => {
    expect(moduleIdsOf(loadGraphFixture('example-a-and-b')).sort()).toEqual([
      'attribute_ids_flag_operation',
      'distribution-if',
      'generic-filter-data',
      'generic-filter-reset',
      'stop-execution',
      'tag-if',
    ]);
  });
});

describe('chainGraph', () => {
  const sendMail: ModuleConfig = {
    id: 'send-mail',
    name: 'Send Mail',
    module_type: 'action',
    version: '0.1',
    params: [
      { id: 'recipients', default: ['All admins'] },
      { id: 'mail_template_subject' },
      { id: 'mail_template_body' },
    ],
  };

  it('wires trigger → modules on output_1 and fills every param as the editor saves it', () => {
    const graph = chainGraph(triggerNodeOf(exampleA), [
      { module: sendMail, params: { mail_template_subject: 'Hi' } },
    ]);
    expect(Object.keys(graph)).toEqual(['1', '2']);
    expect(graph['1']!.outputs).toEqual({ output_1: { connections: [{ node: '2', output: 'input_1' }] } });
    expect(graph['2']!.inputs).toEqual({ input_1: { connections: [{ node: '1', input: 'output_1' }] } });
    expect(graph['2']!.data.indexed_params).toEqual({
      recipients: ['All admins'],
      mail_template_subject: 'Hi',
      mail_template_body: '',
    });
  });
});

describe('placeOnTrigger', () => {
  it('renumbers a blueprint after the trigger and connects the trigger to its entry node', () => {
    const blueprint = JSON.parse(
      readFileSync(
        new URL('../../fixtures/workflows/blueprint-pap-red-tlp-red-blocking.json', import.meta.url),
        'utf8',
      ),
    ) as { WorkflowBlueprint: { data: DrawflowNode[] } };
    const trigger = {
      ...triggerNodeOf(exampleA),
      data: { ...triggerNodeOf(exampleA).data, id: 'enrichment-before-query' },
    };
    const graph = placeOnTrigger(trigger, blueprint.WorkflowBlueprint.data);
    const meaning = meaningOf(graph, () => []);
    expect(meaning.edges).toEqual([
      'enrichment-before-query.output_1 -> tag-if',
      'tag-if.output_1 -> stop-execution',
    ]);
    expect(Object.keys(graph)).toEqual(['1', '2', '3']);
  });
});
