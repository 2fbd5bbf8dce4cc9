/**
 * Self-registration (Security.allow_self_registration, UsersController::register): a visitor's
 * request becomes an Inbox entry of type "registration" for the administrators, holding the
 * fields MISP keeps (email, organisation name/uuid, message, PGP key, requested permissions).
 * Only the email is required and checked, as MISP validates just email and gpgkey.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain-error.ts';
import type { Db } from '../storage/db.ts';

const KEPT_FIELDS = [
  'email',
  'org_name',
  'org_uuid',
  'message',
  'pgp',
  'custom_perms',
  'perm_sync',
  'perm_publish',
  'perm_admin',
] as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const REGISTRATION_SENT = 'Request sent. The administrators of this community have been notified.';

export function registerRequest(
  db: Db,
  now: () => number,
  fields: Record<string, unknown>,
  from: { ip: string; userAgent: string },
): void {
  const request: Record<string, string> = {};
  for (const key of KEPT_FIELDS) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== 'object')
      request[key] = String(value).trim();
  }
  request.message ??= '';
  if (!request.email)
    throw new DomainError('bad-request', 'We require at least the email field to be filled.');
  if (!EMAIL_PATTERN.test(request.email))
    throw new DomainError('save-failed', 'Request could not be created.', {
      action: 'register',
      model: 'Users',
      url: '/users/register',
      errors: `Request could not be created.Errors: ${JSON.stringify({ email: ['Please enter a valid email address.'] })}`,
    });
  db.prepare(
    'INSERT INTO inbox (uuid, title, type, ip, user_agent, comment, data, timestamp) VALUES (?,?,?,?,?,?,?,?)',
  ).run(
    randomUUID(),
    `User registration for ${request.email}.`,
    'registration',
    from.ip,
    from.userAgent,
    request.message,
    JSON.stringify(request),
    Math.floor(now() / 1000),
  );
}
