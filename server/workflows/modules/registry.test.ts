/**
 * Shape test: the config JSON of our modules must equal what a real MISP 2.5.1 listed for the same
 * modules (misp-samples workflows-moduleIndex.json and workflows-triggers.json).
 */
import { describe, expect, it } from 'vitest';
import { readJson } from '../engine/testing/workflow-fixtures.ts';
import { createModuleRegistry, DEFAULT_ENABLED_MODULE_IDS } from './registry.ts';

type Config = Record<string, unknown> & { id: string };

const moduleIndex = readJson<Config[]>(
  'server/workflows/engine/testing/misp-samples/workflows-moduleIndex.json',
);
const triggers = readJson<Config[]>('server/workflows/engine/testing/misp-samples/workflows-triggers.json');

// What that instance had: these modules switched on, these tags, one user and one organisation.
const sampleEnabled = new Set(
  moduleIndex.filter((config) => config.disabled === false).map((config) => config.id),
);
const tagIfSample = moduleIndex.find((config) => config.id === 'tag-if') as Config;
const context = {
  tags: ((tagIfSample.params as Config[]).find((param) => param.id === 'tags')?.options ?? []) as string[],
  userEmails: ['admin@admin.test'],
  organisations: { '1': 'ORGNAME' },
};

const registry = createModuleRegistry({ enabledIds: sampleEnabled });

describe('module configs match MISP 2.5.1', () => {
  const ours = registry.list().filter((module) => module.module_type !== 'trigger');

  it('covers the logic modules and the actions we implement', () => {
    expect(ours.map((module) => module.id).sort()).toEqual(
      [
        'attribute_ids_flag_operation',
        'concurrent-task',
        'count-if',
        'distribution-if',
        'generic-filter-data',
        'generic-filter-reset',
        'generic-if',
        'organisation-if',
        'publish-event',
        'published-if',
        'reload-full-event',
        'send-mail',
        'stop-execution',
        'tag-if',
        'tag_operation',
        'threat-level-if',
        'webhook',
      ].sort(),
    );
  });

  it.each(ours.map((module) => [module.id, module] as const))('%s', (id, module) => {
    const sample = moduleIndex.find((config) => config.id === id);
    expect(sample, `${id} is in the sample`).toBeDefined();
    expect(registry.config(module, context)).toEqual(sample);
  });

  it.each(triggers.map((sample) => [sample.id, sample] as const))('trigger %s', (id, sample) => {
    const module = registry.get('trigger', id);
    expect(module).toBeDefined();
    const expected = { ...sample };
    delete expected.Workflow;
    expect(registry.config(module!, context)).toEqual(expected);
  });
});

describe('createModuleRegistry', () => {
  it('enables MISP default modules when given the default list', () => {
    const defaults = createModuleRegistry({ enabledIds: new Set(DEFAULT_ENABLED_MODULE_IDS) });
    const enabled = defaults
      .list()
      .filter((module) => module.module_type !== 'trigger' && !defaults.isDisabled(module))
      .map((module) => module.id);
    expect(enabled.sort()).toEqual(
      [
        'concurrent-task',
        'distribution-if',
        'generic-if',
        'organisation-if',
        'published-if',
        'stop-execution',
        'tag-if',
        'webhook',
      ].sort(),
    );
  });

  it('lists triggers as disabled unless their trigger setting is on', () => {
    const withPublish = createModuleRegistry({
      enabledIds: new Set(),
      enabledTriggerIds: new Set(['event-publish']),
    });
    expect(withPublish.isDisabled(withPublish.get('trigger', 'event-publish')!)).toBe(false);
    expect(withPublish.isDisabled(withPublish.get('trigger', 'event-before-save')!)).toBe(true);
  });

  it('offers the misp-modules actions only with action services on', () => {
    expect(registry.get('action', 'mattermost')).toBeUndefined();
    const withModules = createModuleRegistry({ enabledIds: new Set(), actionServicesEnabled: true });
    const config = withModules.config(withModules.get('action', 'mattermost')!);
    expect(config).toMatchObject({
      id: 'mattermost',
      name: 'mattermost',
      is_misp_module: true,
      icon: 'python',
    });
    expect((config.params as Config[]).map((param) => [param.id, param.label, param.type])).toEqual([
      ['mattermost_hostname', 'Mattermost Hostname', 'input'],
      ['bot_access_token', 'Bot Access Token', 'input'],
      ['channel_id', 'Channel Id', 'input'],
      ['message_template', 'Message Template', 'textarea'],
    ]);
    const testaction = withModules.config(withModules.get('action', 'testaction')!);
    expect(testaction.params).toEqual([
      { id: 'foo', label: 'Foo', placeholder: 'xyz', type: 'input' },
      {
        id: 'data_extraction_path',
        label: 'Data Extraction Path',
        placeholder: 'Attribute.{n}.AttributeTag.{n}.Tag.name',
        type: 'input',
        _isHashPath: true,
      },
    ]);
  });

  it('refuses two modules with the same id', () => {
    const duplicate = registry.get('action', 'webhook')!;
    expect(() => createModuleRegistry({ enabledIds: new Set(), extraModules: [duplicate] })).toThrow(
      'Module webhook has already been defined',
    );
  });
});
