import { Hono } from 'hono';
import type { MmChannel, MmIncomingWebhook, MmPostProps } from '../../mattermost-types.ts';
import { ApiError, invalidBodyParam, notFound } from '../errors.ts';
import { isSystemAdmin, isTeamAdmin, requireOrForbid } from '../permissions.ts';
import {
  created,
  currentUser,
  idParam,
  integerQuery,
  readJsonObject,
  requireEnabled,
  stringField,
  type ChatEnv,
  type ChatContext,
  type JsonObject,
} from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validatePostMessage } from '../validation.ts';
import { findChannelById } from './channels.ts';

const WEBHOOKS_DISABLED = 'Incoming webhooks have been disabled by the system admin.';

const parseError = (detail: string) =>
  new ApiError(400, 'api.webhook.incoming.parse_data.app_error', 'Unable to parse incoming data.', detail);

/**
 * Reads a webhook body the way Mattermost does: form posts (urlencoded or multipart) carry the JSON in
 * the `payload` field, anything else is taken as JSON whatever its content type says.
 */
async function readWebhookPayload(c: ChatContext): Promise<JsonObject> {
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let text: string;
  if (contentType === 'application/x-www-form-urlencoded' || contentType === 'multipart/form-data') {
    const form = await c.req.parseBody().catch(() => {
      throw parseError('the form body could not be read');
    });
    const payload = form['payload'];
    if (typeof payload !== 'string') throw parseError('the form has no payload field');
    text = payload;
  } else {
    text = await c.req.text();
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw parseError(error instanceof Error ? error.message : String(error));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw parseError('not a JSON object');
  return value as JsonObject;
}

/** The payload's optional `channel` (a channel name in the hook's team) overrides the hook's channel. */
function targetChannel(store: ChatStore, hook: MmIncomingWebhook, requested: string): MmChannel {
  const hookChannel = findChannelById(store, hook.channel_id);
  const name = requested.replace(/^[~#]/, '');
  if (name === '' || name === hookChannel.name) return hookChannel;
  if (hook.channel_locked) {
    throw new ApiError(
      403,
      'web.incoming_webhook.channel_locked.app_error',
      'This webhook is not permitted to post to the requested channel.',
    );
  }
  const channel = name.startsWith('@') ? undefined : store.channelByName(hook.team_id, name);
  if (!channel)
    throw new ApiError(400, 'web.incoming_webhook.channel.app_error', "Couldn't find the channel.");
  return channel;
}

function webhookProps(store: ChatStore, hook: MmIncomingWebhook, payload: JsonObject): MmPostProps {
  const extra = payload['props'];
  if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra))) {
    throw parseError('props must be an object');
  }
  const props: MmPostProps = { ...(extra as MmPostProps | undefined), from_webhook: 'true' };
  const username = stringField(payload, 'username', '') || hook.username;
  const iconUrl = stringField(payload, 'icon_url', '') || hook.icon_url;
  if (username && store.config.EnablePostUsernameOverride) props['override_username'] = username;
  if (iconUrl && store.config.EnablePostIconOverride) props['override_icon_url'] = iconUrl;
  if (payload['attachments'] !== undefined) props['attachments'] = payload['attachments'];
  return props;
}

/** Incoming webhooks: managing them under /api/v4 and the public `POST /hooks/<id>` they expose. */
export function hookRoutes(store: ChatStore): { api: Hono<ChatEnv>; public: Hono<ChatEnv> } {
  const api = new Hono<ChatEnv>();

  api.post('/hooks/incoming', async (c) => {
    const caller = currentUser(c, store);
    requireEnabled(
      store.config.EnableIncomingWebhooks,
      501,
      'api.incoming_webhook.disabled.app_error',
      WEBHOOKS_DISABLED,
    );
    const body = await readJsonObject(c, 'incoming_webhook');
    const channel = findChannelById(store, stringField(body, 'channel_id'));
    requireOrForbid(isTeamAdmin(store, caller, channel.team_id));
    const channelLocked = body['channel_locked'] ?? false;
    if (typeof channelLocked !== 'boolean') throw invalidBodyParam('channel_locked');
    const hook = store.createIncomingWebhook({
      user_id: caller.id,
      channel_id: channel.id,
      team_id: channel.team_id,
      display_name: stringField(body, 'display_name', ''),
      description: stringField(body, 'description', ''),
      username: stringField(body, 'username', ''),
      icon_url: stringField(body, 'icon_url', ''),
      channel_locked: channelLocked,
    });
    return created(c, hook);
  });

  api.get('/hooks/incoming', (c) => {
    const caller = currentUser(c, store);
    const teamId = c.req.query('team_id');
    if (teamId === undefined) requireOrForbid(isSystemAdmin(caller));
    else requireOrForbid(isTeamAdmin(store, caller, teamId));
    const page = integerQuery(c, 'page', 0);
    const perPage = Math.min(integerQuery(c, 'per_page', 60), 200);
    const hooks = store.listHooks().filter((hook) => teamId === undefined || hook.team_id === teamId);
    return c.json(hooks.slice(page * perPage, (page + 1) * perPage));
  });

  api.get('/hooks/incoming/:hook_id', (c) => {
    const caller = currentUser(c, store);
    const hook = store.hookById(idParam(c, 'hook_id'));
    if (!hook) throw notFound('app.webhooks.get_incoming.app_error', 'Unable to get the webhook.');
    requireOrForbid(isTeamAdmin(store, caller, hook.team_id));
    return c.json(hook);
  });

  const open = new Hono<ChatEnv>();
  open.post('/hooks/:hook_id', async (c) => {
    requireEnabled(
      store.config.EnableIncomingWebhooks,
      501,
      'web.incoming_webhook.disabled.app_error',
      WEBHOOKS_DISABLED,
    );
    const payload = await readWebhookPayload(c);
    const hook = store.hookById(c.req.param('hook_id'));
    if (!hook) throw new ApiError(400, 'web.incoming_webhook.invalid.app_error', 'Invalid webhook.');
    const text = stringField(payload, 'text', '');
    const attachments = payload['attachments'];
    if (attachments !== undefined && !Array.isArray(attachments))
      throw parseError('attachments must be an array');
    if (text === '' && (attachments === undefined || attachments.length === 0)) {
      throw new ApiError(400, 'web.incoming_webhook.text.app_error', 'No text specified.');
    }
    validatePostMessage(text);
    const channel = targetChannel(store, hook, stringField(payload, 'channel', ''));
    store.createPost({
      user_id: hook.user_id,
      channel_id: channel.id,
      message: text,
      props: webhookProps(store, hook, payload),
    });
    return c.text('ok');
  });

  return { api, public: open };
}
