import { describe, expect, it } from 'vitest';
import { toCoreFormat } from './core-format.ts';
import type { PhpMap } from './php.ts';
import { RoamingData } from './roaming-data.ts';
import { FakeWorkflowServices } from './testing/fake-workflow-services.ts';
import { sampleEvent, workflowOf } from './testing/workflow-fixtures.ts';
import { graph, trigger } from './testing/graph-builder.ts';

describe('toCoreFormat', () => {
  it('flattens top-level then object attributes and gives each one _allTags', async () => {
    const event = sampleEvent();
    (event.Event.Attribute as PhpMap[])[0]!.Tag = [{ id: '9', name: 'tlp:green' }];
    const converted = await toCoreFormat({ ...event, _module: 'dns' });
    const flattened = (converted.Event as PhpMap)._AttributeFlattened as PhpMap[];
    expect(flattened.map((a) => a.id)).toEqual(['16', '17', '18']);
    expect(flattened[0]!._allTags).toEqual([
      { ...(event.Event.Tag as PhpMap[])[0], inherited: true },
      { id: '9', name: 'tlp:green', inherited: false },
    ]);
    expect((flattened[2]!._allTags as PhpMap[]).map((t) => [t.name, t.inherited])).toEqual([
      ['tlp:red', true],
    ]);
    expect(converted._module).toBe('dns');
  });

  it('wraps an attribute into its event, inside its object when it has one', async () => {
    const services = new FakeWorkflowServices();
    services.events.set('15', sampleEvent());
    const attribute = structuredClone(
      ((sampleEvent().Event.Object as PhpMap[])[0]!.Attribute as PhpMap[])[1]!,
    );
    const converted = await toCoreFormat({ Attribute: attribute }, services);
    const event = converted.Event as PhpMap;
    expect(event.Attribute).toBeUndefined();
    expect(((event.Object as PhpMap[])[0]!.Attribute as PhpMap[]).map((a) => a.id)).toEqual(['18']);
    expect((event._AttributeFlattened as PhpMap[]).map((a) => a.id)).toEqual(['18']);
  });

  it('gives data of no known scope an empty _AttributeFlattened, as MISP does', async () => {
    const converted = await toCoreFormat({ Attribute: [], Event: {} });
    expect(converted).toEqual({ Event: { _AttributeFlattened: [] } });
  });
});

describe('RoamingData filters', () => {
  const workflow = workflowOf(graph(trigger('event-publish', [])));
  const datetimeOnly = {
    selector: 'Event._AttributeFlattened.{n}',
    path: 'type',
    operator: 'equals',
    value: 'datetime',
  };

  it('applies enabled filters on every read, keeping matches at their keys, without storing the result', async () => {
    const data = await toCoreFormat(sampleEvent());
    const roaming = new RoamingData(
      null,
      { ...data, enabledFilters: { A: datetimeOnly } },
      workflow,
      1,
      null,
    );
    const filtered = roaming.getData().Event as PhpMap;
    const all = (data.Event as PhpMap)._AttributeFlattened as PhpMap[];
    expect(filtered._AttributeFlattened).toEqual({ 2: all[2] });
    expect(((roaming.getStoredData().Event as PhpMap)._AttributeFlattened as unknown[]).length).toBe(3);
  });

  it('hands out copies, like PHP arrays', async () => {
    const roaming = new RoamingData(null, await toCoreFormat(sampleEvent()), workflow, 1, null);
    (roaming.getData().Event as PhpMap).info = 'changed';
    expect((roaming.getData().Event as PhpMap).info).toBe('sample event');
  });

  it('supports any_value and in_or filters', async () => {
    const data = await toCoreFormat(sampleEvent());
    const anyRelation = {
      selector: 'Event._AttributeFlattened.{n}',
      path: 'object_relation',
      operator: 'any_value',
      value: '',
    };
    const roaming = new RoamingData(null, { ...data, enabledFilters: { B: anyRelation } }, workflow, 1, null);
    expect(Object.keys((roaming.getData().Event as PhpMap)._AttributeFlattened as PhpMap)).toEqual([
      '1',
      '2',
    ]);
    const inOr = {
      selector: 'Event._AttributeFlattened',
      path: 'type',
      operator: 'in_or',
      value: ['ip-src', 'filename'],
    };
    roaming.setData({ ...data, enabledFilters: { C: inOr } });
    expect(((roaming.getData().Event as PhpMap)._AttributeFlattened as PhpMap[]).map((a) => a.id)).toEqual([
      '16',
      '17',
    ]);
  });
});
