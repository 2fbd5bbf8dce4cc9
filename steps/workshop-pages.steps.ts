/** The workshop done by hand through MISP's pages: one line per step, one task each. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import * as byHand from './tasks/events/by-hand.ts';

Given(
  'the site admin creates an event by hand shared with {string}',
  async function (this: LabWorld, distribution: string) {
    await byHand.createEventByHand(this, this.siteAdmin, distribution);
  },
);
When(
  'the site admin tags the event {string} with the tag picker',
  async function (this: LabWorld, tag: string) {
    await byHand.tagEventByHand(this, this.siteAdmin, tag);
  },
);
When(
  'the site admin removes the tag {string} from the event with its x',
  async function (this: LabWorld, tag: string) {
    await byHand.untagEventByHand(this, this.siteAdmin, tag);
  },
);
When(
  'the site admin adds by hand a {string} attribute of type {string} with value {string} and the IDS flag on',
  async function (this: LabWorld, category: string, type: string, value: string) {
    await byHand.addAttributeByHand(this, this.siteAdmin, { category, type, value, toIds: true });
  },
);
When(
  'the site admin tags the attribute {string} {string} with the tag picker',
  async function (this: LabWorld, value: string, tag: string) {
    await byHand.tagAttributeByHand(this, this.siteAdmin, value, tag);
  },
);
When(
  'the site admin adds by hand a {string} object with {string} {string} and {string} {string}, both flagged for IDS',
  async function (
    this: LabWorld,
    template: string,
    relation1: string,
    value1: string,
    relation2: string,
    value2: string,
  ) {
    await byHand.addObjectByHand(this, this.siteAdmin, template, [
      { relation: relation1, value: value1, toIds: true },
      { relation: relation2, value: value2, toIds: true },
    ]);
  },
);
When('the site admin publishes the event from its page', async function (this: LabWorld) {
  await byHand.publishByHand(this, this.siteAdmin);
});
Then('the event page still shows the event unpublished', async function (this: LabWorld) {
  await byHand.expectShownUnpublished(this, this.siteAdmin);
});
Then('the event page shows the event published', async function (this: LabWorld) {
  await byHand.expectShownPublished(this, this.siteAdmin);
});
Then(
  'the event page shows every {string} attribute without its IDS flag',
  async function (this: LabWorld, type: string) {
    await byHand.expectIdsClearedOnPage(this, this.siteAdmin, type);
  },
);
Then(
  "the log page shows the publish stopped by the workflow, then MISP's {string} line",
  async function (this: LabWorld, _line: string) {
    await byHand.expectLogShowsBlockedPublish(this, this.siteAdmin);
  },
);
Then('the lab help page explains that line in English and Portuguese', async function (this: LabWorld) {
  return byHand.expectHelpExplainsPublishedLine(this, this.siteAdmin);
});
Then(
  'the event page shows the {string} attribute {string} still flagged for IDS',
  async function (this: LabWorld, type: string, value: string) {
    await byHand.expectIdsKeptOnPage(this, this.siteAdmin, type, value);
  },
);
