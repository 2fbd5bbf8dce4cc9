/**
 * What a running lab offers the harness, whatever the target. `toContract` gives the JSON object
 * `misp-lab up --json` prints (shared/design/architecture.md), nothing more.
 */
export interface LabEnvironment {
  target: 'embedded' | 'containers' | 'external';
  misp: {
    url: string;
    adminEmail: string;
    adminPassword: string;
    adminAuthKey: string;
    /**
     * MISP's console ("cake Admin"): argv prefix; absent where the target gives no shell access.
     * `dataDir`: the folder holding the server's database, as the console's host sees it.
     */
    console?: { command: string[]; env?: Record<string, string>; dataDir?: string };
    /** Extra CA file for TLS to an external MISP. */
    caFile?: string;
    insecureTls?: boolean;
  };
  /** `kind`: the catcher's API (MailHog unless said otherwise; the lab's own speaks MailHog's). */
  mail: { url: string; smtpPort: number; smtpHost: string; kind?: 'mailhog' | 'mailpit' };
  chat: {
    url: string;
    token: string;
    channelId: string;
    webhookUrl: string;
    teamName: string;
    channelName: string;
    /** The chat's system admin, where the lab created one (embedded: generated per lab). */
    admin?: { username: string; password: string };
  };
  /** The interface the lab's own services listen on (embedded), for `up` to say who can reach them. */
  listenHost?: string;
}

export interface ContractJson {
  misp: { url: string; adminEmail: string; adminPassword: string; adminAuthKey: string };
  mail: { url: string; smtpPort: number };
  chat: { url: string; token: string; channelId: string; webhookUrl: string };
}

export function toContract(env: LabEnvironment): ContractJson {
  return {
    misp: {
      url: env.misp.url,
      adminEmail: env.misp.adminEmail,
      adminPassword: env.misp.adminPassword,
      adminAuthKey: env.misp.adminAuthKey,
    },
    mail: { url: env.mail.url, smtpPort: env.mail.smtpPort },
    chat: {
      url: env.chat.url,
      token: env.chat.token,
      channelId: env.chat.channelId,
      webhookUrl: env.chat.webhookUrl,
    },
  };
}

export interface StartedLab {
  environment: LabEnvironment;
  stop(): Promise<void>;
}

/**
 * Set to "1" by `check --allow-mutations`: the external target may be written to. The lab's own
 * targets always may (they are set up scenario by scenario).
 */
export const ALLOW_MUTATIONS_VARIABLE = 'MISP_LAB_ALLOW_MUTATIONS';

export function writesAllowed(env: LabEnvironment): boolean {
  return env.target !== 'external' || process.env[ALLOW_MUTATIONS_VARIABLE] === '1';
}

/** Passed from the CLI to Cucumber workers so every worker uses the one lab the CLI started. */
export const LAB_ENV_VARIABLE = 'MISP_LAB_ENVIRONMENT';

/** The external target's variables for a lab's mail catcher and chat server (MAIL_*, MATTERMOST_*). */
export function mailAndChatVariables(env: LabEnvironment): Record<string, string> {
  const { mail, chat } = env;
  return {
    MAIL_API_URL: mail.url,
    MAIL_SMTP_HOST: mail.smtpHost,
    MAIL_SMTP_PORT: String(mail.smtpPort),
    MATTERMOST_URL: chat.url,
    MATTERMOST_TOKEN: chat.token,
    MATTERMOST_CHANNEL_ID: chat.channelId,
    MATTERMOST_WEBHOOK_URL: chat.webhookUrl,
    MATTERMOST_TEAM: chat.teamName,
    MATTERMOST_CHANNEL: chat.channelName,
  };
}
