/**
 * Mattermost's own REST client (`@mattermost/client`'s Client4) for the room's chat calls. It is
 * CommonJS whose exports Node's ESM loader cannot name (they are getters), so it is reached
 * through the default export; the types are the package's own.
 */
import mattermostClient from '@mattermost/client';
import type { Client4 as Client4Class } from '@mattermost/client';

const { Client4 } = mattermostClient as unknown as { Client4: typeof Client4Class };

export type MattermostClient4 = Client4Class;

export function client4(baseUrl: string, token: string): MattermostClient4 {
  const client = new Client4();
  client.setUrl(baseUrl);
  client.setToken(token);
  return client;
}
