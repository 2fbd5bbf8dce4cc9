/** Steps of features/notifications: each parses its words and asks one task. */
import { Given, Then } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import * as notify from './tasks/workflows/notifications.ts';
import * as outcomes from './tasks/workflows/outcomes.ts';

Given(
  `the "event-publish" workflow posts to the lab's Mattermost channel with the bot's token`,
  async function (this: LabWorld) {
    await notify.installMattermostNotification(this);
    notify.markChatStart(this);
  },
);
Given('the "event-publish" workflow mails "All admins"', async function (this: LabWorld) {
  await notify.installAdminMail(this);
});
Given(`the "event-publish" workflow calls the channel's incoming webhook`, async function (this: LabWorld) {
  await notify.installWebhook(this);
  notify.markChatStart(this);
});
Given('MISP may call arbitrary URLs', async function (this: LabWorld) {
  await notify.allowArbitraryUrls(this, true);
});
Given('MISP may not call arbitrary URLs', async function (this: LabWorld) {
  await notify.allowArbitraryUrls(this, false);
});
Then(`the bot's post about the event is in the channel`, async function (this: LabWorld) {
  await notify.expectChannelPostAboutEvent(this, 'bot');
});
Then(`the webhook's post about the event is in the channel`, async function (this: LabWorld) {
  await notify.expectChannelPostAboutEvent(this, 'webhook');
});
Then('no post about the event is in the channel', async function (this: LabWorld) {
  await notify.expectNoChannelPostAboutEvent(this);
});
Then('the site admin has received the email about the event', async function (this: LabWorld) {
  await notify.expectAdminMail(this);
});
Then(`the workflow's log says {string}`, async function (this: LabWorld, fragment: string) {
  await outcomes.expectWorkflowLogMentions(this, fragment);
});
