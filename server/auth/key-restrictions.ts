/**
 * The restrictions an advanced auth key carries, as MISP 2.5.1 applies them (AuthKey model,
 * AppController::_refreshAuth, ACLComponent), without HTTP:
 * - read_only: every role permission but perm_auth and perm_audit is switched off for the request
 *   (AuthKey::setUserData), and the `not_read_only_authkey` actions (auth key add/edit/delete,
 *   change_pw, resetauthkey, setSetting…) are refused;
 * - allowed_ips: a list of IPs or CIDR ranges; from any other address the key is refused;
 * - expiration: a unix time, or a date string MISP reads with strtotime (e.g. "2030-01-31").
 */
import { BlockList, isIP } from 'node:net';
import type { RoleRow } from '../users/user-repository.ts';
import type { Permissions } from '../users/roles.ts';

export class KeyRestrictionError extends Error {
  constructor(
    readonly field: 'allowed_ips' | 'expiration' | 'read_only',
    message: string,
  ) {
    super(message);
  }
}

/** AuthKey::beforeValidate: a string splits on newlines and commas; each entry must be an IP or CIDR. */
export function parseAllowedIps(input: unknown): string[] | null {
  if (input === undefined || input === null || input === '' || input === false) return null;
  let entries: unknown[];
  if (typeof input === 'string')
    entries = input.trim() === '' ? [] : input.split(/[\n,]/).map((e) => e.trim());
  else if (Array.isArray(input)) entries = input;
  else throw new KeyRestrictionError('allowed_ips', 'Allowed IPs must be array');
  if (entries.length === 0) return null;
  for (const entry of entries) {
    if (typeof entry !== 'string' || !isValidCidr(entry))
      throw new KeyRestrictionError('allowed_ips', `${String(entry)} is not valid IP range`);
  }
  return entries as string[];
}

/** CidrTool::validate: an IP, optionally with a /prefix no longer than the address. */
function isValidCidr(cidr: string): boolean {
  const [address, prefix, ...extra] = cidr.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export function ipAllowed(allowed: readonly string[], ip: string): boolean {
  const list = new BlockList();
  for (const cidr of allowed) {
    const [address = '', prefix] = cidr.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  return isIP(ip) !== 0 && list.check(ip, type);
}

const EXPIRATION_FORMAT = 'Expiration must be in YYYY-MM-DD format.';

/**
 * Expiration as MISP stores it: empty is 0 (never), a number is taken as a unix time, a string
 * goes through strtotime. We read the strtotime forms a client sends in practice, a date or a date
 * and time ("2030-01-31", "2030-01-31 12:00[:00]", ISO 8601 with a zone), in UTC, the time zone
 * of the MISP build this lab is compared with; anything else is refused as MISP refuses it.
 */
export function parseExpiration(input: unknown): number {
  if (input === undefined || input === null || input === '' || input === 0 || input === false) return 0;
  if (typeof input === 'number' || (typeof input === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(input))) {
    const value = Math.trunc(Number(input));
    if (!Number.isSafeInteger(value)) throw new KeyRestrictionError('expiration', EXPIRATION_FORMAT);
    return value;
  }
  if (typeof input !== 'string') throw new KeyRestrictionError('expiration', EXPIRATION_FORMAT);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    input.trim(),
  );
  if (!match) throw new KeyRestrictionError('expiration', EXPIRATION_FORMAT);
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const calendarDay = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? normaliseZone(zone) : 'Z'}`);
  if (
    Number.isNaN(ms) ||
    calendarDay.getUTCDate() !== Number(d) ||
    calendarDay.getUTCMonth() !== Number(mo) - 1
  )
    throw new KeyRestrictionError('expiration', EXPIRATION_FORMAT);
  return Math.floor(ms / 1000);
}

function normaliseZone(zone: string): string {
  if (zone === 'Z') return 'Z';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** The permissions a read-only key leaves: perm_auth and perm_audit as the role has them, all else off. */
export function readOnlyRole(role: RoleRow): RoleRow {
  const perms = Object.fromEntries(
    Object.entries(role.perms).map(([name, value]) => [
      name,
      name === 'perm_auth' || name === 'perm_audit' ? value : false,
    ]),
  ) as unknown as Permissions;
  return { ...role, perms };
}
