import { evaluateCondition } from '../../engine/conditions.ts';
import { hashExtract } from '../../engine/hash-path.ts';
import { isPhpArray, phpEmpty, phpValues } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

const TAG_PATHS: Record<string, string> = {
  event: 'Event.Tag.{n}.name',
  attribute: 'Event._AttributeFlattened.{n}.Tag.{n}.name',
  event_attribute: 'Event._AttributeFlattened.{n}._allTags.{n}.name',
};

function listOf(value: unknown): unknown[] {
  return !phpEmpty(value) && isPhpArray(value) ? phpValues(value) : [];
}

export const tagIf = defineLogic({
  id: 'tag-if',
  name: 'IF :: Tag',
  version: '0.4',
  description: `Tag IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  expect_misp_core_format: true,
  params: [
    {
      id: 'scope',
      label: 'Scope',
      type: 'select',
      options: { event: 'Event', attribute: 'Attribute', event_attribute: 'Inherited Attribute' },
      default: 'event',
    },
    {
      id: 'condition',
      label: 'Condition',
      type: 'select',
      default: 'in_or',
      options: {
        in_or: 'Is tagged with any (OR)',
        in_and: 'Is tagged with all (AND)',
        not_in_or: 'Is not tagged with any (OR)',
        not_in_and: 'Is not tagged with all (AND)',
      },
    },
    {
      id: 'tags',
      label: 'Tags',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'tags' },
      placeholder: 'Pick a tag',
    },
    {
      id: 'clusters',
      label: 'Galaxy Clusters',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'galaxyClusters' },
      placeholder: 'Pick a Galaxy Cluster',
    },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    // Clusters are picked without their `misp-galaxy:` prefix, which is restored to compare.
    const clusters = listOf(params.clusters?.value).map((name) => `misp-galaxy:${String(name)}`);
    const selected = [...listOf(params.tags?.value), ...clusters];
    const path = TAG_PATHS[String(params.scope?.value)] ?? TAG_PATHS.event;
    return evaluateCondition(hashExtract(data, path), String(params.condition?.value), selected);
  },
});
