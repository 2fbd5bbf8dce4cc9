/**
 * The workshop's event steps done by hand in the browser, through MISP's pages only (no REST):
 * Add Event from the top bar, the tag picker on the event and on an attribute, Add Attribute,
 * Publish Event with its prompt, the log table. Used by the by-hand scenario and by the room's
 * two-attendee test.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { AttributeAddPage, type AttributeFields } from '../../pages/attribute-add-page.ts';
import { EventAddPage } from '../../pages/event-add-page.ts';
import { EventViewPage } from '../../pages/event-view-page.ts';
import { LabHelpPage } from '../../pages/lab-help-page.ts';
import { LogsPage, type LogLine } from '../../pages/logs-page.ts';
import { ObjectAddPages, type ObjectAttributeFields } from '../../pages/object-add-pages.ts';
import { flashTexts } from '../../pages/navigation.ts';

function currentEvent(world: LabWorld): string {
  if (!world.currentEventId) throw new Error('no event was created by hand in this scenario');
  return world.currentEventId;
}

async function eventPage(world: LabWorld, actor: Actor): Promise<EventViewPage> {
  const page = new EventViewPage(await actor.page());
  await page.open(currentEvent(world));
  return page;
}

/** Event Actions → Add Event, the info and distribution filled in, Submit. */
export async function createEventByHand(world: LabWorld, actor: Actor, distribution: string): Promise<void> {
  const page = await actor.page();
  const form = new EventAddPage(page);
  await form.openFromMenu();
  await form.submit(`lab-${world.ns} by hand`, distribution);
  world.currentEventId = new EventViewPage(page).shownEventId();
  // Clean-up stays with the ledger (REST, after the scenario), like every seeded event.
  world.ledger.record({ kind: 'event', id: world.currentEventId });
}

export async function tagEventByHand(world: LabWorld, actor: Actor, tag: string): Promise<void> {
  const tags = (await eventPage(world, actor)).eventTags();
  await tags.add(tag);
  assert.ok((await tags.tagNames()).includes(tag), `the event page does not show the tag ${tag}`);
}

export async function untagEventByHand(world: LabWorld, actor: Actor, tag: string): Promise<void> {
  const tags = (await eventPage(world, actor)).eventTags();
  await tags.remove(tag);
  assert.ok(!(await tags.tagNames()).includes(tag), `the event page still shows the tag ${tag}`);
}

export async function tagAttributeByHand(
  world: LabWorld,
  actor: Actor,
  value: string,
  tag: string,
): Promise<void> {
  const tags = (await eventPage(world, actor)).attributeTags(value);
  await tags.add(tag);
  assert.ok((await tags.tagNames()).includes(tag), `the attribute ${value} does not show the tag ${tag}`);
}

/** The event's "Add Attribute", the form filled and submitted; MISP comes back to the event. */
export async function addAttributeByHand(
  world: LabWorld,
  actor: Actor,
  fields: AttributeFields,
): Promise<void> {
  const event = await eventPage(world, actor);
  await event.openAddAttribute();
  await new AttributeAddPage(await actor.page()).submit(fields);
  world.lastFlashes = await flashTexts(await actor.page());
  const shown = await new EventViewPage(await actor.page()).valuesOfType(fields.type);
  assert.ok(
    shown.length > 0,
    `no ${fields.type} attribute on the event page after saving; flashes: ${world.lastFlashes.join(' | ')}`,
  );
}

/** The event's "Add Object", the template chosen in the popover, its rows filled, reviewed, saved. */
export async function addObjectByHand(
  world: LabWorld,
  actor: Actor,
  template: string,
  attributes: ObjectAttributeFields[],
): Promise<void> {
  await eventPage(world, actor);
  const pages = new ObjectAddPages(await actor.page());
  await pages.chooseTemplate(template, template);
  await pages.submit(attributes);
  world.lastFlashes = await flashTexts(await actor.page());
  const shown = await new EventViewPage(await actor.page()).valuesOfType(attributes[0]!.relation);
  assert.ok(
    shown.length > 0,
    `the event page shows no ${attributes[0]!.relation} after saving the object; flashes: ${world.lastFlashes.join(' | ')}`,
  );
}

/**
 * "Publish Event" and its Yes. MISP may run the publish as a background job ("Job queued."), so
 * this waits until the log page shows the publish finished: MISP 2.5.1 writes
 * "Event (N): published." once the job is done, whether the workflow let it through or not.
 */
export async function publishByHand(world: LabWorld, actor: Actor, timeoutMs = 30_000): Promise<void> {
  const event = await eventPage(world, actor);
  await event.publishWithConfirmation();
  world.lastFlashes = await flashTexts(await actor.page());
  const done = `Event (${currentEvent(world)}): published.`;
  const deadline = Date.now() + timeoutMs;
  while (!(await eventLogLines(world, actor)).some((line) => line.title === done)) {
    if (Date.now() > deadline)
      throw new Error(
        `the log page shows no "${done}" ${timeoutMs / 1000} s after publishing; flashes: ${world.lastFlashes.join(' | ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function expectShownUnpublished(world: LabWorld, actor: Actor): Promise<void> {
  const shown = await (await eventPage(world, actor)).publishedState();
  assert.equal(
    shown,
    'No',
    `the event page says Published: ${shown}; flashes were ${world.lastFlashes.join(' | ')}`,
  );
}

export async function expectShownPublished(world: LabWorld, actor: Actor): Promise<void> {
  const shown = await (await eventPage(world, actor)).publishedState();
  assert.equal(
    shown,
    'Yes',
    `the event page says Published: ${shown}; flashes were ${world.lastFlashes.join(' | ')}`,
  );
}

/** Every attribute of the type shown on the event page has its IDS box unticked. */
export async function expectIdsClearedOnPage(world: LabWorld, actor: Actor, type: string): Promise<void> {
  const event = await eventPage(world, actor);
  const values = await event.valuesOfType(type);
  assert.ok(values.length > 0, `the event page shows no ${type} attribute`);
  for (const value of values)
    assert.equal(
      await event.idsFlagOf(value),
      false,
      `the ${type} attribute ${value} still has its IDS flag`,
    );
}

export async function expectIdsKeptOnPage(
  world: LabWorld,
  actor: Actor,
  type: string,
  value: string,
): Promise<void> {
  const event = await eventPage(world, actor);
  assert.ok((await event.valuesOfType(type)).includes(value), `the event page shows no ${type} ${value}`);
  assert.equal(await event.idsFlagOf(value), true, `the ${type} attribute ${value} lost its IDS flag`);
}

async function eventLogLines(world: LabWorld, actor: Actor): Promise<LogLine[]> {
  const logs = new LogsPage(await actor.page());
  await logs.open();
  const eventId = currentEvent(world);
  return (await logs.lines()).filter((line) => line.model === 'Event' && line.modelId === eventId);
}

/** The log table's two lines after a blocked publish, newest first, as MISP 2.5.1 writes them. */
export async function expectLogShowsBlockedPublish(world: LabWorld, actor: Actor): Promise<void> {
  const lines = await eventLogLines(world, actor);
  const stopped = lines.findIndex((line) => line.title === 'Publishing stopped by a blocking workflow.');
  assert.ok(
    stopped >= 0,
    `no "Publishing stopped by a blocking workflow." line for the event: ${JSON.stringify(lines)}`,
  );
  assert.match(
    lines[stopped]!.change,
    /stop-execution/,
    'the blocked-publish line does not name the node that stopped it',
  );
  const published = lines.findIndex((line) => line.title === `Event (${currentEvent(world)}): published.`);
  assert.ok(
    published >= 0 && published < stopped,
    'MISP 2.5.1 logs "Event (N): published." after the block; it is missing',
  );
}

/** The lab's help page explains that "published" line in both languages (the lab's own page). */
export async function expectHelpExplainsPublishedLine(
  world: LabWorld,
  actor: Actor,
): Promise<'skipped' | undefined> {
  if (world.env.target === 'external') {
    world.attach(
      "SKIPPED[not-applicable]: /lab/help is the lab reference server's own page; a real MISP has none",
      'text/plain',
    );
    return 'skipped';
  }
  const help = new LabHelpPage(await actor.page());
  for (const [lang, words] of [
    ['en', 'does not mean the event was published'],
    ['pt-BR', 'Não quer dizer que o evento foi publicado'],
  ] as const) {
    await help.open(lang);
    const text = await help.blockedPublishText();
    assert.ok(text.includes('Event (N): published.'), `the ${lang} help page does not quote the line`);
    assert.ok(text.includes(words), `the ${lang} help page does not say what the line means`);
  }
  return undefined;
}
