// A small read-only inbox for people: the list at `/` (new mail appears by itself, from the
// API's event stream), one message decoded at `/view/:id`. Messages are untrusted input, so every
// value goes through hono's `html` template, which escapes interpolations; a message's HTML body
// is shown in a sandboxed frame (`/view/:id/html`: no scripts, its own opaque origin, nothing
// loaded from elsewhere), with its source beside it.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { MailHogItem } from './mailhog-item.ts';
import { mailboxMatcher, type MailEnv } from './mail-accounts.ts';
import type { MessageStore } from './message-store.ts';

// No external assets and only the page's own script: the page works offline and a hostile
// message cannot run code.
const securityHeaders = (nonce: string) => ({
  'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'`,
  'x-content-type-options': 'nosniff',
});

// The HTML part on its own: sandboxed (no script, no form, an opaque origin) and fetching nothing.
const MESSAGE_HTML_HEADERS = {
  'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
};

// Runs in the reader's browser: a new message that belongs in this list reloads it.
const LIVE_SCRIPT = `const filter = new URLSearchParams(location.search);
const address = (filter.get('address') || '').toLowerCase();
const sender = (filter.get('sender') || '').toLowerCase();
const stream = new EventSource('/api/v1/events');
stream.onmessage = (event) => {
  const raw = JSON.parse(event.data).Raw || {};
  const mine = (!address && !sender) ||
    (address && (raw.To || []).some((to) => to.toLowerCase() === address)) ||
    (sender && (raw.From || '').toLowerCase().includes(sender));
  if (mine) location.reload();
};`;

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d2327; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #dcdcde; vertical-align: top; }
  th { background: #f6f7f7; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f6f7f7; padding: 1rem; }
  dt { font-weight: 600; } dd { margin: 0 0 .5rem 0; }
  .empty { color: #646970; }
  iframe.html-part { width: 100%; min-height: 24rem; border: 1px solid #dcdcde; background: #fff; }
`;

export function registerHtmlPages(app: Hono<MailEnv>, store: MessageStore): void {
  app.get('/', (c) => {
    const filter = mailboxFilter(c.req.query('address'), c.req.query('sender'));
    // A mailbox-limited login sees its own mail whatever the query asks for.
    const sees = c.get('sees');
    if (!filter && !c.get('limited'))
      return render(c, 'Captured mail', inbox([...store.items(0, INBOX_PAGE)], store.count), 200, true);
    const wanted = filter?.matches ?? (() => true);
    const matching = [...store.items()].filter((item) => sees(item) && wanted(item)).slice(0, INBOX_PAGE);
    const title = filter ? `Mail of ${filter.label}` : 'Your mail';
    return render(c, title, inbox(matching, matching.length), 200, true);
  });
  const visible = (c: Context<MailEnv>) => {
    const message = store.get(c.req.param('id') ?? '');
    return message && c.get('sees')(message.item) ? message : undefined;
  };
  app.get('/view/:id', (c) => {
    const message = visible(c);
    if (!message) return render(c, 'Message not found', html`<p>No message with this id.</p>`, 404);
    return render(c, message.item.Decoded.subject || '(no subject)', messageView(message.item));
  });
  app.get('/view/:id/html', (c) => {
    const message = visible(c);
    if (!message?.item.Decoded.html) return c.text('No HTML part.', 404);
    return c.html(message.item.Decoded.html, 200, MESSAGE_HTML_HEADERS);
  });
}

/**
 * One attendee's mailbox in a shared room: mail to their address or sent by their MISP
 * (`?address=…&sender=…`, either alone works).
 */
function mailboxFilter(address: string | undefined, sender: string | undefined) {
  const matches = mailboxMatcher({ address, sender });
  if (!matches) return undefined;
  const label = [address, sender].map((part) => part?.trim().toLowerCase()).filter(Boolean);
  return { label: label.join(' / '), matches };
}

function render(
  c: Context,
  title: string,
  content: HtmlEscapedString | Promise<HtmlEscapedString>,
  status = 200,
  live = false,
) {
  const nonce = randomBytes(16).toString('base64');
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · lab mail</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${content}
        ${
          live
            ? html`<script nonce="${nonce}">
                ${raw(LIVE_SCRIPT)};
              </script>`
            : ''
        }
      </body>
    </html>`;
  return c.html(page, status as 200, securityHeaders(nonce));
}

/** The inbox shows the newest messages only; the API pages through all of them. */
const INBOX_PAGE = 200;

function inbox(items: MailHogItem[], total: number) {
  if (items.length === 0) return html`<p class="empty">No messages yet.</p>`;
  return html`<p>
      ${total} message(s), newest first${total > items.length ? `, the newest ${items.length} shown` : ''}.
      New mail appears by itself.
    </p>
    <table>
      <thead>
        <tr>
          <th>Received</th>
          <th>From</th>
          <th>To</th>
          <th>Subject</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (item) =>
            html`<tr>
              <td><time datetime="${item.Created}">${item.Created.replace('T', ' ').slice(0, 19)}</time></td>
              <td>${sender(item)}</td>
              <td>${recipients(item)}</td>
              <td>
                <a href="/view/${encodeURIComponent(item.ID)}">${item.Decoded.subject || '(no subject)'}</a>
              </td>
              <td><a href="${downloadUrl(item)}">.eml</a></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function messageView(item: MailHogItem) {
  return html`<p><a href="/">← all messages</a> · <a href="${downloadUrl(item)}">download .eml</a></p>
    <dl>
      <dt>Received</dt>
      <dd>${item.Created}</dd>
      <dt>From</dt>
      <dd>${sender(item)}</dd>
      <dt>To</dt>
      <dd>${recipients(item)}</dd>
      <dt>Envelope</dt>
      <dd>
        MAIL FROM &lt;${item.Raw.From}&gt; RCPT TO ${item.Raw.To.map((to) => `<${to}>`).join(', ')} (HELO
        ${item.Raw.Helo})
      </dd>
    </dl>
    <h2>Text</h2>
    ${item.Decoded.text ? html`<pre>${item.Decoded.text}</pre>` : html`<p class="empty">No text part.</p>`}
    ${
      item.Decoded.html
        ? html`<h2>HTML</h2>
            <iframe
              class="html-part"
              sandbox=""
              referrerpolicy="no-referrer"
              title="HTML part"
              src="/view/${encodeURIComponent(item.ID)}/html"
            ></iframe>
            <details>
              <summary>HTML part (source)</summary>
              <pre>${item.Decoded.html}</pre>
            </details>`
        : ''
    }`;
}

function sender(item: MailHogItem): string {
  return item.Decoded.from || item.Raw.From || '(null sender)';
}

function recipients(item: MailHogItem): string {
  return item.Decoded.to || item.Raw.To.join(', ');
}

function downloadUrl(item: MailHogItem): string {
  return `/api/v1/messages/${encodeURIComponent(item.ID)}/download`;
}
