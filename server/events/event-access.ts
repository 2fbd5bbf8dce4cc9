/**
 * Who may see and change an event (MISP's ACL and Event::canModify): site admins everything; the
 * owning org its events; others only what is shared beyond the org (distribution 1-3, or 4 with a
 * sharing group that reaches them), and with MISP.unpublishedprivate only once it is published
 * (Event::createEventConditions).
 */
import type { AuthUser } from '../users/current-user.ts';
import type { EventRow } from './event-repository.ts';

export function canViewEvent(
  auth: AuthUser,
  event: EventRow,
  unpublishedPrivate: boolean,
  reaches: (sharingGroupId: number) => boolean,
): boolean {
  if (seesAll(auth, event)) return true;
  if (unpublishedPrivate && event.published !== 1) return false;
  if (event.distribution === 4) return reaches(event.sharing_group_id);
  return event.distribution > 0 && event.distribution < 4;
}

/** What an attribute or object carries of its own sharing. */
export interface Distributed {
  distribution: number;
  sharing_group_id: number;
}

/**
 * Inside an event one can see: its organisations see all of it; anyone else only what is shared
 * beyond the organisation (distribution 1-3, 5 "inherit", or 4 with a group that reaches them).
 * Observed on MISP 2.5.1 in events/view and both restSearch scopes.
 */
export function canViewContent(
  auth: AuthUser,
  event: EventRow,
  item: Distributed,
  reaches: (sharingGroupId: number) => boolean,
): boolean {
  if (seesAll(auth, event)) return true;
  if (item.distribution === 4) return reaches(item.sharing_group_id);
  return item.distribution !== 0;
}

/** Site admins, and the organisations that own or created the event. */
function seesAll(auth: AuthUser, event: EventRow): boolean {
  return auth.role.perms.perm_site_admin || event.org_id === auth.org.id || event.orgc_id === auth.org.id;
}

export function canModifyEvent(auth: AuthUser, event: EventRow): boolean {
  const perms = auth.role.perms;
  if (perms.perm_site_admin) return true;
  if (event.orgc_id !== auth.org.id) return false;
  return perms.perm_modify_org || (perms.perm_modify && event.user_id === auth.user.id);
}

export function canPublishEvent(auth: AuthUser, event: EventRow): boolean {
  return auth.role.perms.perm_publish && canModifyEvent(auth, event);
}
