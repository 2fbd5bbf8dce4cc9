/**
 * Workflow notifications through real lab services: send-mail over SMTP to the lab's mail
 * service (MailHog API), the misp-modules `mattermost` action posting with a bot token to the
 * lab's Mattermost stand-in, a webhook to its incoming hook; and dead mail and chat servers giving
 * a clear logged error while the publish goes on and the server stays up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MailService, type StartedMailService } from '../../lab/mail/mail-service.ts';
import { ChatService, type StartedChatService } from '../../lab/chat/chat-service.ts';
import { bootstrapMattermost } from '../../lab/chat/bootstrap.ts';
import { MattermostClient } from '../../lab/chat/mattermost-client.ts';
import {
  deadPort,
  saveSingleActionWorkflow,
  startWorkflowLab,
  workflowLogs,
  type Json,
  type Lab,
} from './workflows-support.ts';

let lab: Lab | undefined;
let mail: StartedMailService | undefined;
let chat: StartedChatService | undefined;
afterEach(async () => {
  await lab?.server.stop();
  await mail?.stop();
  await chat?.stop();
  lab = mail = chat = undefined;
});

async function publish(l: Lab, info: string): Promise<Json> {
  const event = await l.addEvent({ info, distribution: '1' });
  const answer = await l.call('POST', `/events/publish/${event.id}/disable_background_processing:1`);
  expect(answer.body.message).toBe('Event published without alerts');
  return event;
}

async function chatLab(): Promise<Awaited<ReturnType<typeof bootstrapMattermost>>> {
  chat = await ChatService.start();
  return bootstrapMattermost(chat.getBaseUrl(), {
    adminEmail: 'chat-admin@lab.test',
    adminUsername: 'labadmin',
    adminPassword: 'Adm1nPassword!',
    teamName: 'misp-lab',
    channelName: 'misp-alerts',
    botUsername: 'misp-bot',
  });
}

describe('send-mail', () => {
  it('mails the site admins through SMTP with the rendered templates', async () => {
    mail = await MailService.start();
    lab = await startWorkflowLab({ smtp: { host: '127.0.0.1', port: mail.getSmtpPort() } });
    await lab.call('POST', '/workflows/toggleModule/send-mail/1');
    await saveSingleActionWorkflow(lab, 'event-publish', 'send-mail', {
      recipients: ['All admins'],
      mail_template_subject: 'Published: {{ Event.info }}',
      mail_template_body: 'Event {{ Event.id }} was published.',
    });
    const event = await publish(lab, 'Phishing wave');
    const inbox = (await (await fetch(`${mail.getHttpUrl()}/api/v2/messages`)).json()) as Json;
    expect(inbox.total).toBe(1);
    const message = inbox.items[0] as Json;
    expect(message.Content.Headers.Subject).toEqual(['Published: Phishing wave']);
    expect(message.Raw.To).toEqual([lab.server.getAdmin().email]);
    expect(message.Content.Body).toContain(`Event ${event.id} was published.`);
  });

  it('logs a dead mail server as the module error; the publish and the server go on', async () => {
    lab = await startWorkflowLab({ smtp: { host: '127.0.0.1', port: await deadPort() } });
    await lab.call('POST', '/workflows/toggleModule/send-mail/1');
    const id = await saveSingleActionWorkflow(lab, 'event-publish', 'send-mail', {
      recipients: ['All admins'],
      mail_template_subject: 'Published',
    });
    await publish(lab, 'Mail down');
    const logs = workflowLogs(lab, id).join('\n');
    expect(logs).toMatch(
      /Error while executing module send-mail\. Error: mail to admin@admin\.test failed: SMTP 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    expect((await lab.call('GET', '/servers/getVersion.json')).status).toBe(200);
  });
});

describe('mattermost (misp-modules action)', () => {
  it('posts the rendered template to the channel with the bot token', async () => {
    const mm = await chatLab();
    lab = await startWorkflowLab({ extraSettings: { 'Plugin.Action_services_enable': true } });
    expect((await lab.call('POST', '/workflows/toggleModule/mattermost/1')).body.message).toBe(
      'Enabled module mattermost',
    );
    await saveSingleActionWorkflow(lab, 'event-publish', 'mattermost', {
      mattermost_hostname: chat!.getBaseUrl(),
      bot_access_token: mm.token,
      channel_id: mm.channelId,
      message_template: 'Event **{{ Event.info }}** was published',
    });
    await publish(lab, 'Ransomware C2');
    const posts = await new MattermostClient(chat!.getBaseUrl(), mm.token).getPostsSince(mm.channelId, 0);
    expect(posts.map((post) => post.message)).toContain('Event **Ransomware C2** was published');
    expect(posts.find((post) => post.message.includes('Ransomware'))!.user_id).toBe(mm.botUserId);
  });

  it('logs a dead chat server clearly and keeps serving', async () => {
    lab = await startWorkflowLab({ extraSettings: { 'Plugin.Action_services_enable': true } });
    await lab.call('POST', '/workflows/toggleModule/mattermost/1');
    const port = await deadPort();
    const id = await saveSingleActionWorkflow(lab, 'event-publish', 'mattermost', {
      mattermost_hostname: `http://127.0.0.1:${port}`,
      bot_access_token: 'x',
      channel_id: 'y',
      message_template: 'hello',
    });
    await publish(lab, 'Chat down');
    expect(workflowLogs(lab, id).join('\n')).toContain(
      `Node \`mattermost\` (2) from Workflow \`Workflow for trigger event-publish\` (${id}) returned the following error: POST http://127.0.0.1:${port}/api/v4/posts failed: ECONNREFUSED`,
    );
    expect((await lab.call('GET', '/servers/getVersion.json')).status).toBe(200);
  });

  it("reports a wrong bot token with Mattermost's answer", async () => {
    const mm = await chatLab();
    lab = await startWorkflowLab({ extraSettings: { 'Plugin.Action_services_enable': true } });
    await lab.call('POST', '/workflows/toggleModule/mattermost/1');
    const id = await saveSingleActionWorkflow(lab, 'event-publish', 'mattermost', {
      mattermost_hostname: chat!.getBaseUrl(),
      bot_access_token: 'not-a-token',
      channel_id: mm.channelId,
      message_template: 'hello',
    });
    await publish(lab, 'Bad token');
    expect(workflowLogs(lab, id).join('\n')).toMatch(/Mattermost at http:\/\/127\.0\.0\.1:\d+ answered 401/);
  });
});

describe('webhook', () => {
  it('posts to a Mattermost incoming webhook once arbitrary URLs are allowed', async () => {
    const mm = await chatLab();
    lab = await startWorkflowLab();
    const id = await saveSingleActionWorkflow(lab, 'event-publish', 'webhook', {
      url: mm.webhookUrl,
      payload: '{"text": "Webhook: {{ Event.info }}"}',
    });
    await publish(lab, 'First');
    expect(workflowLogs(lab, id).join('\n')).toContain(
      '`Security.rest_client_enable_arbitrary_urls` is turned off',
    );
    // MISP 2.5.1 lets only the console change this setting (HTTP answers 405), as `cake Admin` does.
    const outcome = lab.server.services.settings.editSetting(
      'Security.rest_client_enable_arbitrary_urls',
      true,
      {
        cli: true,
      },
    );
    expect(outcome.ok).toBe(true);
    await publish(lab, 'Second');
    const posts = await new MattermostClient(chat!.getBaseUrl(), mm.token).getPostsSince(mm.channelId, 0);
    expect(posts.map((post) => post.message)).toEqual(['Webhook: Second']);
  });
});
