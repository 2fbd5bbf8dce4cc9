/**
 * One attendee's MISP: the reference server on its own port and data folder, its site admin
 * the attendee (as the slides assume), its mail sent as an address of its own so the shared
 * mail catcher can tell attendees apart. Reset = stop, drop the folder, start again on the
 * same port with the same credentials, so the hand-out stays right.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { generateAuthKey, generatePassword } from '../../server/auth/secrets.ts';
import type { Attendee } from './roster.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface AttendeeChat {
  channelName: string;
  channelId: string;
  webhookUrl: string;
  botToken: string;
}

export interface AttendeeLabOptions {
  attendee: Attendee;
  dataDir: string;
  listenHost: string;
  port: number;
  /** Where attendees open their MISP (an address of this machine they can reach). */
  publicHost: string;
  smtp: { host: string; port: number };
  chat: AttendeeChat;
}

export interface AttendeeCredentials {
  email: string;
  password: string;
  authKey: string;
}

/** The address an attendee's MISP sends from: the mail page filters on it. */
export function senderAddress(attendee: Attendee): string {
  return `misp-${attendee.id}@room.lab`;
}

export class AttendeeLab {
  private server: StartedMispServer | undefined;
  /** The port asked for, then the one bound: a reset keeps it, so the attendee's URL stays the same. */
  private port: number;
  /** When the current database was started: chat posts before it belong to an earlier run. */
  bootedAt = 0;
  readonly credentials: AttendeeCredentials;

  private constructor(readonly options: AttendeeLabOptions) {
    this.port = options.port;
    this.credentials = {
      email: options.attendee.email,
      password: generatePassword(),
      authKey: generateAuthKey(),
    };
  }

  static async start(options: AttendeeLabOptions): Promise<AttendeeLab> {
    const lab = new AttendeeLab(options);
    await lab.boot();
    return lab;
  }

  get attendee(): Attendee {
    return this.options.attendee;
  }

  /** The URL people open (the machine's reachable address), not where the server listens. */
  get url(): string {
    return `http://${this.options.publicHost}:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** The URL this process reaches the server on (the board's read-only checks). */
  get localUrl(): string {
    if (!this.server) throw new Error(`the lab of ${this.attendee.id} is not running`);
    return this.server.getUrl();
  }

  get console(): { command: string[]; env: Record<string, string> } {
    return {
      command: [process.execPath, join(REPO_ROOT, 'bin/misp-server.mjs'), 'admin'],
      env: { MISP_DATA_DIR: this.options.dataDir },
    };
  }

  async reset(): Promise<void> {
    await this.stop();
    rmSync(this.options.dataDir, { recursive: true, force: true });
    await this.boot();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  private async boot(): Promise<void> {
    const { options } = this;
    this.bootedAt = Date.now();
    this.server = await startMispServer({
      host: options.listenHost,
      port: this.port,
      dataDir: options.dataDir,
      smtp: options.smtp,
      admin: this.credentials,
      settings: {
        'MISP.email': senderAddress(options.attendee),
      },
    });
    this.port = this.server.getPort();
    // Links in MISP's mail and redirects name the address attendees open, known once the port is bound.
    const outcome = this.server.services.settings.editSetting('MISP.baseurl', this.url, {
      cli: true,
      force: true,
    });
    if (!outcome.ok) throw new Error(`MISP.baseurl: ${outcome.message.trim()}`);
  }
}
