import type {
  MmBot,
  MmChannel,
  MmChannelMember,
  MmConfigPatch,
  MmIncomingWebhook,
  MmIncomingWebhookPayload,
  MmPing,
  MmPost,
  MmPostList,
  MmPostProps,
  MmTeam,
  MmTeamMember,
  MmUser,
  MmUserAccessToken,
} from './mattermost-types.ts';
import {
  MattermostError,
  MattermostUnreachableError,
  describePosts,
  errorFromResponse,
} from './client-errors.ts';

export { MattermostError, MattermostUnreachableError } from './client-errors.ts';

export interface WaitForPostOptions {
  /** Only posts created at or after this instant (ms) count; default 0, every post of the channel. */
  sinceMs?: number;
  timeoutMs?: number;
  intervalMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * A client for a real Mattermost's REST v4 API (the embedded stand-in speaks the same subset).
 * Only Mattermost's documented URLs, bodies and headers are used, so what passes against the
 * stand-in also passes against a Mattermost server.
 */
export class MattermostClient {
  readonly baseUrl: string;
  private authToken: string | undefined;
  private readonly requestTimeoutMs: number;

  constructor(baseUrl: string, token?: string, options: { requestTimeoutMs?: number } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.authToken = token;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get token(): string | undefined {
    return this.authToken;
  }

  setToken(token: string | undefined): void {
    this.authToken = token;
  }

  /** A client for the same server acting with another token (a bot's, say). */
  withToken(token: string): MattermostClient {
    return new MattermostClient(this.baseUrl, token, { requestTimeoutMs: this.requestTimeoutMs });
  }

  ping(): Promise<MmPing> {
    return this.call('GET', '/system/ping');
  }

  /** Polls the readiness probe: a fresh Mattermost container needs a minute or more. */
  async waitUntilReady({ timeoutMs = 120_000, intervalMs = 1_000 } = {}): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      try {
        if ((await this.ping()).status === 'OK') return;
      } catch (error) {
        if (performance.now() + intervalMs > deadline) throw error;
      }
      if (performance.now() + intervalMs > deadline) {
        throw new Error(`Mattermost at ${this.baseUrl} did not become ready within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Logs in and keeps the session token Mattermost returns in the `Token` header. */
  async login(loginId: string, password: string): Promise<MmUser> {
    const { body, headers } = await this.send<MmUser>('POST', '/users/login', {
      login_id: loginId,
      password,
    });
    const token = headers.get('token');
    if (!token) throw new Error(`Mattermost at ${this.baseUrl} accepted the login but sent no Token header`);
    this.authToken = token;
    return body;
  }

  createUser(user: { email: string; username: string; password: string }): Promise<MmUser> {
    return this.call('POST', '/users', user);
  }

  me(): Promise<MmUser> {
    return this.call('GET', '/users/me');
  }

  getUserByUsername(username: string): Promise<MmUser> {
    return this.call('GET', `/users/username/${encodeURIComponent(username)}`);
  }

  createTeam(team: { name: string; display_name: string; type?: 'O' | 'I' }): Promise<MmTeam> {
    return this.call('POST', '/teams', { type: 'O', ...team });
  }

  getTeamByName(name: string): Promise<MmTeam> {
    return this.call('GET', `/teams/name/${encodeURIComponent(name)}`);
  }

  addTeamMember(teamId: string, userId: string): Promise<MmTeamMember> {
    return this.call('POST', `/teams/${id(teamId)}/members`, { team_id: teamId, user_id: userId });
  }

  createChannel(channel: {
    team_id: string;
    name: string;
    display_name: string;
    type?: 'O' | 'P';
    purpose?: string;
  }): Promise<MmChannel> {
    return this.call('POST', '/channels', { type: 'O', ...channel });
  }

  getChannelByName(teamName: string, channelName: string): Promise<MmChannel> {
    return this.call(
      'GET',
      `/teams/name/${encodeURIComponent(teamName)}/channels/name/${encodeURIComponent(channelName)}`,
    );
  }

  addChannelMember(channelId: string, userId: string): Promise<MmChannelMember> {
    return this.call('POST', `/channels/${id(channelId)}/members`, { user_id: userId });
  }

  createPost(channelId: string, message: string, props?: MmPostProps): Promise<MmPost> {
    return this.call(
      'POST',
      '/posts',
      props ? { channel_id: channelId, message, props } : { channel_id: channelId, message },
    );
  }

  getPost(postId: string): Promise<MmPost> {
    return this.call('GET', `/posts/${id(postId)}`);
  }

  /**
   * Posts created at or after `sinceMs`, oldest first, deleted ones left out. Mattermost's `since`
   * is exclusive and also returns older posts edited since, so ask from one ms earlier and filter.
   */
  async getPostsSince(channelId: string, sinceMs: number): Promise<MmPost[]> {
    const since = Math.max(0, Math.floor(sinceMs) - 1);
    const list = await this.call<MmPostList>('GET', `/channels/${id(channelId)}/posts?since=${since}`);
    const oldestFirst = [...list.order].reverse().map((postId) => list.posts[postId]);
    return oldestFirst
      .filter(
        (post): post is MmPost => post !== undefined && post.create_at >= sinceMs && post.delete_at === 0,
      )
      .sort((a, b) => a.create_at - b.create_at);
  }

  createBot(bot: { username: string; display_name?: string; description?: string }): Promise<MmBot> {
    return this.call('POST', '/bots', bot);
  }

  createUserAccessToken(userId: string, description: string): Promise<MmUserAccessToken> {
    return this.call('POST', `/users/${id(userId)}/tokens`, { description });
  }

  createIncomingWebhook(
    channelId: string,
    displayName: string,
    extra: { description?: string; username?: string; icon_url?: string; channel_locked?: boolean } = {},
  ): Promise<MmIncomingWebhook> {
    return this.call('POST', '/hooks/incoming', {
      channel_id: channelId,
      display_name: displayName,
      ...extra,
    });
  }

  listIncomingWebhooks(
    options: { teamId?: string; page?: number; perPage?: number } = {},
  ): Promise<MmIncomingWebhook[]> {
    const query = new URLSearchParams({
      page: String(options.page ?? 0),
      per_page: String(options.perPage ?? 200),
    });
    if (options.teamId) query.set('team_id', options.teamId);
    return this.call('GET', `/hooks/incoming?${query}`);
  }

  /** Switches server settings (System Console); needs a system admin session. */
  patchConfig(patch: MmConfigPatch): Promise<unknown> {
    return this.call('PUT', '/config/patch', patch);
  }

  /** Posts like any sender of an incoming webhook would: no token, the URL is the secret. */
  async postToIncomingWebhook(
    url: string,
    payload: MmIncomingWebhookPayload,
    options: { encoding?: 'json' | 'form' } = {},
  ): Promise<void> {
    const form = options.encoding === 'form';
    await this.fetchOrExplain(url, 'POST', {
      headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form
        ? new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
        : JSON.stringify(payload),
    });
  }

  /** Polls the channel until a post satisfies `predicate`; on timeout the error lists what was seen. */
  async waitForPost(
    channelId: string,
    predicate: (post: MmPost) => boolean,
    { sinceMs = 0, timeoutMs = 10_000, intervalMs = 250 }: WaitForPostOptions = {},
  ): Promise<MmPost> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const posts = await this.getPostsSince(channelId, sinceMs);
      const match = posts.find(predicate);
      if (match) return match;
      if (performance.now() >= deadline) {
        throw new Error(
          `No post in channel ${channelId} matched within ${timeoutMs} ms (posts since ${new Date(sinceMs).toISOString()}). ` +
            describePosts(posts),
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - performance.now()))),
      );
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send<T>(method, path, body)).body;
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ body: T; headers: Headers }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.authToken) headers['Authorization'] = `Bearer ${this.authToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchOrExplain(`${this.baseUrl}/api/v4${path}`, method, {
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    try {
      return { body: JSON.parse(text) as T, headers: response.headers };
    } catch {
      throw new MattermostError(response.status, '', `${method} ${path} answered something that is not JSON`);
    }
  }

  /** One fetch; network failures become one clear line, error statuses a MattermostError. */
  private async fetchOrExplain(url: string, method: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, method, signal: AbortSignal.timeout(this.requestTimeoutMs) });
    } catch (error) {
      throw new MattermostUnreachableError(this.baseUrl, error);
    }
    if (!response.ok) throw await errorFromResponse(response, method, new URL(url).pathname);
    return response;
  }
}

/** Ids go into URL paths; refuse anything that could change the path before sending it. */
function id(value: string): string {
  if (!/^[A-Za-z0-9]+$/.test(value)) throw new Error(`Not a Mattermost id: ${JSON.stringify(value)}`);
  return value;
}
