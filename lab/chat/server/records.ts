import type {
  MmChannel,
  MmChannelMember,
  MmPost,
  MmPostProps,
  MmTeam,
  MmTeamMember,
  MmUser,
} from '../mattermost-types.ts';
import { newId } from './ids.ts';
import { parseHashtags } from './validation.ts';

// New records with every field a real Mattermost fills in, at their default values, so that
// answers of the stand-in have the same keys and types as a real server's.

const stamps = (now: number) => ({ id: newId(), create_at: now, update_at: now, delete_at: 0 });

export function newUser(
  now: number,
  fields: { username: string; email: string; roles: string; isBot: boolean },
): MmUser {
  const user: MmUser = {
    ...stamps(now),
    username: fields.username,
    auth_data: '',
    auth_service: '',
    email: fields.email,
    email_verified: fields.isBot,
    nickname: '',
    first_name: '',
    last_name: '',
    position: '',
    roles: fields.roles,
    locale: 'en',
  };
  if (fields.isBot) user.is_bot = true;
  return user;
}

export function newTeam(
  now: number,
  fields: { name: string; display_name: string; type: 'O' | 'I'; email: string },
) {
  const team: MmTeam = {
    ...stamps(now),
    ...fields,
    description: '',
    company_name: '',
    allowed_domains: '',
    invite_id: newId(),
    allow_open_invite: fields.type === 'O',
  };
  return team;
}

export function newTeamMember(teamId: string, userId: string, admin: boolean): MmTeamMember {
  return {
    team_id: teamId,
    user_id: userId,
    roles: admin ? 'team_user team_admin' : 'team_user',
    delete_at: 0,
    scheme_user: true,
    scheme_admin: admin,
    explicit_roles: '',
  };
}

export type NewChannelFields = Pick<
  MmChannel,
  'team_id' | 'name' | 'display_name' | 'type' | 'purpose' | 'header' | 'creator_id'
>;

export function newChannel(now: number, fields: NewChannelFields): MmChannel {
  return { ...stamps(now), ...fields, last_post_at: now, total_msg_count: 0, extra_update_at: 0 };
}

export function newChannelMember(
  now: number,
  channelId: string,
  userId: string,
  admin: boolean,
): MmChannelMember {
  return {
    channel_id: channelId,
    user_id: userId,
    roles: admin ? 'channel_user channel_admin' : 'channel_user',
    last_viewed_at: 0,
    msg_count: 0,
    mention_count: 0,
    last_update_at: now,
    scheme_user: true,
    scheme_admin: admin,
    explicit_roles: '',
  };
}

export interface NewPostFields {
  user_id: string;
  channel_id: string;
  message: string;
  props: MmPostProps;
  root_id?: string;
}

export function newPost(now: number, fields: NewPostFields): MmPost {
  return {
    ...stamps(now),
    edit_at: 0,
    is_pinned: false,
    user_id: fields.user_id,
    channel_id: fields.channel_id,
    root_id: fields.root_id ?? '',
    original_id: '',
    message: fields.message,
    type: '',
    props: fields.props,
    hashtags: parseHashtags(fields.message),
    pending_post_id: '',
    reply_count: 0,
    metadata: {},
  };
}
