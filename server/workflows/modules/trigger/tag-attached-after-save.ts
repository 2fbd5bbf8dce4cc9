import { toCoreFormat } from '../../engine/core-format.ts';
import { isPlainObject, phpEmpty, phpLooseEquals, type PhpMap } from '../../engine/php.ts';
import { defineTrigger } from './define-trigger.ts';
import { fetchAttribute, fetchSimpleEvent, placeAttribute } from './event-lookup.ts';

export const tagAttachedAfterSaveTrigger = defineTrigger({
  id: 'tag-attached-after-save',
  scope: 'tag',
  name: 'Tag Attached After Save',
  description: 'This trigger is called just after a Tag has been attached to an Event or an Attribute.',
  icon: 'tags',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 3,
  trigger_overhead_message:
    'This trigger is called each time a Tag has been attached. This means that when a large quantity of Tags are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Tag attached.',
  params: [
    {
      id: 'scope',
      label: 'Scope',
      type: 'select',
      options: { event: 'Event', attribute: 'Attributes', any: 'Any' },
      default: 'event',
    },
    {
      id: 'locality',
      label: 'Tag Locality',
      type: 'select',
      options: { local: 'Local', global: 'Global', any: 'Any' },
      default: 'local',
    },
    { id: 'tag', label: 'Tags', type: 'input', placeholder: 'Type a tag' },
  ],
  async normalizeData(data, services) {
    if (phpEmpty(data.Tag) || !isPlainObject(data.Tag)) return false;
    let event = await fetchSimpleEvent(services, data.Tag.event_id);
    if (!phpEmpty(data.Tag.attribute_id)) {
      event = placeAttribute(event, await fetchAttribute(services, data.Tag.attribute_id));
    }
    return toCoreFormat(event, services);
  },
  // Runs on the data as it came in ({Tag: {event_id, attribute_id, local, name}}), before the walk.
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const tag = (isPlainObject(data.Tag) ? data.Tag : {}) as PhpMap;
    const onAttribute = !phpEmpty(tag.attribute_id);
    const scope = params.scope?.value;
    const locality = params.locality?.value;
    const wanted = params.tag?.value;
    if (scope === 'attribute' && !onAttribute) return false;
    if (scope === 'event' && onAttribute) return false;
    if (locality === 'local' && phpEmpty(tag.local)) return false;
    if (locality === 'global' && !phpEmpty(tag.local)) return false;
    if (!phpEmpty(wanted) && !phpLooseEquals(tag.name, wanted)) return false;
    return true;
  },
});
