import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { HtmlRenderer, Node, Parser } from '@mattermost/commonmark';
import type { MmPost } from '../../mattermost-types.ts';
import type { ChatContext, ChatEnv } from '../request.ts';
import type { ChatStore } from '../store.ts';
import { loginOf, loginRequired, type BasicLogin } from '../../../http-basic-logins.ts';

// A small read-only web view for people: which teams and channels exist, and what was posted where,
// new posts appearing as they come (an event stream per channel). Names go through escapeHtml;
// messages are Markdown, rendered as Mattermost renders them, by its own CommonMark fork in safe
// mode (raw HTML dropped, javascript: links emptied), and the page's CSP loads nothing remote.

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const markdownParser = new Parser();
const markdownRenderer = new HtmlRenderer({ safe: true, softbreak: '<br>' });

/**
 * A message or attachment text as Mattermost shows it: Markdown, with raw HTML shown as the
 * text it is (Mattermost never renders a post's HTML), and unsafe link targets emptied.
 */
export function markdown(text: string): string {
  const tree = markdownParser.parse(text);
  const walker = tree.walker();
  const raw: Node[] = [];
  for (let step = walker.next(); step; step = walker.next()) {
    if (step.entering && (step.node.type === 'html_inline' || step.node.type === 'html_block'))
      raw.push(step.node);
  }
  for (const node of raw) {
    const literal = new Node('text');
    literal.literal = (node.literal ?? '').replace(/\n$/, '');
    if (node.type === 'html_block') {
      const paragraph = new Node('paragraph');
      paragraph.appendChild(literal);
      node.insertBefore(paragraph);
    } else {
      node.insertBefore(literal);
    }
    node.unlink();
  }
  return markdownRenderer.render(tree);
}

const PAGE_CSP = (nonce: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}'; connect-src 'self'`;

// Runs in the reader's browser: each post the stream sends goes on top, as the server rendered it.
const LIVE_SCRIPT = `const list = document.getElementById('posts');
const stream = new EventSource(location.pathname.replace(/\\/$/, '') + '/stream');
stream.addEventListener('post', (event) => {
  document.querySelector('#posts > .empty')?.remove();
  list.insertAdjacentHTML('afterbegin', JSON.parse(event.data).html);
});`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1f2328}
header{background:#1e325c;color:#fff;padding:.8rem 1.5rem}header a{color:#fff}main{max-width:52rem;margin:1.5rem auto;padding:0 1rem}
.post{background:#fff;border:1px solid #dde;border-radius:6px;padding:.7rem 1rem;margin:.6rem 0}
.meta{color:#57606a;font-size:.85em;margin-bottom:.3rem}.author{font-weight:600;color:#1f2328}
.tag{background:#e7ecf5;border-radius:3px;padding:0 .3rem;margin-left:.3rem;font-size:.8em}
.attachment{border-left:4px solid #9aa8c0;padding-left:.6rem;margin-top:.4rem}.empty{color:#57606a}`;

function page(title: string, body: string, nonce?: string): string {
  const script = nonce ? `<script nonce="${nonce}">${LIVE_SCRIPT}</script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><a href="/">Lab chat</a> &middot; ${escapeHtml(title)}</header><main>${body}</main>${script}</body></html>`;
}

function channelUrl(team: string, channel: string): string {
  return `/channels/${encodeURIComponent(team)}/${encodeURIComponent(channel)}`;
}

function attachmentHtml(attachment: unknown): string {
  if (typeof attachment !== 'object' || attachment === null) return '';
  const parts = ['pretext', 'title', 'text', 'fallback']
    .map((key) => (attachment as Record<string, unknown>)[key])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return parts.length ? `<div class="attachment">${parts.map(markdown).join('')}</div>` : '';
}

function postHtml(store: ChatStore, post: MmPost): string {
  const user = store.userById(post.user_id);
  const override = post.props['override_username'];
  const author =
    typeof override === 'string' && override !== '' ? override : (user?.username ?? post.user_id);
  const tags = [user?.is_bot ? 'BOT' : '', post.props['from_webhook'] === 'true' ? 'webhook' : '']
    .filter(Boolean)
    .map((tag) => `<span class="tag">${tag}</span>`)
    .join('');
  const attachments = Array.isArray(post.props['attachments']) ? post.props['attachments'] : [];
  const time = new Date(post.create_at).toISOString();
  return `<article class="post" id="post-${escapeHtml(post.id)}"><div class="meta"><span class="author">${escapeHtml(author)}</span>${tags}
 &middot; <time datetime="${time}">${time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time></div>
<div class="message">${markdown(post.message)}</div>${attachments.map(attachmentHtml).join('')}</article>`;
}

/**
 * A login to the web view (not the REST API, which has its own tokens): with `channels` it
 * reads only those channel names, without it every channel (a room's trainer).
 */
export interface ChatPageLogin extends BasicLogin {
  channels?: string[];
}

/**
 * `GET /` lists teams and channels; `GET /channels/<team>/<channel>` shows a channel, newest
 * post first. With logins, every page asks for one (401), and a channel the login may not read
 * answers 404 like a missing one (a 403 would confirm that it exists).
 */
export function pageRoutes(store: ChatStore, logins: readonly ChatPageLogin[] = []): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();
  /** Which channel names the request may read (undefined: all), or the 401 to answer. */
  const readable = (c: ChatContext): Response | { channels?: string[] } => {
    if (logins.length === 0) return {};
    const login = loginOf(logins, c.req.header('authorization'));
    if (!login) return loginRequired('Lab chat');
    return login.channels ? { channels: login.channels } : {};
  };
  const mayRead = (allowed: { channels?: string[] }, name: string) =>
    allowed.channels === undefined || allowed.channels.includes(name);

  routes.get('/', (c) => {
    const allowed = readable(c);
    if (allowed instanceof Response) return allowed;
    const teams = store.listTeams().map((team) => {
      const channels = store
        .channelsOfTeam(team.id)
        .filter((ch) => mayRead(allowed, ch.name))
        .map(
          (ch) =>
            `<li><a href="${channelUrl(team.name, ch.name)}">${escapeHtml(ch.display_name)}</a> (${ch.total_msg_count} posts)</li>`,
        )
        .join('');
      return `<section><h2>${escapeHtml(team.display_name)}</h2><ul>${channels || '<li class="empty">No channels.</li>'}</ul></section>`;
    });
    return c.html(page('Teams and channels', teams.join('') || '<p class="empty">No teams yet.</p>'));
  });

  const channelOf = (c: ChatContext, allowed: { channels?: string[] }) => {
    const team = store.teamByName(c.req.param('team') ?? '');
    const channel = team && store.channelByName(team.id, c.req.param('channel') ?? '');
    return team && channel && mayRead(allowed, channel.name) ? { team, channel } : undefined;
  };
  const showChannel = (c: ChatContext) => {
    const allowed = readable(c);
    if (allowed instanceof Response) return allowed;
    const found = channelOf(c, allowed);
    if (!found) return c.html(page('Not found', '<p>No such team or channel.</p>'), 404);
    const { team, channel } = found;
    const posts = store.postsOfChannel(channel.id).map((post) => postHtml(store, post));
    const title = `${team.display_name} / ${channel.display_name}`;
    const nonce = randomBytes(16).toString('base64');
    c.header('content-security-policy', PAGE_CSP(nonce));
    return c.html(
      page(
        title,
        `<h1>${escapeHtml(channel.display_name)}</h1><div id="posts">${posts.join('') || '<p class="empty">No posts yet.</p>'}</div>`,
        nonce,
      ),
    );
  };
  /** The channel's new posts as server-sent events (`post`, data `{"id","html"}`), for the page. */
  const streamChannel = (c: ChatContext) => {
    const allowed = readable(c);
    if (allowed instanceof Response) return allowed;
    const found = channelOf(c, allowed);
    if (!found) return c.text('No such team or channel.', 404);
    return streamSSE(c, async (stream) => {
      const queue: MmPost[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = store.onPost((post) => {
        if (post.channel_id !== found.channel.id) return;
        queue.push(post);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        while (!stream.aborted) {
          const post = queue.shift();
          if (post) {
            await stream.writeSSE({
              event: 'post',
              data: JSON.stringify({ id: post.id, html: postHtml(store, post) }),
            });
            continue;
          }
          // A comment every 25 s keeps proxies from closing an idle stream.
          await Promise.race([
            new Promise<void>((resolve) => (wake = resolve)),
            stream.sleep(25_000).then(() => stream.write(': keep-alive\n\n')),
          ]);
          wake = undefined;
        }
      } finally {
        unsubscribe();
      }
    });
  };
  routes.get('/channels/:team/:channel', showChannel);
  routes.get('/channels/:team/:channel/stream', streamChannel);
  // The path a real Mattermost uses for the same view, so links written for one work on the other.
  routes.get('/:team/channels/:channel', showChannel);
  routes.get('/:team/channels/:channel/stream', streamChannel);

  return routes;
}
