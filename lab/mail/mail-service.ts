/**
 * The lab's embedded mail service: a real SMTP server that captures every message, and
 * MailHog's HTTP API over what it captured, so the harness (and any MailHog client, such as the
 * `mailhog` npm package) reads mail the same way from this service, a MailHog container or a
 * real deployment's MailHog.
 *
 *   const mail = await MailService.start();            // ephemeral ports on 127.0.0.1
 *   // send to 127.0.0.1:mail.getSmtpPort() (plain SMTP, no AUTH, no STARTTLS)
 *   const api = mailhog({ host: '127.0.0.1', port: new URL(mail.getHttpUrl()).port });
 *   await api.latestTo('alice@example.org');
 *   await mail.stop();
 *
 * HTTP: MailHog API v1 (`/api/v1/messages[/:id[/download]]`, `/api/v1/events`) and v2
 * (`/api/v2/messages`, `/api/v2/search`); items also carry `Decoded` {subject, from, to, text,
 * html} decoded by mailparser. `/` is a small inbox page for trainers.
 * A message is stored before SMTP answers 250, so once a send resolves the API shows it.
 */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { SMTPServer } from 'smtp-server';
import { EventStreams } from './event-stream.ts';
import { createMailHogApi, type MailApiCredentials } from './http-api.ts';
import type { MailAccount } from './mail-accounts.ts';
import { MessageStore } from './message-store.ts';
import { urlHost } from '../url-host.ts';
import { createSmtpCapture, DEFAULT_MAX_MESSAGE_BYTES } from './smtp-capture.ts';

export interface MailServiceOptions {
  /** Interface for both listeners; default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port; read it back with getSmtpPort(). MailHog uses 1025. */
  smtpPort?: number;
  /** 0 (the default) picks a free port; read it back with getHttpUrl(). MailHog uses 8025. */
  httpPort?: number;
  /** Messages kept; past it the oldest goes. Default 5000. */
  maxMessages?: number;
  /** Bytes kept in all (raw + MailHog JSON); past it the oldest go. Default 1 GiB. */
  maxTotalBytes?: number;
  /** Bytes kept in memory; older messages move to a private temporary folder. Default 64 MiB. */
  maxMemoryBytes?: number;
  /** HTTP Basic credentials for the page and the API (MailHog's auth file); none on loopback. */
  credentials?: MailApiCredentials;
  /** Several logins instead, each limited to a mailbox or not (lab/mail/mail-accounts.ts). */
  accounts?: MailAccount[];
  /** Larger messages are refused with SMTP 552. Default 10 MiB. */
  maxMessageBytes?: number;
}

// How long stop() lets open HTTP responses finish before cutting their connections.
const HTTP_CLOSE_GRACE_MS = 500;

export class MailService {
  static async start(options: MailServiceOptions = {}): Promise<StartedMailService> {
    const host = options.host ?? '127.0.0.1';
    const smtpPort = checkPort(options.smtpPort ?? 0, 'smtpPort');
    const httpPort = checkPort(options.httpPort ?? 0, 'httpPort');
    const store = new MessageStore({
      ...(options.maxMessages !== undefined ? { maxMessages: options.maxMessages } : {}),
      ...(options.maxTotalBytes !== undefined ? { maxTotalBytes: options.maxTotalBytes } : {}),
      ...(options.maxMemoryBytes !== undefined ? { maxMemoryBytes: options.maxMemoryBytes } : {}),
    });
    const events = new EventStreams(store);
    const smtp = createSmtpCapture({
      store,
      maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    });
    const http = createAdaptorServer({
      fetch: createMailHogApi(store, events, options.accounts ?? options.credentials).fetch,
    }) as HttpServer;

    const boundSmtpPort = await listen(smtp.server, smtpPort, host, 'SMTP');
    let boundHttpPort: number;
    try {
      boundHttpPort = await listen(http, httpPort, host, 'HTTP');
    } catch (error) {
      await closeSmtp(smtp);
      throw error;
    }
    return new StartedMailService({
      host,
      smtpPort: boundSmtpPort,
      httpPort: boundHttpPort,
      store,
      events,
      smtp,
      http,
    });
  }
}

interface Running {
  host: string;
  smtpPort: number;
  httpPort: number;
  store: MessageStore;
  events: EventStreams;
  smtp: SMTPServer;
  http: HttpServer;
}

export class StartedMailService {
  private stopping: Promise<void> | undefined;

  constructor(private readonly running: Running) {}

  getHost(): string {
    return this.running.host;
  }

  getSmtpPort(): number {
    return this.running.smtpPort;
  }

  getHttpPort(): number {
    return this.running.httpPort;
  }

  /** Base URL of the MailHog API and the inbox page, e.g. http://127.0.0.1:8025 */
  getHttpUrl(): string {
    return `http://${urlHost(this.running.host)}:${this.running.httpPort}`;
  }

  getMessageCount(): number {
    return this.running.store.count;
  }

  clear(): void {
    this.running.store.clear();
  }

  /** Closes SMTP, HTTP and open event streams; resolves once no port is bound. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    const { smtp, http, events, store } = this.running;
    events.closeAll();
    await Promise.all([closeSmtp(smtp), closeHttp(http)]);
    store.close();
  }
}

function checkPort(port: number, name: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`mail service: ${name} must be an integer from 0 to 65535, got ${port}`);
  }
  return port;
}

function listen(server: NetServer, port: number, host: string, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const reason =
        error.code === 'EADDRINUSE'
          ? `${label} port ${port} is already in use`
          : `cannot listen for ${label} on ${host}:${port}: ${error.message}`;
      reject(new Error(`mail service: ${reason}`, { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeSmtp(smtp: SMTPServer): Promise<void> {
  return new Promise((resolve) => smtp.close(() => resolve()));
}

function closeHttp(http: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    // Idle keep-alive connections close at once; a response still streaming gets a grace period.
    const cutOff = setTimeout(() => http.closeAllConnections(), HTTP_CLOSE_GRACE_MS);
    http.close(() => {
      clearTimeout(cutOff);
      resolve();
    });
  });
}
