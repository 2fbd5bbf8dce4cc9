/**
 * Who may read which mail. MailHog's `-auth-file` has one kind of login that sees everything;
 * a workshop room needs more: a trainer login that sees every message and one login per
 * attendee that sees only their mailbox (mail to their address or sent by their MISP). A
 * login's mailbox is applied by the API and the pages alike, so an attendee cannot read a
 * neighbour's mail by editing the query string or guessing a message id.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { MailHogItem } from './mailhog-item.ts';

/** One attendee's mail: to their address, or from their MISP's sender address (either alone works). */
export interface Mailbox {
  address?: string;
  sender?: string;
}

export interface MailAccount {
  username: string;
  password: string;
  /** Only this mailbox; an account without one sees every message (the trainer). */
  mailbox?: Mailbox;
}

export type SeesMessage = (item: MailHogItem) => boolean;

/** Hono variables: what the logged-in account may see, and whether it is limited to a mailbox. */
export type MailEnv = { Variables: { sees: SeesMessage; limited: boolean } };

/** A predicate for a mailbox, or undefined when the mailbox names nothing (no filter). */
export function mailboxMatcher(mailbox: Mailbox | undefined): SeesMessage | undefined {
  const to = mailbox?.address?.trim().toLowerCase();
  const from = mailbox?.sender?.trim().toLowerCase();
  if (!to && !from) return undefined;
  return (item) =>
    (!!to && item.Raw.To.some((recipient) => recipient.toLowerCase() === to)) ||
    (!!from && (item.Raw.From || item.Decoded.from || '').toLowerCase().includes(from));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Basic <base64(user:password)>` as the two strings, or undefined when malformed or absent. */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/**
 * HTTP Basic over the accounts: an unknown login or a wrong password answers 401 (as MailHog's
 * auth file does); a known one is remembered with what it may see. No accounts: everyone sees all.
 */
export function mailAccountAuth(accounts: MailAccount[], realm = 'MailHog'): MiddlewareHandler<MailEnv> {
  return async (c, next) => {
    if (accounts.length === 0) {
      c.set('sees', () => true);
      c.set('limited', false);
      return next();
    }
    const given = basicCredentials(c.req.header('authorization'));
    // Every account is compared, so the answer takes as long whichever login was tried.
    const matches = accounts.filter(
      (account) =>
        given !== undefined &&
        sameSecret(given[0], account.username) &&
        sameSecret(given[1], account.password),
    );
    const account = matches[0];
    if (!account) {
      return c.text('Unauthorized', 401, { 'www-authenticate': `Basic realm="${realm}"` });
    }
    // A mailbox that names nothing sees nothing (never everything).
    const limited = account.mailbox !== undefined;
    c.set('sees', limited ? (mailboxMatcher(account.mailbox) ?? (() => false)) : () => true);
    c.set('limited', limited);
    return next();
  };
}
