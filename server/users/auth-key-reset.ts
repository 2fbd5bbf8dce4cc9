/**
 * users/resetauthkey (User::resetauthkey, AuthKey::resetAuthKey): a user resets their own key,
 * an org admin those of their organisation's users, a site admin anyone's. Without
 * Security.advanced_authkeys the legacy key is replaced; with it, the key the caller came in with
 * ("me") is ended and replaced by one carrying its comment and allowed IPs, or (for another user)
 * every active key of that user is ended and one new key made. The new key is returned once.
 */
import { DomainError } from '../domain-error.ts';
import { generateAuthKey } from '../auth/secrets.ts';
import type { ServerServices } from '../services.ts';
import { actorOf, type AuthUser } from './current-user.ts';
import { AuthKeyRepository, allowedIpsOf } from './auth-key-repository.ts';
import type { UserRow } from './user-repository.ts';

export interface ResetOutcome {
  user: UserRow;
  newKey: string;
}

/** `target` is a user id or "me"; "me" resets only the advanced key of this request, if any. */
export function resetAuthKey(services: ServerServices, me: AuthUser, target: string): ResetOutcome {
  const ownKeyId = target === 'me' ? me.authKey?.id : undefined;
  const id = target === 'me' ? me.user.id : Number(target);
  const user = Number.isInteger(id) ? services.users.findById(id) : undefined;
  const mayReset =
    user !== undefined &&
    (me.role.perms.perm_site_admin ||
      (me.role.perms.perm_admin && me.user.org_id === user.org_id) ||
      me.user.id === user.id);
  if (!user || !mayReset) throw new DomainError('not-allowed', 'Invalid user.');
  if (!services.settings.bool('Security.advanced_authkeys')) {
    const newKey = generateAuthKey();
    services.users.setAuthKey(user.id, newKey);
    services.logs.write({
      title: `Authentication key for user ${user.id} (${user.email}) updated.`,
      model: 'User',
      model_id: user.id,
      action: 'reset_auth_key',
      actor: actorOf(me),
    });
    return { user, newKey };
  }
  const keys = new AuthKeyRepository(services.db, services.clock);
  if (ownKeyId !== undefined) {
    const current = keys.findById(ownKeyId);
    if (!current || current.user_id !== user.id)
      throw new DomainError('not-found', `Key with ID ${ownKeyId} for user with ID ${user.id} not found.`);
    keys.expire(current.id);
    const replacement = keys.create(user.id, {
      comment: `Created by resetting auth key ${current.id}\n${current.comment}`,
      allowedIps: allowedIpsOf(current),
      expiration: 0,
    });
    return { user, newKey: replacement.raw };
  }
  for (const key of keys.activeOf(user.id)) keys.expire(key.id);
  return { user, newKey: keys.create(user.id, { comment: '', expiration: 0 }).raw };
}
