import { Then, When } from '@cucumber/cucumber';
import * as lab from './tasks/lab-checks.ts';
import type { LabWorld } from './support/world.ts';

Then('MISP answers its heartbeat and reports its version to the site admin', async function (this: LabWorld) {
  this.log(`MISP version ${await lab.checkMispIsUp(this)}`);
});
When(
  'an email with a unique subject is sent over SMTP to {string}',
  async function (this: LabWorld, to: string) {
    await lab.sendMailOverSmtp(this, to);
  },
);
Then('the mail API shows that email addressed to {string}', async function (this: LabWorld, to: string) {
  await lab.expectMail(this, to);
});
When("the bot posts a unique message in the lab's chat channel", async function (this: LabWorld) {
  await lab.postInChannel(this);
});
Then('the chat channel shows that message', async function (this: LabWorld) {
  await lab.expectChannelPost(this);
});
When('someone opens MISP in the browser', async function (this: LabWorld) {
  await lab.openMisp(this.visitor());
});
Then("the browser shows MISP's login form", async function (this: LabWorld) {
  await lab.expectLoginForm(this.visitor());
});
