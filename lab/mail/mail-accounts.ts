/**
 * Who may read which mail. MailHog's `-auth-file` has one kind of login that sees everything;
 * a workshop room needs more: a trainer login that sees every message and one login per
 * attendee that sees only their mailbox (mail to their address or sent by their MISP). A
 * login's mailbox is applied by the API and the pages alike, so an attendee cannot read a
 * neighbour's mail by editing the query string or guessing a message id.
 */
import type { MiddlewareHandler } from 'hono';
import type { MailHogItem } from './mailhog-item.ts';
import { loginOf, loginRequired, type BasicLogin } from '../http-basic-logins.ts';

/** One attendee's mail: to their address, or from their MISP's sender address (either alone works). */
export interface Mailbox {
  address?: string;
  sender?: string;
}

export interface MailAccount extends BasicLogin {
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
    const account = loginOf(accounts, c.req.header('authorization'));
    if (!account) return loginRequired(realm);
    // A mailbox that names nothing sees nothing (never everything).
    const limited = account.mailbox !== undefined;
    c.set('sees', limited ? (mailboxMatcher(account.mailbox) ?? (() => false)) : () => true);
    c.set('limited', limited);
    return next();
  };
}
