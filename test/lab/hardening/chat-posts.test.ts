// The chat stand-in keeps at most MAX_POSTS posts (issue 10: bounded memory for chat posts, which
// incoming webhooks create without a login): past it the oldest go, the newest stay readable.
import { describe, expect, it } from 'vitest';
import { ChatStore, MAX_POSTS } from '../../../lab/chat/server/store.ts';

describe('chat posts', () => {
  it('drops the oldest post past MAX_POSTS', () => {
    const store = new ChatStore();
    const user = store.createUser({ username: 'bot', email: 'bot@lab.test', roles: 'system_user' });
    const team = store.createTeam({ name: 'cert', display_name: 'CERT', type: 'O', email: '' });
    const channel = store.createChannel({
      team_id: team.id,
      name: 'alerts',
      display_name: 'Alerts',
      type: 'O',
      purpose: '',
      header: '',
      creator_id: user.id,
    });
    const ids: string[] = [];
    for (let i = 0; i < MAX_POSTS + 10; i += 1)
      ids.push(
        store.createPost({ user_id: user.id, channel_id: channel.id, message: `m${i}`, props: {} }).id,
      );
    expect(store.postsOfChannel(channel.id)).toHaveLength(MAX_POSTS);
    expect(store.postById(ids[0]!)).toBeUndefined();
    expect(store.postById(ids.at(-1)!)?.message).toBe(`m${MAX_POSTS + 9}`);
  });
});
