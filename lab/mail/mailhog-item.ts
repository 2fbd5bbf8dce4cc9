// One captured message in MailHog's JSON shape (mailhog/data `Message`), so MailHog clients read
// it unchanged, plus `Decoded`: mailparser's decoding, because clients that decode MailHog's
// encoded headers themselves get some wrong (the `mailhog` npm client keeps `_` in Q-encoded words).
import { randomBytes } from 'node:crypto';
import {
  headerValue,
  parseContent,
  parseMimeBody,
  type MailHogContent,
  type MailHogMime,
} from './mime-content.ts';

export interface MailHogPath {
  Relays: string[] | null;
  Mailbox: string;
  Domain: string;
  Params: string;
}

export interface DecodedMail {
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string;
}

export interface MailHogItem {
  ID: string;
  From: MailHogPath;
  To: MailHogPath[];
  Content: MailHogContent;
  Created: string;
  MIME: MailHogMime | null;
  Raw: { From: string; To: string[]; Data: string; Helo: string };
  Decoded: DecodedMail;
}

export interface SmtpEnvelope {
  mailFrom: string;
  rcptTo: string[];
  helo: string;
}

/** Host part of every message id, as MailHog names its ids `<random>@<hostname>`. */
export const MAILHOG_ID_HOST = 'mailhog.example';

export function newMessageId(): string {
  return `${randomBytes(18).toString('base64url')}@${MAILHOG_ID_HOST}`;
}

/** An SMTP path as MailHog splits it: optional source route (`@a,@b:`), mailbox, domain. */
export function pathFromAddress(address: string): MailHogPath {
  let email = address;
  let relays: string[] | null = null;
  const colon = address.indexOf(':');
  if (colon >= 0) {
    relays = address.slice(0, colon).split(',');
    email = address.slice(colon + 1);
  }
  const at = email.indexOf('@');
  return {
    Relays: relays,
    Mailbox: at >= 0 ? email.slice(0, at) : email,
    Domain: at >= 0 ? email.slice(at + 1) : '',
    Params: '',
  };
}

export function buildMailHogItem(
  raw: Buffer,
  envelope: SmtpEnvelope,
  decoded: DecodedMail,
  created = new Date(),
): MailHogItem {
  const id = newMessageId();
  // MailHog counts the line break before the terminating "." as part of the terminator.
  const data = raw.toString('utf8').replace(/\r?\n$/, '');
  const content = parseContent(data);
  const mime = parseMimeBody(content);
  addDeliveryHeaders(content.Headers, id, envelope, created);
  return {
    ID: id,
    From: pathFromAddress(envelope.mailFrom),
    To: envelope.rcptTo.map(pathFromAddress),
    Content: content,
    Created: created.toISOString(),
    MIME: mime,
    Raw: { From: envelope.mailFrom, To: [...envelope.rcptTo], Data: data, Helo: envelope.helo },
    Decoded: decoded,
  };
}

// MailHog adds these to the parsed headers (not to Raw.Data), as a relay would: clients that read
// Return-Path or Received see what they would see on MailHog.
function addDeliveryHeaders(
  headers: Record<string, string[]>,
  id: string,
  envelope: SmtpEnvelope,
  created: Date,
): void {
  if (headerValue(headers, 'Message-ID') === undefined) headers['Message-ID'] = [id];
  const received = `from ${envelope.helo} by ${MAILHOG_ID_HOST} (MailHog)\r\n          id ${id}; ${created.toUTCString()}`;
  headers['Received'] = [...(headers['Received'] ?? []), received];
  headers['Return-Path'] = [...(headers['Return-Path'] ?? []), `<${envelope.mailFrom}>`];
}

export type SearchKind = 'from' | 'to' | 'containing';

export const SEARCH_KINDS: readonly SearchKind[] = ['from', 'to', 'containing'];

/** MailHog's search semantics (case-insensitive substring), widened to the decoded fields too. */
export function itemMatches(item: MailHogItem, kind: SearchKind, query: string): boolean {
  const needle = query.toLowerCase();
  const contains = (text: string) => text.toLowerCase().includes(needle);
  const address = (path: MailHogPath) => `${path.Mailbox}@${path.Domain}`;
  switch (kind) {
    case 'from':
      return (
        contains(address(item.From)) ||
        headerValues(item, 'From').some(contains) ||
        contains(item.Decoded.from)
      );
    case 'to':
      return (
        item.To.some((path) => contains(address(path))) ||
        headerValues(item, 'To').some(contains) ||
        contains(item.Decoded.to)
      );
    case 'containing':
      return [item.Raw.Data, item.Decoded.subject, item.Decoded.text, item.Decoded.html].some(contains);
  }
}

function headerValues(item: MailHogItem, name: string): string[] {
  const wanted = name.toLowerCase();
  return Object.entries(item.Content.Headers)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, values]) => values);
}
