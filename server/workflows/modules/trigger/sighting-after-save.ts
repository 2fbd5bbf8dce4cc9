import { toCoreFormat } from '../../engine/core-format.ts';
import { hashGet } from '../../engine/hash-path.ts';
import { phpEmpty } from '../../engine/php.ts';
import { defineTrigger } from './define-trigger.ts';
import { fetchAttribute, fetchSimpleEvent, placeAttribute } from './event-lookup.ts';

export const sightingAfterSaveTrigger = defineTrigger({
  id: 'sighting-after-save',
  scope: 'sighting',
  name: 'Sighting After Save',
  description: 'This trigger is called when a sighting has been saved',
  icon: 'eye',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 2,
  trigger_overhead_message:
    'This trigger is called each time a Sighting has been saved. This means that when a large quantity of Sightings are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Sightings.',
  // The event holding only the sighted attribute (inside its object when it has one).
  async normalizeData(data, services) {
    if (phpEmpty(data.Sighting)) return false;
    const event = await fetchSimpleEvent(services, hashGet(data, 'Sighting.Event.id'));
    const attribute = await fetchAttribute(services, hashGet(data, 'Sighting.Attribute.id'));
    return toCoreFormat(placeAttribute(event, attribute), services);
  },
});
