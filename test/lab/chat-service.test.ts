import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapMattermost, type MattermostBootstrapResult } from '../../lab/chat/bootstrap.ts';
import { ChatService, type StartedChatService } from '../../lab/chat/chat-service.ts';
import {
  MattermostClient,
  MattermostError,
  MattermostUnreachableError,
} from '../../lab/chat/mattermost-client.ts';

const ID = /^[a-z0-9]{26}$/;
const options = {
  adminEmail: 'admin@lab.test',
  adminUsername: 'labadmin',
  adminPassword: 'Adm1nPassword!',
  teamName: 'misp-lab',
  channelName: 'misp-alerts',
  botUsername: 'misp-bot',
};

let chat: StartedChatService;
let first: MattermostBootstrapResult;
let second: MattermostBootstrapResult;
let bot: MattermostClient;

async function rawFetch(path: string, init: RequestInit = {}) {
  const response = await fetch(`${chat.getBaseUrl()}${path}`, init);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text: await response.text(),
  };
}

beforeAll(async () => {
  // Start with bots and tokens switched off, as on a real Mattermost: the bootstrap must enable them.
  chat = await ChatService.start({
    config: { EnableBotAccountCreation: false, EnableUserAccessTokens: false },
  });
  first = await bootstrapMattermost(chat.getBaseUrl(), options);
  second = await bootstrapMattermost(chat.getBaseUrl(), options);
  bot = new MattermostClient(chat.getBaseUrl(), second.token);
});

afterAll(async () => {
  await chat?.stop();
});

describe('bootstrap', () => {
  it('is idempotent: the second run reuses team, channel, bot and webhook and mints a new bot token', () => {
    for (const key of ['teamId', 'channelId', 'botUserId'] as const) expect(first[key]).toMatch(ID);
    expect(second.teamId).toBe(first.teamId);
    expect(second.channelId).toBe(first.channelId);
    expect(second.botUserId).toBe(first.botUserId);
    expect(second.webhookUrl).toBe(first.webhookUrl);
    expect(first.webhookUrl).toMatch(new RegExp(`^${chat.getBaseUrl()}/hooks/[a-z0-9]{26}$`));
    expect(second.token).not.toBe(first.token);
  });

  it('made the first account a system admin and gives tokens that authenticate', async () => {
    const admin = await new MattermostClient(chat.getBaseUrl(), second.adminToken).me();
    expect(admin.username).toBe('labadmin');
    expect(admin.roles).toBe('system_user system_admin');
    const me = await new MattermostClient(chat.getBaseUrl(), first.token).me();
    expect(me).toMatchObject({ id: first.botUserId, username: 'misp-bot', is_bot: true });
  });

  it('finds the channel by team and channel name', async () => {
    const channel = await bot.getChannelByName('misp-lab', 'misp-alerts');
    expect(channel).toMatchObject({ id: first.channelId, team_id: first.teamId, type: 'O', delete_at: 0 });
  });
});

describe('posts', () => {
  it('the bot posts with its token and reads the posts back oldest first', async () => {
    const since = Date.now();
    const one = await bot.createPost(first.channelId, 'first alert', { misp_event: '42' });
    const two = await bot.createPost(first.channelId, 'second alert #phishing');
    expect(one).toMatchObject({
      user_id: first.botUserId,
      channel_id: first.channelId,
      root_id: '',
      type: '',
    });
    expect(one.id).toMatch(ID);
    expect(one.props).toEqual({ misp_event: '42' });
    expect(two.hashtags).toBe('#phishing');
    const posts = await bot.getPostsSince(first.channelId, since);
    expect(posts.map((post) => post.message)).toEqual(['first alert', 'second alert #phishing']);
    expect(await bot.getPost(one.id)).toEqual(one);
  });

  it('answers the raw list in Mattermost shape, newest first', async () => {
    const response = await rawFetch(`/api/v4/channels/${first.channelId}/posts?since=0`, {
      headers: { Authorization: `Bearer ${second.token}` },
    });
    const list = JSON.parse(response.text);
    expect(Object.keys(list).sort()).toEqual(['has_next', 'next_post_id', 'order', 'posts', 'prev_post_id']);
    const createdAt = list.order.map((id: string) => list.posts[id].create_at);
    expect(createdAt).toEqual([...createdAt].sort((a: number, b: number) => b - a));
  });

  it('refuses a user who is not a member of the channel', async () => {
    const admin = new MattermostClient(chat.getBaseUrl(), second.adminToken);
    const outsider = await admin.createBot({ username: 'outsider-bot' });
    const token = await admin.createUserAccessToken(outsider.user_id, 'outsider');
    const error = await new MattermostClient(chat.getBaseUrl(), token.token)
      .createPost(first.channelId, 'not allowed')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MattermostError);
    expect(error).toMatchObject({ status: 403, id: 'api.context.permissions.app_error' });
  });
});

describe('incoming webhook', () => {
  it('accepts JSON and marks the post as coming from a webhook with the overriding username', async () => {
    const since = Date.now();
    await bot.postToIncomingWebhook(first.webhookUrl, { text: 'via json', username: 'MISP workflow' });
    const post = await bot.waitForPost(first.channelId, (p) => p.message === 'via json', { sinceMs: since });
    expect(post.props).toMatchObject({ from_webhook: 'true', override_username: 'MISP workflow' });
  });

  it('accepts the form field payload= and answers 200 with the plain text ok', async () => {
    const body = new URLSearchParams({ payload: JSON.stringify({ text: 'via form' }) });
    const response = await fetch(first.webhookUrl, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('ok');
    const post = await bot.waitForPost(first.channelId, (p) => p.message === 'via form');
    expect(post.props['from_webhook']).toBe('true');
  });

  it('refuses a payload without text and an unknown hook with 400', async () => {
    const noText = await rawFetch(new URL(first.webhookUrl).pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'x' }),
    });
    expect(noText.status).toBe(400);
    expect(JSON.parse(noText.text)).toMatchObject({
      id: 'web.incoming_webhook.text.app_error',
      status_code: 400,
    });
    const unknown = await bot
      .postToIncomingWebhook(`${chat.getBaseUrl()}/hooks/nosuchhook`, { text: 'x' })
      .catch((e) => e);
    expect(unknown).toMatchObject({ status: 400, id: 'web.incoming_webhook.invalid.app_error' });
  });
});

describe('errors in Mattermost shape', () => {
  it('a bad token gets 401 session_expired with the full error body', async () => {
    const response = await rawFetch('/api/v4/users/me', { headers: { Authorization: 'Bearer not-a-token' } });
    expect(response.status).toBe(401);
    expect(response.type).toMatch(/^application\/json/);
    const body = JSON.parse(response.text);
    expect(body).toEqual({
      id: 'api.context.session_expired.app_error',
      message: 'Invalid or expired session, please login again.',
      detailed_error: '',
      request_id: expect.stringMatching(ID),
      status_code: 401,
    });
  });

  it('wrong credentials get 401 invalid_credentials', async () => {
    const error = await new MattermostClient(chat.getBaseUrl())
      .login('labadmin', 'wrong-password')
      .catch((e) => e);
    expect(error).toMatchObject({ status: 401, id: 'api.user.login.invalid_credentials_email_username' });
  });

  it('malformed JSON gets 400 invalid_body_param, an unknown channel 404', async () => {
    const malformed = await rawFetch('/api/v4/posts', {
      method: 'POST',
      headers: { Authorization: `Bearer ${second.token}`, 'Content-Type': 'application/json' },
      body: '{"channel_id": ',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toMatchObject({
      id: 'api.context.invalid_body_param.app_error',
      status_code: 400,
    });
    const unknown = await bot.createPost('a'.repeat(26), 'lost').catch((e) => e);
    expect(unknown).toBeInstanceOf(MattermostError);
    expect(unknown).toMatchObject({ status: 404 });
  });

  it('open sign-up is closed after the first user', async () => {
    const error = await new MattermostClient(chat.getBaseUrl())
      .createUser({ email: 'late@lab.test', username: 'late', password: 'LatePassword1' })
      .catch((e) => e);
    expect(error).toMatchObject({ status: 403, id: 'api.user.create_user.no_open_server' });
  });
});

describe('web view', () => {
  it('shows the channel newest first, raw HTML in a message as text (as Mattermost does)', async () => {
    await bot.createPost(first.channelId, '<script>alert("x")</script>\nsecond line');
    const page = await rawFetch('/channels/misp-lab/misp-alerts');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n<p>second line</p>',
    );
    expect(page.text.indexOf('&lt;script&gt;')).toBeLessThan(page.text.indexOf('first alert'));
    const index = await rawFetch('/');
    expect(index.text).toContain('href="/channels/misp-lab/misp-alerts"');
  });
});

describe('Markdown and the live page', () => {
  it('renders Markdown as Mattermost does: emphasis, soft line breaks, lists, no unsafe links', async () => {
    await bot.createPost(
      first.channelId,
      '**Event 7** published by `misp`\nsecond line\n\n- [report](https://misp.example/events/view/7)\n- [bad](javascript:alert(1))',
    );
    const page = await rawFetch('/channels/misp-lab/misp-alerts');
    expect(page.text).toContain(
      '<p><strong>Event 7</strong> published by <code>misp</code><br>second line</p>',
    );
    expect(page.text).toContain('<li><a href="https://misp.example/events/view/7">report</a></li>');
    expect(page.text).toContain('<li><a>bad</a></li>');
  });

  it('streams each new post of the channel to an open page', async () => {
    const page = await rawFetch('/channels/misp-lab/misp-alerts');
    expect(page.headers.get('content-security-policy')).toMatch(
      /script-src 'nonce-[^']+'; connect-src 'self'/,
    );
    const controller = new AbortController();
    const stream = await fetch(`${chat.getBaseUrl()}/channels/misp-lab/misp-alerts/stream`, {
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    await bot.createPost(first.channelId, 'live _one_');
    let received = '';
    while (!received.includes('\n\n')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(received).toMatch(/^event: post\ndata: /);
    const data = JSON.parse(/data: (.*)/.exec(received)![1]!) as { html: string };
    expect(data.html).toContain('<div class="message"><p>live <em>one</em></p>');
  });
});

describe('waiting and lifecycle', () => {
  it('waitForPost returns a post made while waiting', async () => {
    const since = Date.now();
    const waiting = bot.waitForPost(first.channelId, (p) => p.message === 'late arrival', { sinceMs: since });
    await bot.createPost(first.channelId, 'late arrival');
    expect((await waiting).message).toBe('late arrival');
  });

  it('waitForPost times out with a message listing what it saw', async () => {
    const since = Date.now();
    await bot.createPost(first.channelId, 'unrelated notice');
    const error = await bot
      .waitForPost(first.channelId, (p) => p.message === 'never posted', {
        sinceMs: since,
        timeoutMs: 200,
        intervalMs: 50,
      })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`No post in channel ${first.channelId} matched within 200 ms`);
    expect(error.message).toContain('Seen 1 post(s)');
    expect(error.message).toContain('"unrelated notice"');
  });

  it('names the port when it is in use, stops idempotently and frees the port', async () => {
    const service = await ChatService.start();
    const port = service.getPort();
    await expect(ChatService.start({ port })).rejects.toThrow(new RegExp(`port ${port} .*already in use`));
    await fetch(`${service.getBaseUrl()}/api/v4/system/ping`); // leaves a keep-alive connection open
    await service.stop();
    await service.stop();
    const unreachable = await new MattermostClient(service.getBaseUrl()).ping().catch((e) => e);
    expect(unreachable).toBeInstanceOf(MattermostUnreachableError);
    expect(unreachable.message).toMatch(
      new RegExp(`^Mattermost at http://127.0.0.1:${port} is not reachable: .+`),
    );
    const again = await ChatService.start({ port });
    expect(again.getPort()).toBe(port);
    expect(await new MattermostClient(again.getBaseUrl()).ping()).toMatchObject({ status: 'OK' });
    await again.stop();
  });
});
