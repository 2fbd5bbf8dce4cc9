import { Hono } from 'hono';
import type { MmPost, MmPostList } from '../../mattermost-types.ts';
import { ApiError, notFound } from '../errors.ts';
import { canPostInChannel, canReadChannel, requireOrForbid } from '../permissions.ts';
import {
  created,
  currentUser,
  idParam,
  integerQuery,
  objectField,
  readJsonObject,
  stringField,
  type ChatEnv,
} from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validatePostMessage } from '../validation.ts';
import { findChannelById } from './channels.ts';

const DEFAULT_PER_PAGE = 60;
const MAX_PER_PAGE = 200;

function postList(posts: MmPost[], neighbours: { next?: MmPost; prev?: MmPost } = {}): MmPostList {
  return {
    order: posts.map((post) => post.id),
    posts: Object.fromEntries(posts.map((post) => [post.id, post])),
    next_post_id: neighbours.next?.id ?? '',
    prev_post_id: neighbours.prev?.id ?? '',
    has_next: neighbours.next !== undefined,
  };
}

/** Posts: creating with a session or bot token, reading one, and a channel's list (paged or `since`). */
export function postRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();

  routes.post('/posts', async (c) => {
    const caller = currentUser(c, store);
    const body = await readJsonObject(c, 'post');
    const channelId = stringField(body, 'channel_id');
    const message = stringField(body, 'message', '');
    const rootId = stringField(body, 'root_id', '');
    const props = objectField(body, 'props') ?? {};
    validatePostMessage(message);
    const channel = findChannelById(store, channelId);
    requireOrForbid(canPostInChannel(store, caller, channel));
    if (rootId !== '' && store.postById(rootId)?.channel_id !== channel.id) {
      throw new ApiError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
    }
    return created(
      c,
      store.createPost({ user_id: caller.id, channel_id: channel.id, message, props, root_id: rootId }),
    );
  });

  routes.get('/posts/:post_id', (c) => {
    const caller = currentUser(c, store);
    const post = store.postById(idParam(c, 'post_id'));
    if (!post) throw notFound('app.post.get.app_error', 'Unable to get the post.');
    requireOrForbid(canReadChannel(store, caller, findChannelById(store, post.channel_id)));
    return c.json(post);
  });

  // With `since`, Mattermost answers every post changed after that instant (update_at > since) and
  // ignores paging; without it, pages of `per_page` posts, newest first.
  routes.get('/channels/:channel_id/posts', (c) => {
    const caller = currentUser(c, store);
    const channel = findChannelById(store, idParam(c, 'channel_id'));
    requireOrForbid(canReadChannel(store, caller, channel));
    const posts = store.postsOfChannel(channel.id);
    if (c.req.query('since') !== undefined) {
      const since = integerQuery(c, 'since', 0);
      return c.json(postList(posts.filter((post) => post.update_at > since)));
    }
    const page = integerQuery(c, 'page', 0);
    const perPage = Math.min(integerQuery(c, 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const start = page * perPage;
    const slice = posts.slice(start, start + perPage);
    return c.json(
      postList(slice, { next: start > 0 ? posts[start - 1] : undefined, prev: posts[start + perPage] }),
    );
  });

  return routes;
}
