/**
 * One-shot Mattermost bootstrap for docker/compose.yaml: waits for Mattermost, then makes it ready
 * for the lab (admin, team, channel, bot with a token, incoming webhook) through its REST API
 * (lab/chat/bootstrap.ts; idempotent, so `docker compose up` again is safe). Prints one JSON line
 * with what MISP's Mattermost module needs: `docker compose logs mattermost-bootstrap`.
 *
 * Environment: MATTERMOST_URL (default http://mattermost:8065), MATTERMOST_ADMIN_EMAIL,
 * MATTERMOST_ADMIN_USERNAME, MATTERMOST_ADMIN_PASSWORD, MATTERMOST_TEAM, MATTERMOST_CHANNEL,
 * MATTERMOST_BOT.
 */
import { bootstrapMattermost } from '../../lab/chat/bootstrap.ts';
import { MattermostClient } from '../../lab/chat/mattermost-client.ts';

const env = process.env;
const url = env.MATTERMOST_URL || 'http://mattermost:8065';
try {
  await new MattermostClient(url).waitUntilReady({ timeoutMs: 300_000, intervalMs: 2_000 });
  const result = await bootstrapMattermost(url, {
    adminEmail: env.MATTERMOST_ADMIN_EMAIL || 'trainer@lab.test',
    adminUsername: env.MATTERMOST_ADMIN_USERNAME || 'trainer',
    adminPassword: env.MATTERMOST_ADMIN_PASSWORD || 'Trainer-Lab-2024!',
    teamName: env.MATTERMOST_TEAM || 'cert',
    channelName: env.MATTERMOST_CHANNEL || 'misp-alerts',
    botUsername: env.MATTERMOST_BOT || 'misp-bot',
    log: (line) => console.error(`[bootstrap] ${line}`),
  });
  const { token, channelId, webhookUrl, teamId } = result;
  console.log(JSON.stringify({ mattermost: { url, token, teamId, channelId, webhookUrl } }));
} catch (error) {
  console.error(`[bootstrap] Mattermost at ${url}: ${(error as Error).message}`);
  process.exit(1);
}
