import { Hono } from 'hono';
import type { MmChannel, MmUser } from '../../mattermost-types.ts';
import { ApiError, notFound } from '../errors.ts';
import { canPostInChannel, canReadChannel, isTeamMember, requireOrForbid } from '../permissions.ts';
import { created, currentUser, idParam, readJsonObject, stringField, type ChatEnv } from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validateChannelName, validateDisplayName } from '../validation.ts';
import { findTeamById, teamNotFound } from './teams.ts';

export function findChannelById(store: ChatStore, id: string): MmChannel {
  const channel = store.channelById(id);
  if (!channel) throw notFound('app.channel.get.existing.app_error', 'Unable to find the existing channel.');
  return channel;
}

function readableChannelByName(store: ChatStore, caller: MmUser, teamId: string, name: string): MmChannel {
  const channel = store.channelByName(teamId, name);
  if (!channel) throw notFound('app.channel.get_by_name.missing.app_error', 'Channel does not exist.');
  requireOrForbid(canReadChannel(store, caller, channel));
  return channel;
}

/** Channels: creation (the creator joins as channel admin), lookups by id or name, and members. */
export function channelRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();

  routes.post('/channels', async (c) => {
    const caller = currentUser(c, store);
    const body = await readJsonObject(c, 'channel');
    const teamId = stringField(body, 'team_id');
    const name = stringField(body, 'name');
    const displayName = stringField(body, 'display_name');
    const type = stringField(body, 'type', 'O');
    validateChannelName(name);
    validateDisplayName(displayName, 'channel');
    if (type !== 'O' && type !== 'P')
      throw new ApiError(400, 'model.channel.is_valid.type.app_error', 'Invalid type.');
    const team = findTeamById(store, teamId);
    requireOrForbid(isTeamMember(store, caller, team.id));
    if (store.channelByName(team.id, name)) {
      throw new ApiError(
        400,
        'store.sql_channel.save_channel.exists.app_error',
        'A channel with that name already exists on the same team.',
      );
    }
    const channel = store.createChannel({
      team_id: team.id,
      name,
      display_name: displayName,
      type,
      purpose: stringField(body, 'purpose', ''),
      header: stringField(body, 'header', ''),
      creator_id: caller.id,
    });
    store.addChannelMember(channel.id, caller.id, true);
    return created(c, channel);
  });

  routes.get('/channels/:channel_id', (c) => {
    const caller = currentUser(c, store);
    const channel = findChannelById(store, idParam(c, 'channel_id'));
    requireOrForbid(canReadChannel(store, caller, channel));
    return c.json(channel);
  });

  routes.get('/teams/:team_id/channels', (c) => {
    const caller = currentUser(c, store);
    const team = findTeamById(store, idParam(c, 'team_id'));
    requireOrForbid(isTeamMember(store, caller, team.id));
    return c.json(store.channelsOfTeam(team.id).filter((channel) => channel.type === 'O'));
  });

  routes.get('/teams/:team_id/channels/name/:channel_name', (c) => {
    const caller = currentUser(c, store);
    const team = findTeamById(store, idParam(c, 'team_id'));
    return c.json(readableChannelByName(store, caller, team.id, c.req.param('channel_name')));
  });

  routes.get('/teams/name/:team_name/channels/name/:channel_name', (c) => {
    const caller = currentUser(c, store);
    const team = store.teamByName(c.req.param('team_name'));
    if (!team) throw teamNotFound();
    return c.json(readableChannelByName(store, caller, team.id, c.req.param('channel_name')));
  });

  routes.post('/channels/:channel_id/members', async (c) => {
    const caller = currentUser(c, store);
    const channelId = idParam(c, 'channel_id');
    const body = await readJsonObject(c, 'user_id');
    const userId = stringField(body, 'user_id');
    const channel = findChannelById(store, channelId);
    requireOrForbid(canPostInChannel(store, caller, channel));
    const user = store.userById(userId);
    if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
    if (!store.teamMember(channel.team_id, user.id)) {
      throw new ApiError(
        403,
        'api.channel.add_user.to.channel.failed.app_error',
        'Failed to add user to channel: the user is not a member of the channel team.',
      );
    }
    return created(c, store.addChannelMember(channel.id, user.id));
  });

  return routes;
}
