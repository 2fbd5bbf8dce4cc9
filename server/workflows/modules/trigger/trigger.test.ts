import { describe, expect, it } from 'vitest';
import type { PhpMap } from '../../engine/php.ts';
import { FakeWorkflowServices } from '../../engine/testing/fake-workflow-services.ts';
import { runModule } from '../../engine/testing/run-module.ts';
import { sampleEvent } from '../../engine/testing/workflow-fixtures.ts';
import { sightingAfterSaveTrigger } from './sighting-after-save.ts';
import { tagAttachedAfterSaveTrigger } from './tag-attached-after-save.ts';

const eventTag = { Tag: { event_id: '15', name: 'tlp:red', local: true } };
const attributeTag = { Tag: { event_id: '15', attribute_id: '18', name: 'tlp:red', local: false } };

describe('tag-attached-after-save conditions', () => {
  it.each([
    [{}, eventTag, true],
    [{}, attributeTag, false],
    [{ scope: 'attribute', locality: 'global' }, attributeTag, true],
    [{ scope: 'attribute', locality: 'local' }, attributeTag, false],
    [{ scope: 'any', locality: 'any' }, attributeTag, true],
    [{ tag: 'tlp:red' }, eventTag, true],
    [{ tag: 'tlp:amber' }, eventTag, false],
  ])('params %j on %j continue: %s', async (params, data, expected) => {
    expect((await runModule(tagAttachedAfterSaveTrigger, params, data)).result).toBe(expected);
  });

  it('normalises to the event holding only the tagged attribute, inside its object', async () => {
    const services = new FakeWorkflowServices();
    services.events.set('15', sampleEvent());
    const object = structuredClone((sampleEvent().Event.Object as PhpMap[])[0]!);
    const attribute = (object.Attribute as PhpMap[])[1]!;
    delete object.Attribute;
    services.attributes.set('18', { Attribute: attribute, Object: object });
    const data = await tagAttachedAfterSaveTrigger.normalizeData!(attributeTag, services);
    const event = (data as PhpMap).Event as PhpMap;
    expect(event.Attribute).toBeUndefined();
    expect((event._AttributeFlattened as PhpMap[]).map((a) => a.id)).toEqual(['18']);
    expect(await tagAttachedAfterSaveTrigger.normalizeData!({ nothing: 1 }, services)).toBe(false);
  });

  it('sighting-after-save puts the sighted top-level attribute in its event', async () => {
    const services = new FakeWorkflowServices();
    services.events.set('15', sampleEvent());
    services.attributes.set('16', { Attribute: (sampleEvent().Event.Attribute as PhpMap[])[0]! });
    const data = await sightingAfterSaveTrigger.normalizeData!(
      { Sighting: { Event: { id: '15' }, Attribute: { id: '16' } } },
      services,
    );
    expect((((data as PhpMap).Event as PhpMap)._AttributeFlattened as PhpMap[]).map((a) => a.id)).toEqual([
      '16',
    ]);
  });
});
