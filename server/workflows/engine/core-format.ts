/**
 * Conversion of trigger data to MISP core format plus the workflow extras (spec §3.9,
 * WorkflowFormatConverterTool): `Event._AttributeFlattened` and `_allTags` on every attribute.
 */
import { hashExtract } from './hash-path.ts';
import {
  isPhpArray,
  isPlainObject,
  phpArrayMerge,
  phpCopy,
  phpEmpty,
  phpEntries,
  type PhpMap,
} from './php.ts';

/** How to load an event (as `GET /events/view/<id>.json` returns it) for attribute or object data. */
export interface CoreFormatLookups {
  fetchEvent(eventId: string | number): Promise<{ Event: PhpMap } | null>;
}

type Scope = 'event' | 'attribute' | 'object' | '';

/** Event-level keys that the database format keeps beside `Event` instead of inside it. */
const EVENT_SIBLINGS = [
  'Org',
  'Orgc',
  'Attribute',
  'Object',
  'ShadowAttribute',
  'RelatedEvent',
  'Galaxy',
  'EventReport',
];

function guessScope(data: PhpMap): Scope {
  if ('Object' in data && !('Attribute' in data)) return 'object';
  if (!('Attribute' in data)) return 'event';
  if (!('Event' in data)) return 'attribute';
  if ('RelatedEvent' in data || 'Orgc' in data || 'Org' in data) return 'event';
  if (!phpEmpty(data.Attribute)) return 'attribute';
  return '';
}

function withAllTags(attribute: unknown, eventTags: unknown[]): unknown {
  if (!isPlainObject(attribute)) return attribute;
  const own = isPhpArray(attribute.Tag) ? Object.values(attribute.Tag) : [];
  const allTags = [
    ...eventTags.map((tag) => (isPlainObject(tag) ? { ...tag, inherited: true } : tag)),
    ...own.map((tag) => (isPlainObject(tag) ? { ...tag, inherited: false } : tag)),
  ];
  return { ...attribute, _allTags: allTags };
}

function mapValues(array: unknown, fn: (value: unknown) => unknown): unknown {
  if (Array.isArray(array)) return array.map(fn);
  if (isPlainObject(array)) return Object.fromEntries(Object.entries(array).map(([k, v]) => [k, fn(v)]));
  return array;
}

/** Event JSON (REST shape, or database shape with siblings) with `_allTags` on every attribute. */
function convertEvent(data: PhpMap): PhpMap {
  const event: PhpMap = isPlainObject(data.Event) ? { ...data.Event } : {};
  for (const key of EVENT_SIBLINGS) {
    if (key in data && !(key in event)) event[key] = data[key];
  }
  if (!('Tag' in event) && Array.isArray(data.EventTag)) {
    event.Tag = data.EventTag.map((eventTag) => (isPlainObject(eventTag) ? eventTag.Tag : eventTag));
  }
  const eventTags = isPhpArray(event.Tag) ? Object.values(event.Tag) : [];
  if (!phpEmpty(event.Attribute)) {
    event.Attribute = mapValues(event.Attribute, (attribute) => withAllTags(attribute, eventTags));
  }
  if (!phpEmpty(event.Object)) {
    event.Object = mapValues(event.Object, (object) =>
      isPlainObject(object)
        ? { ...object, Attribute: mapValues(object.Attribute ?? [], (a) => withAllTags(a, eventTags)) }
        : object,
    );
  }
  return { Event: event };
}

/** The event of an attribute or object, reduced to its own fields and tags, holding only `entity`. */
async function encapsulateWithEvent(
  entityType: 'Attribute' | 'Object',
  entity: PhpMap,
  lookups: CoreFormatLookups | undefined,
): Promise<PhpMap> {
  if (!lookups) throw new Error(`Converting ${entityType} data to MISP core format needs an event lookup`);
  const fetched = await lookups.fetchEvent(String(entity.event_id));
  if (!fetched || !isPlainObject(fetched.Event)) return {};
  const simpleEvent: PhpMap = { ...fetched.Event };
  for (const key of ['Attribute', 'Object', 'ShadowAttribute', 'RelatedEvent', 'Galaxy', 'EventReport']) {
    delete simpleEvent[key];
  }
  if (entityType === 'Attribute' && !phpEmpty(entity.object_id) && String(entity.object_id) !== '0') {
    const objects = isPhpArray(fetched.Event.Object) ? Object.values(fetched.Event.Object) : [];
    const parent = objects.find(
      (object) => isPlainObject(object) && String(object.id) === String(entity.object_id),
    );
    if (isPlainObject(parent)) {
      simpleEvent.Object = [{ ...parent, Attribute: [entity] }];
      return convertEvent({ Event: simpleEvent });
    }
  }
  simpleEvent[entityType] = [entity];
  return convertEvent({ Event: simpleEvent });
}

function includeFlattenedAttributes(converted: PhpMap): PhpMap {
  const event: PhpMap = isPlainObject(converted.Event) ? { ...converted.Event } : {};
  const attributes = isPhpArray(event.Attribute) ? event.Attribute : [];
  const objectAttributes = hashExtract(isPhpArray(event.Object) ? event.Object : [], '{n}.Attribute.{n}');
  event._AttributeFlattened = phpArrayMerge(attributes, objectAttributes);
  return { ...converted, Event: event };
}

/**
 * `WorkflowFormatConverterTool::convert`. Keys of the input starting with `_` are copied to the top
 * level. Data that is not an event, attribute or object still gets an (empty) `_AttributeFlattened`,
 * as in MISP.
 */
export async function toCoreFormat(input: PhpMap, lookups?: CoreFormatLookups): Promise<PhpMap> {
  const data = phpCopy(input);
  let converted: PhpMap = {};
  switch (guessScope(data)) {
    case 'event':
      converted = convertEvent(data);
      break;
    case 'attribute':
      converted = await encapsulateWithEvent('Attribute', data.Attribute as PhpMap, lookups);
      break;
    case 'object':
      converted = await encapsulateWithEvent('Object', data.Object as PhpMap, lookups);
      break;
    default:
      break;
  }
  for (const [key, value] of phpEntries(data)) {
    if (typeof key === 'string' && key.startsWith('_')) converted[key] = value;
  }
  return includeFlattenedAttributes(converted);
}
