/**
 * Events a scenario needs, made by the site admin from fixtures/events/*.json the way PyMISP
 * makes them: the event (add_event), then each attribute (add_attribute), each object
 * (add_object), each tag (tag). Every event is recorded in the ledger as soon as it exists, so
 * it is deleted after the scenario.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LabWorld } from '../../support/world.ts';
import type {
  EventAttribute,
  EventJson,
  NewAttribute,
  NewEvent,
  NewObject,
} from '../../../lab/clients/misp-types.ts';

export type { EventAttribute, EventJson };

interface SeedEvent {
  Event: NewEvent;
  Attribute: NewAttribute[];
  Object: NewObject[];
}

/** MISP's event distribution levels by the words its UI shows (spec §4.1). */
export const DISTRIBUTIONS: Record<string, string> = {
  'Your organisation only': '0',
  'This community only': '1',
  'Connected communities': '2',
  'All communities': '3',
};

export function distributionLevel(words: string): string {
  const level = DISTRIBUTIONS[words];
  assert.ok(
    level !== undefined,
    `unknown distribution "${words}"; MISP offers: ${Object.keys(DISTRIBUTIONS).join(', ')}`,
  );
  return level;
}

const FIXTURES = new URL('../../../fixtures/events/', import.meta.url);

function loadSeed(name: string): SeedEvent {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as SeedEvent;
}

export interface SeedOptions {
  distribution?: string;
  tags?: string[];
}

/** Creates the event with everything the fixture holds; the scenario's current event is this one. */
export async function createEventFromSeed(
  world: LabWorld,
  name: string,
  options: SeedOptions = {},
): Promise<EventJson> {
  const seed = loadSeed(name);
  const answer = await world.siteAdmin.misp.addEvent({
    ...seed.Event,
    info: `${seed.Event.info} [${world.ns}]`,
    distribution: options.distribution ?? seed.Event.distribution,
  });
  assert.equal(
    answer.status,
    200,
    `adding the event answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  const event = answer.data.Event;
  assert.ok(event?.id, `adding the event gave no Event.id: ${JSON.stringify(answer.data)}`);
  world.ledger.record({ kind: 'event', id: String(event.id) });
  world.currentEventId = String(event.id);
  for (const attribute of seed.Attribute) await addAttribute(world, String(event.id), attribute);
  for (const object of seed.Object) await addObject(world, String(event.id), object);
  for (const tag of options.tags ?? []) await attachTag(world, event.uuid, tag);
  return viewEvent(world);
}

async function addAttribute(world: LabWorld, eventId: string, attribute: NewAttribute): Promise<void> {
  const answer = await world.siteAdmin.misp.addAttribute(eventId, attribute);
  assert.equal(
    answer.status,
    200,
    `adding the ${attribute.type} attribute answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
}

/** A MISP object with its attributes in one request (Appendix C: all or nothing). */
async function addObject(world: LabWorld, eventId: string, object: NewObject): Promise<void> {
  const answer = await world.siteAdmin.misp.addObject(eventId, object);
  assert.equal(
    answer.status,
    200,
    `adding the ${object.name} object answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
}

/** A global tag on an event or an attribute, by its uuid (spec §4.4). */
export async function attachTag(world: LabWorld, uuid: string, tag: string): Promise<void> {
  const answer = await world.siteAdmin.misp.attachTagToObject(uuid, tag);
  assert.equal(
    answer.status,
    200,
    `attaching ${tag} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.equal(answer.data.saved, true, `MISP did not attach ${tag}: ${JSON.stringify(answer.data)}`);
}

export function currentEventId(world: LabWorld): string {
  const id = world.currentEventId;
  assert.ok(id, 'this scenario has created no event yet');
  return id;
}

export async function viewEvent(world: LabWorld, id = currentEventId(world)): Promise<EventJson> {
  const answer = await world.siteAdmin.misp.getEvent(id);
  assert.equal(answer.status, 200, `reading event ${id} answered HTTP ${answer.status}`);
  assert.ok(answer.data.Event, `reading event ${id} gave no Event`);
  return answer.data.Event;
}

/** Top-level attributes followed by those inside objects, as MISP's _AttributeFlattened. */
export function flattenedAttributes(event: EventJson): EventAttribute[] {
  return [...(event.Attribute ?? []), ...(event.Object ?? []).flatMap((object) => object.Attribute ?? [])];
}

export async function tagCurrentEvent(world: LabWorld, tag: string): Promise<void> {
  const event = await viewEvent(world);
  await attachTag(world, event.uuid, tag);
}

/** The file object of the example-b seed (filename and creation-time), added on its own. */
export async function addFileObjectWithCreationTime(world: LabWorld): Promise<void> {
  const [file] = loadSeed('example-b').Object;
  assert.ok(file, 'fixtures/events/example-b.json holds no object');
  await addObject(world, currentEventId(world), file);
}

/** Makes sure a tag exists (the editor's tag picker offers existing tags only). */
export async function ensureTag(world: LabWorld, name: string): Promise<void> {
  const index = await world.siteAdmin.misp.searchTags(name);
  assert.equal(index.status, 200, `searching the tag ${name} answered HTTP ${index.status}`);
  if ((index.data.Tag ?? []).some((tag) => tag.name === name)) return;
  // Not undone afterwards: a tag is shared vocabulary, and tlp:* tags exist on every MISP.
  const added = await world.siteAdmin.misp.addTag({ name, colour: '#cc0033', exportable: true });
  assert.equal(
    added.status,
    200,
    `adding the tag ${name} answered HTTP ${added.status}: ${JSON.stringify(added.data)}`,
  );
}
