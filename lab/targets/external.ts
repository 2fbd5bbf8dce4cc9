/**
 * An existing MISP deployment, described by the environment only (it holds secrets):
 *   MISP_URL, MISP_ADMIN_AUTHKEY, MISP_ADMIN_EMAIL, MISP_ADMIN_PASSWORD, MISP_CA_FILE, MISP_INSECURE_TLS
 *   MISP_CONSOLE (optional, e.g. "ssh misp sudo -u www-data /var/www/MISP/app/Console/cake Admin")
 *   MAIL_API_URL, MAIL_SMTP_HOST, MAIL_SMTP_PORT (the catcher MISP delivers to), MAIL_API_KIND (mailhog|mailpit)
 *   MATTERMOST_URL, MATTERMOST_TOKEN, MATTERMOST_CHANNEL_ID, MATTERMOST_WEBHOOK_URL, MATTERMOST_TEAM, MATTERMOST_CHANNEL
 * TLS is verified unless MISP_INSECURE_TLS=1; MISP_CA_FILE adds the CA of a private PKI.
 * A preflight (preflight.ts) runs before any scenario; MISP_LAB_SKIP_PREFLIGHT=1 skips it.
 */
import { parseMailApiKind, type MailApiKind } from '../clients/mail.ts';
import { existsSync } from 'node:fs';
import type { LabEnvironment, StartedLab } from './lab-environment.ts';
import { preflight } from './preflight.ts';

export class ExternalConfigError extends Error {}

function mailKind(value: string | undefined): MailApiKind {
  try {
    return parseMailApiKind(value);
  } catch (error) {
    throw new ExternalConfigError((error as Error).message);
  }
}

/** Every preflight problem, one line each; main.ts prints the message after "misp-lab: ". */
export class PreflightError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((problem) => `preflight: ${problem}`).join('\nmisp-lab: '));
  }
}

/** `auditOnly`: the posture profile reads MISP only, so mail, chat and the admin password are optional. */
export async function connectExternalLab(
  env: NodeJS.ProcessEnv,
  options: { auditOnly?: boolean } = {},
): Promise<StartedLab> {
  const audit = options.auditOnly === true;
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
  if (!/^https?:$/.test(new URL(url).protocol))
    throw new ExternalConfigError(`MISP_URL must be http(s), got "${url}"`);
  for (const name of ['MAIL_API_URL', 'MATTERMOST_URL']) {
    if (audit && !env[name]) continue;
    if (!URL.canParse(need(name))) throw new ExternalConfigError(`${name} is not a URL: "${env[name]}"`);
  }
  const caFile = env.MISP_CA_FILE || undefined;
  if (caFile && !existsSync(caFile)) throw new ExternalConfigError(`MISP_CA_FILE ${caFile} does not exist`);
  const smtpPort = Number(env.MAIL_SMTP_PORT ?? 1025);
  if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535)
    throw new ExternalConfigError(`MAIL_SMTP_PORT must be a port number, got "${env.MAIL_SMTP_PORT}"`);
  const consoleLine = env.MISP_CONSOLE?.trim();
  const environment: LabEnvironment = {
    target: 'external',
    misp: {
      url: url.replace(/\/+$/, ''),
      adminEmail: env.MISP_ADMIN_EMAIL ?? 'admin@admin.test',
      adminPassword: audit ? (env.MISP_ADMIN_PASSWORD ?? '') : need('MISP_ADMIN_PASSWORD'),
      adminAuthKey: need('MISP_ADMIN_AUTHKEY'),
      console: consoleLine ? { command: consoleLine.split(/\s+/) } : undefined,
      caFile,
      insecureTls: env.MISP_INSECURE_TLS === '1' || env.MISP_INSECURE_TLS === 'true',
    },
    mail: {
      url: audit ? (env.MAIL_API_URL ?? '') : need('MAIL_API_URL'),
      smtpHost: env.MAIL_SMTP_HOST ?? (env.MAIL_API_URL ? new URL(env.MAIL_API_URL).hostname : '127.0.0.1'),
      smtpPort,
      kind: mailKind(env.MAIL_API_KIND),
    },
    chat: {
      url: audit ? (env.MATTERMOST_URL ?? '') : need('MATTERMOST_URL'),
      token: audit ? (env.MATTERMOST_TOKEN ?? '') : need('MATTERMOST_TOKEN'),
      channelId: audit ? (env.MATTERMOST_CHANNEL_ID ?? '') : need('MATTERMOST_CHANNEL_ID'),
      webhookUrl: env.MATTERMOST_WEBHOOK_URL ?? '',
      teamName: env.MATTERMOST_TEAM ?? '',
      channelName: env.MATTERMOST_CHANNEL ?? '',
    },
  };
  if (env.MISP_LAB_SKIP_PREFLIGHT !== '1') {
    const { problems } = await preflight(environment, Date.now, { auditOnly: audit });
    if (problems.length > 0) throw new PreflightError(problems);
  }
  return { environment, stop: async () => undefined };
}
