import { isPlainObject, phpEntries, phpGet, phpSet, type PhpArray, type PhpMap } from '../../engine/php.ts';
import { getMatchingItemsForAttributes } from '../../engine/params.ts';
import { defineAction } from './define-action.ts';

/** Where an attribute sits: its index in Event.Attribute, or [object index, attribute index]. */
type Location = number | [number, number];

function locate(data: PhpMap): { core: Map<string, Location>; flattened: Map<string, number> } {
  const event = (isPlainObject(data.Event) ? data.Event : {}) as PhpMap;
  const core = new Map<string, Location>();
  const flattened = new Map<string, number>();
  for (const [i, attribute] of phpEntries((event.Attribute as PhpArray) ?? [])) {
    if (isPlainObject(attribute)) core.set(String(attribute.id), Number(i));
  }
  for (const [j, object] of phpEntries((event.Object as PhpArray) ?? [])) {
    if (!isPlainObject(object)) continue;
    for (const [i, attribute] of phpEntries((object.Attribute as PhpArray) ?? [])) {
      if (isPlainObject(attribute)) core.set(String(attribute.id), [Number(j), Number(i)]);
    }
  }
  for (const [i, attribute] of phpEntries((event._AttributeFlattened as PhpArray) ?? [])) {
    if (isPlainObject(attribute)) flattened.set(String(attribute.id), Number(i));
  }
  return { core, flattened };
}

/** Writes the saved attribute back into the roaming data, in the flattened list and in place. */
function overrideAttribute(data: PhpMap, attribute: PhpMap, where: ReturnType<typeof locate>): PhpMap {
  const id = String(attribute.id);
  const event = { ...(data.Event as PhpMap) };
  const flatIndex = where.flattened.get(id);
  if (flatIndex !== undefined)
    event._AttributeFlattened = phpSet(event._AttributeFlattened as PhpArray, flatIndex, attribute);
  const location = where.core.get(id);
  if (Array.isArray(location)) {
    const [objectIndex, attributeIndex] = location;
    const object = { ...(phpGet(event.Object, objectIndex) as PhpMap) };
    object.Attribute = phpSet(object.Attribute as PhpArray, attributeIndex, attribute);
    event.Object = phpSet(event.Object as PhpArray, objectIndex, object);
  } else if (location !== undefined) {
    event.Attribute = phpSet(event.Attribute as PhpArray, location, attribute);
  }
  return { ...data, Event: event };
}

export const attributeIdsFlagOperation = defineAction({
  id: 'attribute_ids_flag_operation',
  name: 'Attribute IDS Flag operation',
  description: 'Toggle or remove the IDS flag on selected attributes.',
  icon: 'edit',
  support_filters: true,
  expect_misp_core_format: true,
  params: [
    {
      id: 'action',
      label: 'To IDS Flag',
      type: 'select',
      options: { add: 'Toggle IDS flag', remove: 'Remove IDS flag' },
      default: 'add',
    },
  ],
  // Saves every matching attribute with to_ids set (add) or cleared (remove), then puts the saved
  // attributes (without timestamp, as MISP does) back into the roaming data.
  async exec(node, roamingData, ctx) {
    let data = roamingData.getData();
    const params = ctx.params(node, data);
    const toIds = params.action?.value !== 'remove';
    const where = locate(data);
    let success = false;
    for (const [, item] of phpEntries(getMatchingItemsForAttributes(node, data))) {
      if (!isPlainObject(item)) continue;
      const edited: PhpMap = { ...item, to_ids: toIds };
      delete edited.timestamp;
      if (await ctx.services.saveAttribute(edited)) {
        data = overrideAttribute(data, edited, where);
        success = true;
      }
    }
    roamingData.setData(data);
    return success;
  },
});
