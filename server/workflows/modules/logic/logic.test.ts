import { describe, expect, it } from 'vitest';
import { toCoreFormat } from '../../engine/core-format.ts';
import type { PhpMap } from '../../engine/php.ts';
import { runModule } from '../../engine/testing/run-module.ts';
import { sampleEvent } from '../../engine/testing/workflow-fixtures.ts';
import { countIf } from './count-if.ts';
import { distributionIf } from './distribution-if.ts';
import { genericFilterData } from './generic-filter-data.ts';
import { genericFilterReset } from './generic-filter-reset.ts';
import { genericIf } from './generic-if.ts';
import { organisationIf } from './organisation-if.ts';
import { publishedIf } from './published-if.ts';
import { tagIf } from './tag-if.ts';
import { threatLevelIf } from './threat-level-if.ts';

async function coreEvent(mutate: (event: PhpMap) => void = () => {}): Promise<PhpMap> {
  const event = sampleEvent();
  mutate(event.Event);
  return toCoreFormat(event);
}

async function decide(
  module: typeof genericIf,
  params: Record<string, unknown>,
  data: PhpMap,
): Promise<boolean> {
  return (await runModule(module, params, data)).result;
}

describe('generic-if', () => {
  it('equals reads one plain path with Hash::get', async () => {
    const data = await coreEvent();
    expect(
      await decide(genericIf, { operator: 'equals', hash_path: 'Event.info', value: 'sample event' }, data),
    ).toBe(true);
    expect(
      await decide(genericIf, { operator: 'not_equals', hash_path: 'Event.info', value: 'other' }, data),
    ).toBe(true);
    // A missing path gives [] and both equals and not_equals are then false.
    expect(
      await decide(genericIf, { operator: 'not_equals', hash_path: 'Event.nope', value: 'x' }, data),
    ).toBe(false);
    expect(
      await decide(genericIf, { operator: 'equals', hash_path: 'Event.published', value: '0' }, data),
    ).toBe(true);
  });

  it('in / not_in / in_or / any_value extract with {n}', async () => {
    const data = await coreEvent();
    const path = 'Event._AttributeFlattened.{n}.type';
    expect(await decide(genericIf, { operator: 'in', hash_path: path, value: 'datetime' }, data)).toBe(true);
    expect(await decide(genericIf, { operator: 'not_in', hash_path: path, value: 'datetime' }, data)).toBe(
      false,
    );
    expect(
      await decide(genericIf, { operator: 'in_or', hash_path: path, value_list: ['md5', 'filename'] }, data),
    ).toBe(true);
    expect(await decide(genericIf, { operator: 'any_value', hash_path: 'Event.Tag.{n}.name' }, data)).toBe(
      true,
    );
    expect(await decide(genericIf, { operator: 'any_value', hash_path: 'Event.Galaxy.{n}.name' }, data)).toBe(
      false,
    );
  });

  it('uses its default operator `in` when none is saved', async () => {
    const data = await coreEvent();
    expect(await decide(genericIf, { hash_path: 'Event.Tag.{n}.name', value: 'tlp:red' }, data)).toBe(true);
  });
});

describe('tag-if', () => {
  it('reads event, attribute or inherited attribute tags', async () => {
    const data = await coreEvent((event) => {
      (event.Attribute as PhpMap[])[0]!.Tag = [{ name: 'PAP:RED' }];
    });
    expect(await decide(tagIf, { scope: 'event', tags: ['tlp:red'] }, data)).toBe(true);
    expect(await decide(tagIf, { scope: 'attribute', tags: ['tlp:red'] }, data)).toBe(false);
    expect(await decide(tagIf, { scope: 'attribute', tags: ['PAP:RED'] }, data)).toBe(true);
    expect(await decide(tagIf, { scope: 'event_attribute', tags: ['tlp:red'] }, data)).toBe(true);
    expect(await decide(tagIf, { scope: 'event', condition: 'not_in_or', tags: ['tlp:red'] }, data)).toBe(
      false,
    );
  });

  it('adds the misp-galaxy: prefix back to picked clusters', async () => {
    const data = await coreEvent((event) => {
      event.Tag = [{ name: 'misp-galaxy:threat-actor="APT 28"' }];
    });
    expect(await decide(tagIf, { scope: 'event', clusters: ['threat-actor="APT 28"'] }, data)).toBe(true);
  });

  it('in_and is false when two attributes carry the same selected tag (quirk)', async () => {
    const data = await coreEvent((event) => {
      for (const attribute of event.Attribute as PhpMap[]) attribute.Tag = [{ name: 'tlp:amber' }];
      (((event.Object as PhpMap[])[0]!.Attribute as PhpMap[])[0] as PhpMap).Tag = [{ name: 'tlp:amber' }];
    });
    expect(await decide(tagIf, { scope: 'attribute', condition: 'in_and', tags: ['tlp:amber'] }, data)).toBe(
      false,
    );
    const single = await coreEvent((event) => {
      (event.Attribute as PhpMap[])[0]!.Tag = [{ name: 'tlp:amber' }];
    });
    expect(
      await decide(tagIf, { scope: 'attribute', condition: 'in_and', tags: ['tlp:amber'] }, single),
    ).toBe(true);
  });
});

describe('distribution-if', () => {
  it('compares the event distribution', async () => {
    const data = await coreEvent();
    expect(
      await decide(distributionIf, { scope: 'event', condition: 'not_equals', distribution: '0' }, data),
    ).toBe(true);
    expect(
      await decide(distributionIf, { scope: 'event', condition: 'equals', distribution: '1' }, data),
    ).toBe(true);
    expect(
      await decide(
        distributionIf,
        { scope: 'event', condition: 'more_restrictive_or_equal_than', distribution: '2' },
        data,
      ),
    ).toBe(true);
    expect(
      await decide(
        distributionIf,
        { scope: 'event', condition: 'more_permisive_or_equal_than', distribution: '2' },
        data,
      ),
    ).toBe(false);
  });

  it('looks only at the first top-level attribute, lowered by the event (quirk)', async () => {
    const data = await coreEvent((event) => {
      event.distribution = '3';
      (event.Attribute as PhpMap[])[0]!.distribution = '2';
    });
    // The object attribute with distribution 5 is never considered.
    expect(
      await decide(distributionIf, { scope: 'attribute', condition: 'equals', distribution: '2' }, data),
    ).toBe(true);
  });

  it('checks sharing groups for level 4', async () => {
    const data = await coreEvent((event) => {
      event.distribution = '4';
      event.sharing_group_id = '7';
    });
    expect(
      await decide(
        distributionIf,
        { scope: 'event', condition: 'equals', distribution: '4', sharing_group_id: ['7'] },
        data,
      ),
    ).toBe(true);
    expect(
      await decide(
        distributionIf,
        { scope: 'event', condition: 'equals', distribution: '4', sharing_group_id: ['8'] },
        data,
      ),
    ).toBe(false);
    expect(
      await decide(
        distributionIf,
        { scope: 'event', condition: 'not_equals', distribution: '4', sharing_group_id: ['8'] },
        data,
      ),
    ).toBe(true);
    const unsupported = await runModule(
      distributionIf,
      { scope: 'event', condition: 'more_restrictive_or_equal_than', distribution: '4' },
      data,
    );
    expect(unsupported).toMatchObject({
      result: false,
      errors: ['Condition operator not supported for that distribution level'],
    });
  });
});

describe('published-if, organisation-if, threat-level-if, count-if', () => {
  it('published-if tests Event.published', async () => {
    const data = await coreEvent();
    expect(await decide(publishedIf, {}, data)).toBe(false);
    expect(await decide(publishedIf, { condition: 'not_equals' }, data)).toBe(true);
  });

  it('organisation-if compares the creator org by default, and maps legacy operators', async () => {
    const data = await coreEvent((event) => {
      event.orgc_id = '2';
    });
    expect(await decide(organisationIf, {}, data)).toBe(false);
    expect(await decide(organisationIf, { org_id: ['2'] }, data)).toBe(true);
    expect(await decide(organisationIf, { org_type: 'org' }, data)).toBe(true);
    expect(await decide(organisationIf, { condition: 'not_equals', org_id: '2' }, data)).toBe(false);
  });

  it('threat-level-if: 1 is highest, and the default "Low" is a label, not an id (quirk)', async () => {
    const data = await coreEvent((event) => {
      event.threat_level_id = '1';
    });
    expect(await decide(threatLevelIf, { threatlevel: '1' }, data)).toBe(true);
    expect(await decide(threatLevelIf, { condition: 'greater_or_equal_than', threatlevel: '2' }, data)).toBe(
      true,
    );
    expect(await decide(threatLevelIf, { condition: 'less_or_equal_than', threatlevel: '2' }, data)).toBe(
      false,
    );
    const low = await coreEvent((event) => {
      event.threat_level_id = '3';
    });
    expect(await decide(threatLevelIf, {}, low)).toBe(false);
  });

  it('count-if counts the extracted entries', async () => {
    const data = await coreEvent();
    const selector = 'Event._AttributeFlattened.{n}';
    expect(await decide(countIf, { selector, value: '3' }, data)).toBe(true);
    expect(await decide(countIf, { selector, operator: 'greater', value: '2' }, data)).toBe(true);
    expect(await decide(countIf, { selector, operator: 'less_equals', value: '2' }, data)).toBe(false);
    expect(await decide(countIf, { selector, operator: 'sideways', value: '2' }, data)).toBe(false);
  });
});

describe('filters', () => {
  it('generic-filter-data records the filter and keeps the unfiltered data once', async () => {
    const data = await coreEvent();
    const params = {
      selector: 'Event._AttributeFlattened.{n}',
      operator: 'equals',
      value: 'datetime',
      hash_path: 'type',
    };
    const { roamingData } = await runModule(genericFilterData, params, data);
    const stored = roamingData.getStoredData();
    expect(stored.enabledFilters).toEqual({
      A: { selector: 'Event._AttributeFlattened.{n}', path: 'type', operator: 'equals', value: 'datetime' },
    });
    expect(stored._unfilteredData).toEqual(data);
    expect(Object.keys((roamingData.getData().Event as PhpMap)._AttributeFlattened as PhpMap)).toEqual(['2']);
  });

  it('generic-filter-reset of one label clears every filter (quirk)', async () => {
    const data = await coreEvent();
    const filters = {
      A: { selector: 'Event._AttributeFlattened.{n}', path: 'type', operator: 'equals', value: 'datetime' },
      B: { selector: 'Event.Tag.{n}', path: 'name', operator: 'equals', value: 'tlp:red' },
    };
    const { roamingData } = await runModule(
      genericFilterReset,
      { 'filtering-label': 'B' },
      { ...data, enabledFilters: filters, _unfilteredData: data },
    );
    expect(roamingData.enabledFilters).toEqual({});
    expect(((roamingData.getData().Event as PhpMap)._AttributeFlattened as PhpMap[]).length).toBe(3);
  });
});
