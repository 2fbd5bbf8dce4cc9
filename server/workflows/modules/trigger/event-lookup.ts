/**
 * Lookups some triggers make in `normalizeData` to wrap their record into its event
 * (MISP's quickFetchEvent / fetchAttribute), through the services port.
 */
import { isPlainObject, type PhpMap } from '../../engine/php.ts';
import type { WorkflowServices } from '../../engine/services.ts';

const NON_SIMPLE_KEYS = ['Attribute', 'Object', 'ShadowAttribute', 'RelatedEvent', 'Galaxy', 'EventReport'];

/** The event's own fields and tags, without its attributes, objects and other children. */
export async function fetchSimpleEvent(services: WorkflowServices, eventId: unknown): Promise<PhpMap> {
  const fetched = await services.fetchEvent(String(eventId));
  const event: PhpMap = fetched && isPlainObject(fetched.Event) ? { ...fetched.Event } : {};
  for (const key of NON_SIMPLE_KEYS) delete event[key];
  return { Event: event };
}

export async function fetchAttribute(
  services: WorkflowServices,
  attributeId: unknown,
): Promise<{ Attribute: PhpMap; Object?: PhpMap }> {
  if (!services.fetchAttribute) throw new Error('The workflow services cannot fetch attributes');
  const attribute = await services.fetchAttribute(String(attributeId));
  if (!attribute) throw new Error(`Invalid attribute ${String(attributeId)}`);
  return attribute;
}

/** Puts a single attribute into the event: inside its object when it has one, else as `Event.Attribute`. */
export function placeAttribute(event: PhpMap, attribute: { Attribute: PhpMap; Object?: PhpMap }): PhpMap {
  const inner = { ...(event.Event as PhpMap) };
  if (attribute.Object && Object.keys(attribute.Object).length > 0) {
    inner.Object = [{ ...attribute.Object, Attribute: [attribute.Attribute] }];
  } else {
    inner.Attribute = [attribute.Attribute];
  }
  return { ...event, Event: inner };
}
