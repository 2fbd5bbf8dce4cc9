/**
 * The blueprint fixture (spec §3.12 file format): its nodes, put behind an enrichment-before-query
 * trigger, block enrichment of data carrying PAP:RED or tlp:red, including tags inherited from the event.
 */
import { describe, expect, it } from 'vitest';
import { executeWorkflow } from './execute.ts';
import type { WorkflowGraph, WorkflowNode } from './graph.ts';
import { validateGraph } from './graph.ts';
import type { PhpMap } from './php.ts';
import { createModuleRegistry, DEFAULT_ENABLED_MODULE_IDS } from '../modules/registry.ts';
import { FakeWorkflowServices } from './testing/fake-workflow-services.ts';
import { trigger } from './testing/graph-builder.ts';
import { readJson, sampleEvent, workflowOf } from './testing/workflow-fixtures.ts';

interface BlueprintFile {
  WorkflowBlueprint: Record<string, unknown> & { data: WorkflowNode[] };
}

const blueprint = readJson<BlueprintFile>('fixtures/workflows/blueprint-pap-red-tlp-red-blocking.json');

function workflowFromBlueprint(): WorkflowGraph {
  const nodes = structuredClone(blueprint.WorkflowBlueprint.data);
  const first = nodes[0]!;
  const graph: WorkflowGraph = { '1': trigger('enrichment-before-query', [Number(first.id)]) };
  for (const node of nodes) graph[String(node.id)] = node;
  return graph;
}

async function enrich(tags: { event?: string[]; attribute?: string[] }) {
  const event = sampleEvent();
  event.Event.Tag = (tags.event ?? []).map((name) => ({ name }));
  (event.Event.Attribute as PhpMap[])[0]!.Tag = (tags.attribute ?? []).map((name) => ({ name }));
  const registry = createModuleRegistry({
    enabledIds: new Set(DEFAULT_ENABLED_MODULE_IDS),
    enabledTriggerIds: new Set(['enrichment-before-query']),
  });
  return executeWorkflow({
    workflow: workflowOf(workflowFromBlueprint(), { trigger_id: 'enrichment-before-query' }),
    data: { ...event, _module: 'dns' },
    registry,
    services: new FakeWorkflowServices(),
  });
}

describe('PAP:RED and tlp:red blocking blueprint', () => {
  it('has the blueprint file shape and no trigger node of its own', () => {
    expect(Object.keys(blueprint.WorkflowBlueprint).sort()).toEqual(
      ['data', 'default', 'description', 'id', 'mermaid', 'name', 'timestamp', 'uuid'].sort(),
    );
    expect(blueprint.WorkflowBlueprint.data.some((node) => node.data.module_type === 'trigger')).toBe(false);
    expect(validateGraph(workflowFromBlueprint())).toEqual([]);
  });

  it.each([
    [{ attribute: ['PAP:RED'] }, 'blocked'],
    [{ event: ['tlp:red'] }, 'blocked'],
    [{ attribute: ['tlp:green'] }, 'success'],
    [{}, 'success'],
  ])('tags %j give %s', async (tags, outcome) => {
    expect((await enrich(tags)).outcome).toBe(outcome);
  });
});
