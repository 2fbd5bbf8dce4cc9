import { extractData, getItemsMatchingCondition } from '../../engine/conditions.ts';
import { hashExtract, hashGet } from '../../engine/hash-path.ts';
import { filtersEnabled, getFilters } from '../../engine/params.ts';
import { isPhpArray, isPlainObject, phpToString, phpValues, type PhpArray } from '../../engine/php.ts';
import type { TagChange } from '../../engine/services.ts';
import { defineAction } from './define-action.ts';

export const tagOperation = defineAction({
  id: 'tag_operation',
  name: 'Tag operation',
  version: '0.2',
  description: 'Add or remove tags on Event or Attributes.',
  icon: 'tags',
  support_filters: true,
  expect_misp_core_format: true,
  params: [
    {
      id: 'scope',
      label: 'Scope',
      type: 'select',
      options: { event: 'Event', attribute: 'Attributes' },
      default: 'event',
    },
    {
      id: 'action',
      label: 'Action',
      type: 'select',
      options: { add: 'Add Tags', remove: 'Remove Tags' },
      default: 'add',
    },
    {
      id: 'locality',
      label: 'Tag Locality',
      type: 'select',
      options: { local: 'Local', global: 'Global', any: 'Any' },
      default: 'local',
    },
    {
      id: 'tags',
      label: 'Tags',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'tags' },
      placeholder: 'Pick a tag',
    },
    { id: 'relationship_type', label: 'Relationship Type', type: 'input', display_on: { action: 'add' } },
  ],
  // Event scope tags the event; attribute scope tags the saved filter's matches, or every
  // flattened attribute. True when any change went through.
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const scope = params.scope?.value === 'event' ? 'event' : 'attribute';
    let targets: PhpArray = data;
    if (filtersEnabled(node)) {
      const filters = getFilters(node);
      targets = getItemsMatchingCondition(
        extractData(data, filters.selector),
        filters.value,
        filters.operator,
        filters.path,
      );
    } else if (scope === 'attribute') {
      targets = hashExtract(data, 'Event._AttributeFlattened.{n}');
    }
    const locality = params.locality?.value;
    const tags = isPhpArray(params.tags?.value) ? phpValues(params.tags.value).map(phpToString) : [];
    const base = {
      tags,
      local: locality === 'any' ? null : locality === 'local',
      relationshipType: phpToString(params.relationship_type?.value),
    };
    const change = params.action?.value === 'remove' ? ctx.services.removeTag : ctx.services.attachTag;
    if (scope === 'event') {
      const request: TagChange = { ...base, scope: 'event', eventId: String(hashGet(targets, 'Event.id')) };
      return change.call(ctx.services, request);
    }
    let success = false;
    for (const attribute of phpValues(targets)) {
      if (!isPlainObject(attribute)) continue;
      const request: TagChange = {
        ...base,
        scope: 'attribute',
        eventId: String(attribute.event_id),
        attributeId: String(attribute.id),
      };
      success = (await change.call(ctx.services, request)) || success;
    }
    return success;
  },
});
