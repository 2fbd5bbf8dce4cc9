import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChatApp } from './server/app.ts';
import type { ChatPageLogin } from './server/routes/pages.ts';
import { ChatStore, type ChatConfig } from './server/store.ts';
import { urlHost } from '../url-host.ts';

export interface ChatServiceOptions {
  /** Defaults to 127.0.0.1: the lab never listens beyond the machine. */
  host?: string;
  /** Defaults to 0, an ephemeral port; `getBaseUrl()` reports the real one. */
  port?: number;
  /** Injectable clock for post timestamps (ms since the epoch). */
  now?: () => number;
  /** Overrides of the Mattermost config switches (bots, tokens, webhooks, open sign-up). */
  config?: Partial<ChatConfig>;
  /** Where unexpected server errors are written; stderr by default. */
  log?: (line: string) => void;
  /** Logins for the web view (lab/chat/server/routes/pages.ts); none: the view is open. */
  pageLogins?: ChatPageLogin[];
}

/** A running chat stand-in. `stop()` may be called any number of times. */
export interface StartedChatService {
  getBaseUrl(): string;
  getHost(): string;
  getPort(): number;
  stop(): Promise<void>;
}

/**
 * An embedded stand-in for Mattermost that speaks the REST v4 subset the lab needs (see
 * shared/spec/lab-services.md), so the same MattermostClient talks to it and to a real Mattermost.
 */
export class ChatService {
  static async start(options: ChatServiceOptions = {}): Promise<StartedChatService> {
    const host = options.host ?? '127.0.0.1';
    const store = new ChatStore(options.now, options.config);
    const app = createChatApp(store, options.log, options.pageLogins);
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    await listen(server, host, options.port ?? 0);
    const port = (server.address() as AddressInfo).port;
    let stopping: Promise<void> | undefined;
    return {
      getBaseUrl: () => `http://${urlHost(host)}:${port}`,
      getHost: () => host,
      getPort: () => port,
      stop: () => (stopping ??= close(server)),
    };
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE')
        reject(new Error(`Chat service cannot start: port ${port} on ${host} is already in use`));
      else reject(new Error(`Chat service cannot listen on ${where}: ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes idle keep-alive connections too, so the port is free as soon as the promise resolves. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    server.closeAllConnections();
  });
}
