import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type {
  MmBot,
  MmChannel,
  MmChannelMember,
  MmIncomingWebhook,
  MmPost,
  MmTeam,
  MmTeamMember,
  MmUser,
  MmUserAccessToken,
} from '../mattermost-types.ts';
import { newId } from './ids.ts';
import {
  newChannel,
  newChannelMember,
  newPost,
  newTeam,
  newTeamMember,
  newUser,
  type NewChannelFields,
  type NewPostFields,
} from './records.ts';

/** The switches of Mattermost's config the stand-in honours. Defaults favour a ready-to-use lab. */
export interface ChatConfig {
  EnableBotAccountCreation: boolean;
  EnableUserAccessTokens: boolean;
  EnableIncomingWebhooks: boolean;
  EnablePostUsernameOverride: boolean;
  EnablePostIconOverride: boolean;
  EnableOpenServer: boolean;
}

export const DEFAULT_CHAT_CONFIG: ChatConfig = {
  EnableBotAccountCreation: true,
  EnableUserAccessTokens: true,
  EnableIncomingWebhooks: true,
  EnablePostUsernameOverride: true,
  EnablePostIconOverride: true,
  EnableOpenServer: false,
};

interface Session {
  userId: string;
  accessTokenId?: string;
}

/**
 * The whole state of the chat stand-in, in memory. It stores and looks up; the rules about who may
 * do what live in permissions.ts and the routes, so this file stays a plain data holder.
 */
/** Posts kept in all (a careful server's cap; each is at most 16,383 characters). */
export const MAX_POSTS = 5000;

export class ChatStore {
  readonly config: ChatConfig;
  private readonly users = new Map<string, MmUser>();
  private readonly passwords = new Map<string, { salt: Buffer; hash: Buffer }>();
  private readonly sessions = new Map<string, Session>();
  private readonly postListeners = new Set<(post: MmPost) => void>();
  private readonly teams = new Map<string, MmTeam>();
  private readonly teamMembers = new Map<string, Map<string, MmTeamMember>>();
  private readonly channels = new Map<string, MmChannel>();
  private readonly channelMembers = new Map<string, Map<string, MmChannelMember>>();
  private readonly posts = new Map<string, MmPost>();
  private readonly bots = new Map<string, MmBot>();
  private readonly accessTokens = new Map<string, MmUserAccessToken>();
  private readonly hooks = new Map<string, MmIncomingWebhook>();
  private lastTime = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    config: Partial<ChatConfig> = {},
  ) {
    this.config = { ...DEFAULT_CHAT_CONFIG, ...config };
  }

  /** Never goes backwards, even if the machine's clock does: post order must stay stable. */
  now(): number {
    this.lastTime = Math.max(this.lastTime, this.clock());
    return this.lastTime;
  }

  // Users and sessions

  userCount(): number {
    return this.users.size;
  }

  createUser(fields: { username: string; email: string; password?: string; roles: string }): MmUser {
    const user = newUser(this.now(), { ...fields, isBot: false });
    this.users.set(user.id, user);
    if (fields.password !== undefined) {
      const salt = randomBytes(16);
      this.passwords.set(user.id, { salt, hash: scryptSync(fields.password, salt, 32) });
    }
    return user;
  }

  userById(id: string): MmUser | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): MmUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username === wanted);
  }

  userByEmail(email: string): MmUser | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((user) => user.email === wanted);
  }

  passwordMatches(userId: string, password: string): boolean {
    const stored = this.passwords.get(userId);
    if (!stored) return false;
    return timingSafeEqual(stored.hash, scryptSync(password, stored.salt, 32));
  }

  createSession(userId: string, accessTokenId?: string): string {
    const token = newId();
    this.sessions.set(token, accessTokenId ? { userId, accessTokenId } : { userId });
    return token;
  }

  userForToken(token: string): MmUser | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.accessTokenId && !this.accessTokens.get(session.accessTokenId)?.is_active) return undefined;
    const user = this.users.get(session.userId);
    return user && user.delete_at === 0 ? user : undefined;
  }

  // Bots and their access tokens

  createBot(ownerId: string, fields: { username: string; display_name: string; description: string }): MmBot {
    const email = `${fields.username}@localhost`;
    const user = newUser(this.now(), { username: fields.username, email, roles: 'system_user', isBot: true });
    user.bot_description = fields.description;
    this.users.set(user.id, user);
    const bot: MmBot = {
      user_id: user.id,
      username: user.username,
      display_name: fields.display_name,
      description: fields.description,
      owner_id: ownerId,
      create_at: user.create_at,
      update_at: user.update_at,
      delete_at: 0,
    };
    this.bots.set(user.id, bot);
    return bot;
  }

  botByUserId(userId: string): MmBot | undefined {
    return this.bots.get(userId);
  }

  createAccessToken(userId: string, description: string): MmUserAccessToken {
    const id = newId();
    const token = this.createSession(userId, id);
    const accessToken: MmUserAccessToken = { id, token, user_id: userId, description, is_active: true };
    this.accessTokens.set(id, accessToken);
    return accessToken;
  }

  // Teams

  createTeam(fields: { name: string; display_name: string; type: 'O' | 'I'; email: string }): MmTeam {
    const team = newTeam(this.now(), fields);
    this.teams.set(team.id, team);
    this.teamMembers.set(team.id, new Map());
    return team;
  }

  teamById(id: string): MmTeam | undefined {
    return this.teams.get(id);
  }

  teamByName(name: string): MmTeam | undefined {
    return [...this.teams.values()].find((team) => team.name === name);
  }

  listTeams(): MmTeam[] {
    return [...this.teams.values()];
  }

  /** Adding someone who is already a member returns the existing membership, as Mattermost does. */
  addTeamMember(teamId: string, userId: string, admin = false): MmTeamMember {
    const members = this.teamMembers.get(teamId)!;
    const member = members.get(userId) ?? newTeamMember(teamId, userId, admin);
    members.set(userId, member);
    return member;
  }

  teamMember(teamId: string, userId: string): MmTeamMember | undefined {
    return this.teamMembers.get(teamId)?.get(userId);
  }

  // Channels

  createChannel(fields: NewChannelFields): MmChannel {
    const channel = newChannel(this.now(), fields);
    this.channels.set(channel.id, channel);
    this.channelMembers.set(channel.id, new Map());
    return channel;
  }

  channelById(id: string): MmChannel | undefined {
    return this.channels.get(id);
  }

  channelByName(teamId: string, name: string): MmChannel | undefined {
    return [...this.channels.values()].find((channel) => channel.team_id === teamId && channel.name === name);
  }

  channelsOfTeam(teamId: string): MmChannel[] {
    return [...this.channels.values()].filter((channel) => channel.team_id === teamId);
  }

  addChannelMember(channelId: string, userId: string, admin = false): MmChannelMember {
    const members = this.channelMembers.get(channelId)!;
    const member = members.get(userId) ?? newChannelMember(this.now(), channelId, userId, admin);
    members.set(userId, member);
    return member;
  }

  channelMember(channelId: string, userId: string): MmChannelMember | undefined {
    return this.channelMembers.get(channelId)?.get(userId);
  }

  // Posts

  /** Called with every new post (the channel page's live stream); answers the unsubscribe. */
  onPost(listener: (post: MmPost) => void): () => void {
    this.postListeners.add(listener);
    return () => this.postListeners.delete(listener);
  }

  createPost(fields: NewPostFields): MmPost {
    const post = newPost(this.now(), fields);
    this.posts.set(post.id, post);
    // Bounded memory: webhooks post without a login, so past MAX_POSTS the oldest post goes.
    if (this.posts.size > MAX_POSTS) this.posts.delete(this.posts.keys().next().value!);
    const channel = this.channels.get(fields.channel_id)!;
    channel.last_post_at = post.create_at;
    channel.total_msg_count += 1;
    for (const listener of this.postListeners) listener(post);
    return post;
  }

  postById(id: string): MmPost | undefined {
    return this.posts.get(id);
  }

  /** Newest first; posts of the same millisecond keep their creation order (Map keeps insertion order). */
  postsOfChannel(channelId: string): MmPost[] {
    const posts = [...this.posts.values()].filter((post) => post.channel_id === channelId);
    return posts.reverse().sort((a, b) => b.create_at - a.create_at);
  }

  // Incoming webhooks

  createIncomingWebhook(fields: Omit<MmIncomingWebhook, 'id' | 'create_at' | 'update_at' | 'delete_at'>) {
    const now = this.now();
    const hook: MmIncomingWebhook = { id: newId(), create_at: now, update_at: now, delete_at: 0, ...fields };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  hookById(id: string): MmIncomingWebhook | undefined {
    return this.hooks.get(id);
  }

  listHooks(): MmIncomingWebhook[] {
    return [...this.hooks.values()];
  }
}
