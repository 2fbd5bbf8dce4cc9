/**
 * An existing MISP deployment, described by the environment only (it holds secrets):
 *   MISP_URL, MISP_ADMIN_AUTHKEY, MISP_ADMIN_EMAIL, MISP_ADMIN_PASSWORD, MISP_CA_FILE, MISP_INSECURE_TLS
 *   MISP_CONSOLE (optional, e.g. "ssh misp sudo -u www-data /var/www/MISP/app/Console/cake Admin")
 *   MAIL_API_URL, MAIL_SMTP_HOST, MAIL_SMTP_PORT (MailHog that MISP delivers to)
 *   MATTERMOST_URL, MATTERMOST_TOKEN, MATTERMOST_CHANNEL_ID, MATTERMOST_WEBHOOK_URL, MATTERMOST_TEAM, MATTERMOST_CHANNEL
 */
import type { LabEnvironment, StartedLab } from './lab-environment.ts';

export class ExternalConfigError extends Error {}

export async function connectExternalLab(env: NodeJS.ProcessEnv): Promise<StartedLab> {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new ExternalConfigError(`the external target needs ${name} in the environment`);
    return value;
  };
  const url = need('MISP_URL');
  try {
    new URL(url);
  } catch {
    throw new ExternalConfigError(`MISP_URL is not a URL: "${url}"`);
  }
  const consoleLine = env.MISP_CONSOLE?.trim();
  const environment: LabEnvironment = {
    target: 'external',
    misp: {
      url: url.replace(/\/+$/, ''),
      adminEmail: env.MISP_ADMIN_EMAIL ?? 'admin@admin.test',
      adminPassword: need('MISP_ADMIN_PASSWORD'),
      adminAuthKey: need('MISP_ADMIN_AUTHKEY'),
      console: consoleLine ? { command: consoleLine.split(/\s+/) } : undefined,
      caFile: env.MISP_CA_FILE || undefined,
      insecureTls: env.MISP_INSECURE_TLS === '1' || env.MISP_INSECURE_TLS === 'true',
    },
    mail: {
      url: need('MAIL_API_URL'),
      smtpHost: env.MAIL_SMTP_HOST ?? new URL(need('MAIL_API_URL')).hostname,
      smtpPort: Number(env.MAIL_SMTP_PORT ?? 1025),
    },
    chat: {
      url: need('MATTERMOST_URL'),
      token: need('MATTERMOST_TOKEN'),
      channelId: need('MATTERMOST_CHANNEL_ID'),
      webhookUrl: env.MATTERMOST_WEBHOOK_URL ?? '',
      teamName: env.MATTERMOST_TEAM ?? '',
      channelName: env.MATTERMOST_CHANNEL ?? '',
    },
  };
  return { environment, stop: async () => undefined };
}
