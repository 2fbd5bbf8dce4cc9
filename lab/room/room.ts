/**
 * A classroom: one MISP per attendee (own database, settings, workflows, users), one shared
 * mail catcher and one shared chat server (a channel, a bot token and an incoming webhook per
 * attendee), all in this process, plus the trainer's board. Ports: mail HTTP base+1, SMTP base+2,
 * chat base+3, board base+4, attendee i's MISP base+10+i.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailService, type StartedMailService } from '../mail/mail-service.ts';
import type { MailAccount } from '../mail/mail-accounts.ts';
import { ChatService, type StartedChatService } from '../chat/chat-service.ts';
import type { ChatPageLogin } from '../chat/server/routes/pages.ts';
import { bootstrapMattermost } from '../chat/bootstrap.ts';
import { client4 } from '../chat/client4.ts';
import { isLoopback } from '../targets/embedded.ts';
import { reachableAddresses, urlHost } from '../url-host.ts';
import { AttendeeLab, senderAddress, type AttendeeChat } from './attendee-lab.ts';
import type { Attendee } from './roster.ts';

export interface RoomOptions {
  attendees: Attendee[];
  host?: string;
  /** 0 picks free ports for everything. */
  portBase?: number;
  /** Keep every attendee's database under this folder; by default a temporary one removed at stop. */
  dataDir?: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export const TEAM_NAME = 'room';

const secret = () => randomBytes(12).toString('base64url');

export class Room {
  private constructor(
    readonly attendees: AttendeeLab[],
    readonly mail: StartedMailService,
    readonly chat: StartedChatService,
    /** Protects the board, sees every mail (off loopback) and is the chat's system admin. */
    readonly trainer: Credentials,
    /** Off loopback, each attendee's own login to the mail and chat pages (theirs only), by id. */
    private readonly attendeeLogins: ReadonlyMap<string, Credentials>,
    readonly publicHost: string,
    readonly listenHost: string,
    private readonly cleanUp: () => void,
  ) {}

  static async start(options: RoomOptions): Promise<Room> {
    const host = options.host ?? '127.0.0.1';
    const base = options.portBase ?? 0;
    const port = (offset: number) => (base === 0 ? 0 : base + offset);
    const temporary = options.dataDir === undefined;
    const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'misp-room-'));
    mkdirSync(root, { recursive: true });
    const publicHost = reachableAddresses(host)[0] ?? urlHost(host);
    const trainer = { username: 'trainer', password: `${secret()}-Aa1!` };
    // On a network every page login is someone's: the trainer's sees all, an attendee's their own.
    const attendeeLogins = new Map<string, Credentials>(
      isLoopback(host)
        ? []
        : options.attendees.map((attendee) => [attendee.id, { username: attendee.id, password: secret() }]),
    );
    const accounts: MailAccount[] = isLoopback(host)
      ? []
      : [
          { ...trainer },
          ...options.attendees.map((attendee) => ({
            ...attendeeLogins.get(attendee.id)!,
            mailbox: { address: attendee.email, sender: senderAddress(attendee) },
          })),
        ];
    const chatLogins: ChatPageLogin[] = isLoopback(host)
      ? []
      : [
          { ...trainer },
          ...options.attendees.map((attendee) => ({
            ...attendeeLogins.get(attendee.id)!,
            channels: [channelName(attendee)],
          })),
        ];
    const cleanUp = () => {
      if (temporary) rmSync(root, { recursive: true, force: true });
    };
    const started: Array<{ stop(): Promise<void> }> = [];
    try {
      const [mail, chat] = await Promise.all([
        MailService.start({ host, httpPort: port(1), smtpPort: port(2), accounts }),
        ChatService.start({ host, port: port(3), pageLogins: chatLogins }),
      ]);
      started.push(mail, chat);
      const channels = await attendeeChannels(chat.getBaseUrl(), trainer, options.attendees);
      const smtp = { host: isLoopback(host) ? host : '127.0.0.1', port: mail.getSmtpPort() };
      // All at once: start-up is mostly SQLite and one password hash each, on both cores.
      const outcomes = await Promise.allSettled(
        options.attendees.map((attendee, index) =>
          AttendeeLab.start({
            attendee,
            dataDir: join(root, attendee.id),
            listenHost: host,
            port: base === 0 ? 0 : base + 10 + index,
            publicHost,
            smtp,
            chat: channels[index]!,
          }),
        ),
      );
      const labs = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      started.push(...labs);
      const failed = outcomes.find(
        (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
      );
      if (failed) throw failed.reason;
      return new Room(labs, mail, chat, trainer, attendeeLogins, publicHost, host, cleanUp);
    } catch (error) {
      for (const service of started.reverse()) await service.stop().catch(() => undefined);
      cleanUp();
      throw error;
    }
  }

  find(id: string): AttendeeLab | undefined {
    return this.attendees.find((lab) => lab.attendee.id === id);
  }

  /** The trainer's mail login (sees every mailbox), none on loopback. */
  get mailCredentials(): Credentials | undefined {
    return this.attendeeLogins.size > 0 ? this.trainer : undefined;
  }

  /**
   * An attendee's own login to the mail page (their mailbox only) and the chat page (their
   * channel only); none on loopback.
   */
  loginFor(lab: AttendeeLab): Credentials | undefined {
    return this.attendeeLogins.get(lab.attendee.id);
  }

  /** The mail page an attendee opens: the shared catcher filtered to their lab's mail. */
  mailPageFor(lab: AttendeeLab): string {
    return `${this.publicUrl(this.mail.getHttpPort())}/?address=${encodeURIComponent(lab.attendee.email)}&sender=${encodeURIComponent(senderAddress(lab.attendee))}`;
  }

  chatPageFor(lab: AttendeeLab): string {
    return `${this.publicUrl(this.chat.getPort())}/channels/${TEAM_NAME}/${lab.options.chat.channelName}`;
  }

  publicUrl(port: number): string {
    return `http://${this.publicHost}:${port}`;
  }

  /** Starts one attendee's MISP afresh (empty database, same URL and credentials); the others keep running. */
  async reset(id: string): Promise<void> {
    const lab = this.find(id);
    if (!lab) throw new Error(`no attendee "${id}" in this room`);
    await this.resetLab(lab);
  }

  async resetAll(): Promise<void> {
    for (const lab of this.attendees) await this.resetLab(lab);
  }

  /** The mail API the board reads, with its credentials when the room is on a network. */
  get mailApiUrl(): string {
    const url = new URL(this.mail.getHttpUrl());
    if (this.mailCredentials) {
      url.username = this.mailCredentials.username;
      url.password = this.mailCredentials.password;
    }
    return url.toString().replace(/\/$/, '');
  }

  private async resetLab(lab: AttendeeLab): Promise<void> {
    await lab.reset();
    await deleteMailFrom(this.mail.getHttpUrl(), this.mailCredentials, senderAddress(lab.attendee));
  }

  async stop(): Promise<void> {
    for (const lab of this.attendees) await lab.stop().catch(() => undefined);
    await Promise.all([this.mail.stop(), this.chat.stop()]);
    this.cleanUp();
  }
}

const channelName = (attendee: Attendee) => `misp-${attendee.id}`;

/**
 * A private channel per attendee in one team, each with a bot of its own (only in that
 * channel), its token and an incoming webhook: one attendee's token cannot read another's
 * channel. The bootstrap makes the trainer, the team and the room's own channel; the
 * attendees' channels reuse its admin session, so the trainer logs in once.
 */
async function attendeeChannels(
  chatUrl: string,
  trainer: Credentials,
  attendees: Attendee[],
): Promise<AttendeeChat[]> {
  if (attendees.length === 0) return [];
  const setup = await bootstrapMattermost(chatUrl, {
    adminEmail: 'trainer@room.lab',
    adminUsername: trainer.username,
    adminPassword: trainer.password,
    teamName: TEAM_NAME,
    teamDisplayName: 'Workshop room',
    channelName: 'misp-room',
    channelDisplayName: 'Workshop room',
    botUsername: 'misp-bot',
    webhookDisplayName: 'misp-room',
  });
  const admin = client4(chatUrl, setup.adminToken);
  const channels: AttendeeChat[] = [];
  for (const attendee of attendees) {
    const channel = await admin.createChannel({
      team_id: setup.teamId,
      name: channelName(attendee),
      display_name: `MISP alerts · ${attendee.name}`,
      type: 'P',
    } as Parameters<typeof admin.createChannel>[0]);
    const bot = await admin.createBot({
      username: `misp-bot-${attendee.id}`,
      display_name: `MISP · ${attendee.name}`,
    });
    await admin.addToTeam(setup.teamId, bot.user_id);
    await admin.addToChannel(bot.user_id, channel.id);
    const hook = await admin.createIncomingWebhook({
      channel_id: channel.id,
      display_name: channelName(attendee),
      description: `MISP workflow notifications of ${attendee.name}`,
    } as Parameters<typeof admin.createIncomingWebhook>[0]);
    const { token } = await admin.createUserAccessToken(bot.user_id, `room ${attendee.id}`);
    if (!token) throw new Error(`the chat server minted no bot token for ${attendee.id}`);
    channels.push({
      channelName: channelName(attendee),
      channelId: channel.id,
      webhookUrl: `${chatUrl}/hooks/${hook.id}`,
      botToken: token,
    });
  }
  return channels;
}

/** A reset lab starts with an empty mailbox: its earlier mail would tick "notification received". */
async function deleteMailFrom(
  mailUrl: string,
  credentials: Credentials | undefined,
  sender: string,
): Promise<void> {
  const headers: Record<string, string> = credentials
    ? {
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
      }
    : {};
  const search = await fetch(
    `${mailUrl}/api/v2/search?kind=from&query=${encodeURIComponent(sender)}&limit=5000`,
    {
      headers,
    },
  );
  if (!search.ok) throw new Error(`mail search answered HTTP ${search.status}`);
  const { items } = (await search.json()) as { items: Array<{ ID: string }> };
  for (const item of items) {
    await fetch(`${mailUrl}/api/v1/messages/${encodeURIComponent(item.ID)}`, { method: 'DELETE', headers });
  }
}
