/**
 * The default target: reference server, mail and chat services in this process, on loopback
 * ports. Everything stops with stop(); a failure half-way stops what already started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { MailService, type StartedMailService } from '../mail/mail-service.ts';
import { ChatService, type StartedChatService } from '../chat/chat-service.ts';
import { bootstrapMattermost } from '../chat/bootstrap.ts';
import type { LabEnvironment, StartedLab } from './lab-environment.ts';

export interface EmbeddedOptions {
  host?: string;
  /** 0 picks free ports; otherwise MISP on base, mail HTTP on base+1, SMTP base+2, chat base+3. */
  portBase?: number;
  /** Keep the database here (survives restarts); by default a temporary folder removed at stop. */
  dataDir?: string;
  teamName?: string;
  channelName?: string;
  /** Announce the server in this folder, so `npx misp-server admin` run there acts on it. */
  announceIn?: string;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function randomSecret(): string {
  return randomBytes(12).toString('base64url');
}

function withCredentials(
  url: string,
  credentials: { username: string; password: string } | undefined,
): string {
  if (!credentials) return url;
  const withAuth = new URL(url);
  withAuth.username = credentials.username;
  withAuth.password = credentials.password;
  return withAuth.toString().replace(/\/$/, '');
}

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export async function startEmbeddedLab(options: EmbeddedOptions = {}): Promise<StartedLab> {
  const host = options.host ?? '127.0.0.1';
  const base = options.portBase ?? 0;
  const port = (offset: number) => (base === 0 ? 0 : base + offset);
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'misp-lab-'));
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  // On loopback only this machine's users reach the services; anywhere else the mail API (email
  // OTP codes!) gets per-lab Basic credentials, and the chat admin always gets a fresh password.
  const mailCredentials = isLoopback(host) ? undefined : { username: 'lab', password: randomSecret() };
  const chatAdminPassword = `${randomSecret()}-Aa1!`;
  try {
    const [mail, chat] = await Promise.all([
      MailService.start({ host, httpPort: port(1), smtpPort: port(2), credentials: mailCredentials }),
      ChatService.start({ host, port: port(3) }),
    ]);
    stops.push(
      () => (mail as StartedMailService).stop(),
      () => (chat as StartedChatService).stop(),
    );
    const misp: StartedMispServer = await startMispServer({
      host,
      port: port(0),
      dataDir,
      smtp: { host, port: mail.getSmtpPort() },
      announceIn: options.announceIn,
    });
    stops.push(() => misp.stop());
    const chatSetup = await bootstrapMattermost(chat.getBaseUrl(), {
      adminEmail: 'trainer@lab.test',
      adminUsername: 'trainer',
      adminPassword: chatAdminPassword,
      teamName: options.teamName ?? 'cert',
      channelName: options.channelName ?? 'misp-alerts',
      botUsername: 'misp-bot',
    });
    const admin = misp.getAdmin();
    const environment: LabEnvironment = {
      target: 'embedded',
      misp: {
        url: misp.getUrl(),
        adminEmail: admin.email,
        adminPassword: admin.password,
        adminAuthKey: admin.authKey,
        console: {
          command: [process.execPath, join(REPO_ROOT, 'bin/misp-server.mjs'), 'admin'],
          env: { MISP_DATA_DIR: dataDir },
          dataDir,
        },
      },
      mail: {
        url: withCredentials(mail.getHttpUrl(), mailCredentials),
        smtpPort: mail.getSmtpPort(),
        smtpHost: host,
      },
      chat: {
        url: chat.getBaseUrl(),
        token: chatSetup.token,
        channelId: chatSetup.channelId,
        webhookUrl: chatSetup.webhookUrl,
        teamName: options.teamName ?? 'cert',
        channelName: options.channelName ?? 'misp-alerts',
        admin: { username: 'trainer', password: chatAdminPassword },
      },
      listenHost: host,
    };
    return { environment, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
