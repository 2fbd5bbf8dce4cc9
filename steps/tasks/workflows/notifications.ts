/**
 * Notification workflows on "Event Publish" (spec §3.6, lab-services.md): the misp-modules
 * `mattermost` action posting with a bot token, `send-mail` to "All admins", and MISP's core
 * `webhook` to a Mattermost incoming hook. Their Jinja templates name the event, so the
 * scenario finds exactly the post and the mail its own event caused. The post JSON and the .eml
 * are attached as evidence.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { viewEvent } from '../events/seed-events.ts';
import { installChain } from './install.ts';
import { ACTION_SERVICES, ARBITRARY_URLS, changeSetting, changeSettingByConsole } from './settings.ts';

export const MATTERMOST_TEMPLATE =
  ':rotating_light: MISP event published: **{{ Event.info }}** (id {{ Event.id }})';
export const MAIL_SUBJECT = '[MISP] Event published: {{ Event.info }}';
export const MAIL_BODY = 'Event {{ Event.id }} "{{ Event.info }}" was published.\nUUID: {{ Event.uuid }}';
export const WEBHOOK_PAYLOAD = '{"text": "Published in MISP: {{ Event.info }}", "username": "misp-webhook"}';

export async function installMattermostNotification(world: LabWorld): Promise<void> {
  await changeSetting(world, ACTION_SERVICES, true);
  const { chat } = world.env;
  await installChain(
    world,
    'event-publish',
    [
      {
        moduleId: 'mattermost',
        params: {
          mattermost_hostname: chat.url,
          bot_access_token: chat.token,
          channel_id: chat.channelId,
          message_template: MATTERMOST_TEMPLATE,
        },
      },
    ],
    'Notify the CERT channel on publish',
  );
}

export async function installAdminMail(world: LabWorld): Promise<void> {
  await installChain(
    world,
    'event-publish',
    [
      {
        moduleId: 'send-mail',
        params: {
          recipients: ['All admins'],
          mail_template_subject: MAIL_SUBJECT,
          mail_template_body: MAIL_BODY,
        },
      },
    ],
    'Mail the admins on publish',
  );
}

export async function installWebhook(world: LabWorld): Promise<void> {
  await installChain(
    world,
    'event-publish',
    [
      {
        moduleId: 'webhook',
        params: {
          url: world.env.chat.webhookUrl,
          content_type: 'json',
          request_method: 'post',
          self_signed: 'deny',
          payload: WEBHOOK_PAYLOAD,
          headers: '',
        },
      },
    ],
    'Webhook to the CERT channel on publish',
  );
}

/** A CLI-only setting in MISP 2.5.1: only `cake Admin setSetting` may change it. */
export function allowArbitraryUrls(world: LabWorld, allowed: boolean): Promise<void> {
  return changeSettingByConsole(world, ARBITRARY_URLS, allowed);
}

/** Posts older than this are not the scenario's (the margin absorbs clock jumps). */
export function markChatStart(world: LabWorld): void {
  world.chatSince = Date.now() - 60_000;
}

export async function expectChannelPostAboutEvent(world: LabWorld, sender: 'bot' | 'webhook'): Promise<void> {
  const event = await viewEvent(world);
  const post = await world.chat.waitForPost(world.env.chat.channelId, (p) => p.message.includes(event.info), {
    sinceMs: world.chatSince,
    timeoutMs: 15_000,
  });
  const expected =
    sender === 'bot'
      ? `:rotating_light: MISP event published: **${event.info}** (id ${event.id})`
      : `Published in MISP: ${event.info}`;
  assert.equal(post.message, expected, 'the post is not the rendered template');
  world.attach(JSON.stringify(post, null, 2), {
    mediaType: 'application/json',
    fileName: `mattermost-post-${sender}.json`,
  });
}

/** Proves a negative without waiting: the workflow's log says the webhook ran and failed. */
export async function expectNoChannelPostAboutEvent(world: LabWorld): Promise<void> {
  const event = await viewEvent(world);
  const posts = await world.chat.getPostsSince(world.env.chat.channelId, world.chatSince);
  assert.deepEqual(
    posts.filter((p) => p.message.includes(event.info)).map((p) => p.message),
    [],
    'a post about the event reached the channel',
  );
}

export async function expectAdminMail(world: LabWorld): Promise<void> {
  const event = await viewEvent(world);
  const admin = world.env.misp.adminEmail;
  const mail = await world.mail.waitFor(
    (m) => m.subject === `[MISP] Event published: ${event.info}` && m.to.some((to) => to.includes(admin)),
    `to ${admin} about event ${event.id}`,
  );
  assert.ok(
    mail.text.includes(`Event ${event.id} "${event.info}" was published.`),
    `the mail body is not the template: ${mail.text}`,
  );
  world.attach(mail.raw, { mediaType: 'message/rfc822', fileName: 'admin-notification.eml' });
}
