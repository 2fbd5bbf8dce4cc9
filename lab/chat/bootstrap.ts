import { MattermostClient, MattermostError } from './mattermost-client.ts';
import type { MmBot, MmChannel, MmIncomingWebhook, MmTeam, MmUser } from './mattermost-types.ts';

export interface MattermostBootstrapOptions {
  adminEmail: string;
  adminUsername: string;
  adminPassword: string;
  teamName: string;
  channelName: string;
  botUsername: string;
  teamDisplayName?: string;
  channelDisplayName?: string;
  botDisplayName?: string;
  /** The incoming webhook is found again by this name and channel on later runs. */
  webhookDisplayName?: string;
  log?: (line: string) => void;
}

export interface MattermostBootstrapResult {
  /** A fresh personal access token of the bot: what MISP's `mattermost` module is configured with. */
  token: string;
  adminToken: string;
  teamId: string;
  channelId: string;
  webhookUrl: string;
  botUserId: string;
}

const isNotFound = (error: unknown) => error instanceof MattermostError && error.status === 404;

/**
 * Makes a Mattermost ready for the lab: admin, team, channel, bot with a token, incoming webhook.
 * Idempotent: a later run reuses everything and only mints a new bot token (Mattermost never shows
 * an old token again). Uses REST only, so it works on the embedded stand-in and a real server alike.
 */
export async function bootstrapMattermost(
  baseUrl: string,
  options: MattermostBootstrapOptions,
): Promise<MattermostBootstrapResult> {
  const log = options.log ?? (() => {});
  const admin = new MattermostClient(baseUrl);
  await admin.ping();
  const adminUser = await logInOrCreateAdmin(admin, options, log);
  await enableIntegrations(admin, log);
  const team = await ensureTeam(admin, options, log);
  await admin.addTeamMember(team.id, adminUser.id);
  const channel = await ensureChannel(admin, team, options, log);
  const bot = await ensureBot(admin, options, log);
  await admin.addTeamMember(team.id, bot.user_id);
  await admin.addChannelMember(channel.id, bot.user_id);
  const botToken = await admin.createUserAccessToken(
    bot.user_id,
    `misp-compliance-lab ${new Date().toISOString()}`,
  );
  const hook = await ensureWebhook(
    admin,
    team,
    channel,
    options.webhookDisplayName ?? 'misp-compliance-lab',
    log,
  );
  return {
    token: botToken.token,
    adminToken: admin.token!,
    teamId: team.id,
    channelId: channel.id,
    webhookUrl: `${admin.baseUrl}/hooks/${hook.id}`,
    botUserId: bot.user_id,
  };
}

/** On a fresh Mattermost the first account becomes system admin, so creating it is enough. */
async function logInOrCreateAdmin(
  admin: MattermostClient,
  options: MattermostBootstrapOptions,
  log: (line: string) => void,
): Promise<MmUser> {
  try {
    await admin.login(options.adminUsername, options.adminPassword);
  } catch (loginError) {
    if (!(loginError instanceof MattermostError) || loginError.status !== 401) throw loginError;
    try {
      await admin.createUser({
        email: options.adminEmail,
        username: options.adminUsername,
        password: options.adminPassword,
      });
    } catch (createError) {
      if (!(createError instanceof MattermostError)) throw createError;
      throw new Error(
        `Cannot log in to Mattermost at ${admin.baseUrl} as ${options.adminUsername} (${loginError.serverMessage}) ` +
          `nor create that account (${createError.serverMessage})`,
        { cause: createError },
      );
    }
    log(`created Mattermost admin ${options.adminUsername}`);
    await admin.login(options.adminUsername, options.adminPassword);
  }
  const me = await admin.me();
  if (!me.roles.split(' ').includes('system_admin')) {
    throw new Error(
      `${options.adminUsername} is not a system admin of the Mattermost at ${admin.baseUrl}; ` +
        'only the first account of a fresh server becomes one',
    );
  }
  return me;
}

/** Bots, access tokens and webhook overrides are off by default on a real Mattermost. */
async function enableIntegrations(admin: MattermostClient, log: (line: string) => void): Promise<void> {
  try {
    await admin.patchConfig({
      ServiceSettings: {
        EnableBotAccountCreation: true,
        EnableUserAccessTokens: true,
        EnableIncomingWebhooks: true,
        EnablePostUsernameOverride: true,
        EnablePostIconOverride: true,
      },
    });
  } catch (error) {
    // A read-only config (set by environment variables) may refuse; the next steps tell whether it matters.
    if (!(error instanceof MattermostError)) throw error;
    log(`could not switch on bots, tokens and webhooks in the Mattermost config: ${error.message}`);
  }
}

async function ensureTeam(
  admin: MattermostClient,
  options: MattermostBootstrapOptions,
  log: (line: string) => void,
) {
  try {
    return await admin.getTeamByName(options.teamName);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  log(`creating Mattermost team ${options.teamName}`);
  return admin.createTeam({
    name: options.teamName,
    display_name: options.teamDisplayName ?? options.teamName,
  });
}

async function ensureChannel(
  admin: MattermostClient,
  team: MmTeam,
  options: MattermostBootstrapOptions,
  log: (line: string) => void,
): Promise<MmChannel> {
  try {
    return await admin.getChannelByName(team.name, options.channelName);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  log(`creating Mattermost channel ${team.name}/${options.channelName}`);
  return admin.createChannel({
    team_id: team.id,
    name: options.channelName,
    display_name: options.channelDisplayName ?? options.channelName,
  });
}

async function ensureBot(
  admin: MattermostClient,
  options: MattermostBootstrapOptions,
  log: (line: string) => void,
): Promise<Pick<MmBot, 'user_id' | 'username'>> {
  let existing: MmUser | undefined;
  try {
    existing = await admin.getUserByUsername(options.botUsername);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (existing) {
    if (!existing.is_bot)
      throw new Error(`Mattermost user ${options.botUsername} exists but is not a bot account`);
    if (existing.delete_at !== 0)
      throw new Error(`Mattermost bot ${options.botUsername} exists but is disabled`);
    return { user_id: existing.id, username: existing.username };
  }
  log(`creating Mattermost bot ${options.botUsername}`);
  return admin.createBot({
    username: options.botUsername,
    display_name: options.botDisplayName ?? 'MISP',
    description: 'Posts MISP workflow notifications for the compliance lab',
  });
}

async function ensureWebhook(
  admin: MattermostClient,
  team: MmTeam,
  channel: MmChannel,
  displayName: string,
  log: (line: string) => void,
): Promise<MmIncomingWebhook> {
  const perPage = 200;
  for (let page = 0; ; page += 1) {
    const hooks = await admin.listIncomingWebhooks({ teamId: team.id, page, perPage });
    const found = hooks.find((hook) => hook.channel_id === channel.id && hook.display_name === displayName);
    if (found) return found;
    if (hooks.length < perPage) break;
  }
  log(`creating Mattermost incoming webhook ${displayName}`);
  return admin.createIncomingWebhook(channel.id, displayName, {
    description: 'MISP workflow notifications (misp-compliance-lab)',
  });
}
