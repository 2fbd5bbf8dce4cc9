import { Hono } from 'hono';
import { invalidBodyParam } from '../errors.ts';
import { requireSystemAdmin } from '../permissions.ts';
import { currentUser, readJsonObject, type ChatEnv, type JsonObject } from '../request.ts';
import type { ChatConfig, ChatStore } from '../store.ts';

// The config switches live in two sections of Mattermost's config.json; the stand-in keeps them flat.
const SECTIONS: Record<string, (keyof ChatConfig)[]> = {
  ServiceSettings: [
    'EnableBotAccountCreation',
    'EnableUserAccessTokens',
    'EnableIncomingWebhooks',
    'EnablePostUsernameOverride',
    'EnablePostIconOverride',
  ],
  TeamSettings: ['EnableOpenServer'],
};

function configJson(config: ChatConfig): Record<string, Record<string, boolean>> {
  return Object.fromEntries(
    Object.entries(SECTIONS).map(([section, keys]) => [
      section,
      Object.fromEntries(keys.map((k) => [k, config[k]])),
    ]),
  );
}

/** Validates the whole patch before applying any of it, so a bad patch changes nothing. */
function applyPatch(config: ChatConfig, patch: JsonObject): void {
  const updates: Partial<ChatConfig> = {};
  for (const [section, keys] of Object.entries(SECTIONS)) {
    const values = patch[section];
    if (values === undefined) continue;
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      throw invalidBodyParam('config');
    for (const key of keys) {
      const value = (values as JsonObject)[key];
      if (value === undefined) continue;
      if (typeof value !== 'boolean') throw invalidBodyParam('config', `${section}.${key} must be a boolean`);
      updates[key] = value;
    }
  }
  Object.assign(config, updates);
}

/** `GET /api/v4/config` and `PUT /api/v4/config/patch`, limited to the switches the lab needs. */
export function configRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();
  routes.get('/config', (c) => {
    requireSystemAdmin(currentUser(c, store));
    return c.json(configJson(store.config));
  });
  routes.put('/config/patch', async (c) => {
    requireSystemAdmin(currentUser(c, store));
    applyPatch(store.config, await readJsonObject(c, 'config'));
    return c.json(configJson(store.config));
  });
  return routes;
}
