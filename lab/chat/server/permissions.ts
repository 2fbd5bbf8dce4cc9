import type { MmChannel, MmUser } from '../mattermost-types.ts';
import { forbidden } from './errors.ts';
import type { ChatStore } from './store.ts';

// Mattermost's default permission scheme, reduced to the cases the lab meets: system admins may do
// everything; team admins manage their team and its integrations; members read and post.

export function isSystemAdmin(user: MmUser): boolean {
  return user.roles.split(' ').includes('system_admin');
}

export function requireSystemAdmin(user: MmUser): void {
  if (!isSystemAdmin(user)) throw forbidden();
}

export function isTeamMember(store: ChatStore, user: MmUser, teamId: string): boolean {
  return isSystemAdmin(user) || store.teamMember(teamId, user.id) !== undefined;
}

export function isTeamAdmin(store: ChatStore, user: MmUser, teamId: string): boolean {
  return isSystemAdmin(user) || store.teamMember(teamId, user.id)?.scheme_admin === true;
}

/** Public channels are readable by every member of their team, private ones by their members only. */
export function canReadChannel(store: ChatStore, user: MmUser, channel: MmChannel): boolean {
  if (isSystemAdmin(user) || store.channelMember(channel.id, user.id)) return true;
  return channel.type === 'O' && store.teamMember(channel.team_id, user.id) !== undefined;
}

/** Posting needs channel membership (Mattermost's `create_post`), which is why bootstrap adds the bot. */
export function canPostInChannel(store: ChatStore, user: MmUser, channel: MmChannel): boolean {
  return isSystemAdmin(user) || store.channelMember(channel.id, user.id) !== undefined;
}

export function requireOrForbid(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
