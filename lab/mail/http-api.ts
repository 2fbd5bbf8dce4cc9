// MailHog's HTTP API (v1 and v2, mailhog/MailHog-Server api/v1.go and v2.go) over the message
// store. Deviations, all on bad input: an unknown id answers 404 (MailHog answers `null`), and
// a malformed start/limit/kind answers 400 with a plain-text reason instead of being ignored.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { mailAccountAuth, type MailAccount, type MailEnv } from './mail-accounts.ts';
import { registerHtmlPages } from './html-pages.ts';
import { SEARCH_KINDS, type MailHogItem, type SearchKind } from './mailhog-item.ts';
import type { EventStreams } from './event-stream.ts';
import type { MessageStore } from './message-store.ts';

const DEFAULT_LIMIT = 50;

/** MailHog's `-auth-file` protects the UI and the API with HTTP Basic auth; so does this, when given. */
export interface MailApiCredentials {
  username: string;
  password: string;
}

/**
 * Logins limited to a mailbox see only its messages everywhere: lists and searches leave the
 * others out, and another mailbox's message id answers 404 like an unknown one (a 403 would
 * confirm that the id exists). Deleting every message is the unlimited logins' alone (403).
 */
export function createMailHogApi(
  store: MessageStore,
  events: EventStreams,
  credentials?: MailApiCredentials | MailAccount[],
): Hono<MailEnv> {
  // strict: false, because MailHog's routes accept a trailing slash.
  const app = new Hono<MailEnv>({ strict: false });
  const accounts = Array.isArray(credentials) ? credentials : credentials ? [credentials] : [];
  app.use('*', mailAccountAuth(accounts));
  const visible = (c: Context<MailEnv>, id: string) => {
    const message = store.get(id);
    return message && c.get('sees')(message.item) ? message : undefined;
  };
  const seen = (c: Context<MailEnv>, items: Iterable<MailHogItem>) =>
    c.get('limited') ? filtered(items, c.get('sees')) : items;

  app.get('/api/v1/messages', (c) => jsonStream('[', seen(c, store.items()), ']'));
  app.delete('/api/v1/messages', (c) => {
    if (c.get('limited')) return c.text('mail service: this login may delete its own messages only', 403);
    store.clear();
    // An empty body, as MailHog: the `mailhog` client parses any body as JSON.
    return c.body(null, 200);
  });
  app.get('/api/v1/messages/:id', (c) => {
    const message = visible(c, c.req.param('id'));
    return message ? c.json(message.item) : notFound(c);
  });
  app.delete('/api/v1/messages/:id', (c) =>
    visible(c, c.req.param('id')) && store.delete(c.req.param('id')) ? c.body(null, 200) : notFound(c),
  );
  app.get('/api/v1/messages/:id/download', (c) => {
    const message = visible(c, c.req.param('id'));
    if (!message) return notFound(c);
    return c.body(new Uint8Array(message.raw), 200, {
      'content-type': 'message/rfc822',
      // The id is ours (base64url and a fixed host), safe inside the quoted filename.
      'content-disposition': `attachment; filename="${message.item.ID}.eml"`,
    });
  });
  app.get('/api/v1/events', (c) => events.open(c.get('sees')));

  app.get('/api/v2/messages', (c) => {
    const range = pageRange(c);
    if (typeof range === 'string') return badRequest(c, range);
    if (!c.get('limited')) return page(store.count, range, store.items(range.start, range.limit));
    const mine = [...filtered(store.items(), c.get('sees'))];
    return page(mine.length, range, mine.slice(range.start, range.start + range.limit));
  });
  app.get('/api/v2/search', (c) => {
    const kind = c.req.query('kind');
    if (!SEARCH_KINDS.includes(kind as SearchKind)) {
      return badRequest(
        c,
        `kind must be one of ${SEARCH_KINDS.join(', ')}, got ${JSON.stringify(kind ?? '')}`,
      );
    }
    const range = pageRange(c);
    if (typeof range === 'string') return badRequest(c, range);
    const matching = store.search(kind as SearchKind, c.req.query('query') ?? '');
    const ids = (c.get('limited') ? matching.filter((id) => visible(c, id)) : matching).slice(
      range.start,
      range.start + range.limit,
    );
    const found = (function* () {
      for (const id of ids) {
        const message = store.get(id);
        if (message) yield message.item;
      }
    })();
    return page(ids.length + range.start, range, found);
  });

  registerHtmlPages(app, store);

  app.notFound((c) => c.text('mail service: no such route', 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse(); // e.g. the Basic auth 401
    console.error('mail service: request failed:', error);
    return c.text('mail service: internal error', 500);
  });
  return app;
}

function* filtered(items: Iterable<MailHogItem>, sees: (item: MailHogItem) => boolean) {
  for (const item of items) if (sees(item)) yield item;
}

interface PageRange {
  start: number;
  limit: number;
}

/** start and limit from the query string, or the reason they are unusable. */
function pageRange(c: Context<MailEnv>): PageRange | string {
  const start = nonNegativeInteger(c.req.query('start'), 0);
  const limit = nonNegativeInteger(c.req.query('limit'), DEFAULT_LIMIT);
  if (start === undefined)
    return `start must be a non-negative integer, got ${JSON.stringify(c.req.query('start'))}`;
  if (limit === undefined || limit === 0) {
    return `limit must be a positive integer, got ${JSON.stringify(c.req.query('limit'))}`;
  }
  return { start, limit };
}

function nonNegativeInteger(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

/** MailHog's v2 page; `total` counts every match, `count` the ones on this page. */
function page(total: number, { start, limit }: PageRange, items: Iterable<MailHogItem>): Response {
  const count = Math.max(0, Math.min(limit, total - start));
  return jsonStream(`{"total":${total},"count":${count},"start":${start},"items":[`, items, ']}');
}

/**
 * A JSON list written one item at a time, so a listing of many large messages never holds more
 * than one of them as a string (a whole-list JSON.stringify of 20 large mails overflowed).
 */
function jsonStream(prefix: string, items: Iterable<MailHogItem>, suffix: string): Response {
  const encoder = new TextEncoder();
  const iterator = items[Symbol.iterator]();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(prefix)),
    pull: (controller) => {
      const next = iterator.next();
      if (next.done) {
        controller.enqueue(encoder.encode(suffix));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`${first ? '' : ','}${JSON.stringify(next.value)}`));
      first = false;
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

function notFound(c: Context<MailEnv>) {
  return c.text(`mail service: no message with id ${JSON.stringify(c.req.param('id'))}`, 404);
}

function badRequest(c: Context<MailEnv>, reason: string) {
  return c.text(`mail service: ${reason}`, 400);
}
