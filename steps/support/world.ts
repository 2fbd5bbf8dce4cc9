/**
 * The per-scenario world: the lab's addresses, clients bound to this scenario's transcript, a
 * unique namespace for everything the scenario creates, the actors it met, and the ledger of
 * what to undo. Steps read and write here only through tasks.
 */
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import type { LabEnvironment } from '../../lab/targets/lab-environment.ts';
import { MattermostClient } from '../../lab/chat/mattermost-client.ts';
import { MispRestClient } from '../../lab/clients/misp-rest.ts';
import { MailClient } from '../../lab/clients/mail.ts';
import { HttpTranscript } from '../../lab/clients/http-transcript.ts';
import { MispWebSession } from '../../lab/clients/misp-web-session.ts';
import { CleanupLedger } from '../../lab/clients/cleanup-ledger.ts';
import { redact, registerSecret } from './redact.ts';

export interface Actor {
  label: string;
  email: string;
  password: string;
  userId?: string;
  authKey?: string;
  totpSecret?: string;
}

export class LabWorld extends World {
  env!: LabEnvironment;
  /** Unique per scenario: emails and event names carry it, so scenarios never collide. */
  readonly ns = randomBytes(4).toString('hex');
  readonly transcript = new HttpTranscript();
  readonly ledger = new CleanupLedger(process.env.MISP_LAB_LEDGER_FILE || undefined);
  readonly actors = new Map<string, Actor>();
  /** Scenario memory for values one step finds and a later step checks (ids, timestamps). */
  readonly memory = new Map<string, unknown>();
  admin!: MispRestClient;
  mail!: MailClient;
  chat!: MattermostClient;
  browser: Browser | null = null;
  private adminWeb: Promise<MispWebSession> | null = null;
  private context: BrowserContext | null = null;
  private currentPage: Page | null = null;

  constructor(options: IWorldOptions) {
    super(options);
    // Every text attachment and log line is redacted on its way out, whoever attaches it.
    const attach = options.attach as (data: unknown, media?: unknown) => void;
    const redacting = (data: unknown, media?: unknown) =>
      attach(typeof data === 'string' ? redact(data) : data, media);
    Object.defineProperty(this, 'attach', { value: redacting });
    const log = options.log;
    Object.defineProperty(this, 'log', { value: (text: string) => log(redact(text)) });
  }

  bind(env: LabEnvironment, browser: Browser | null): void {
    this.env = env;
    this.browser = browser;
    this.admin = this.rest(env.misp.adminAuthKey);
    this.mail = new MailClient(env.mail.url, env.mail.kind);
    this.chat = new MattermostClient(env.chat.url, env.chat.token);
  }

  /** A REST client for a given auth key (or none), recording into this scenario's transcript. */
  rest(authKey?: string): MispRestClient {
    return new MispRestClient({
      baseUrl: this.env.misp.url,
      authKey,
      caFile: this.env.misp.caFile,
      insecureTls: this.env.misp.insecureTls,
      transcript: this.transcript,
    });
  }

  /** The site admin's web session (cookies, no browser), opened on first use. */
  adminWebSession(): Promise<MispWebSession> {
    this.adminWeb ??= MispWebSession.logIn(
      { baseUrl: this.env.misp.url, insecureTls: this.env.misp.insecureTls, transcript: this.transcript },
      this.env.misp.adminEmail,
      this.env.misp.adminPassword,
    );
    return this.adminWeb;
  }

  async closeWebSessions(): Promise<void> {
    const session = this.adminWeb;
    this.adminWeb = null;
    await (await session?.catch(() => null))?.close();
  }

  actor(label: string): Actor {
    const actor = this.actors.get(label);
    if (!actor)
      throw new Error(
        `no actor "${label}" in this scenario; known: ${[...this.actors.keys()].join(', ') || 'none'}`,
      );
    return actor;
  }

  addActor(actor: Actor): Actor {
    registerSecret(actor.password);
    registerSecret(actor.authKey);
    registerSecret(actor.totpSecret);
    this.actors.set(actor.label, actor);
    return actor;
  }

  /** A namespaced name: "alice" becomes "alice-1a2b3c4d". */
  named(base: string): string {
    return `${base}-${this.ns}`;
  }

  /** The scenario's browser tab, opened on first use (a fresh context: no cookies shared). */
  async page(): Promise<Page> {
    if (this.currentPage) return this.currentPage;
    if (!this.browser) throw new Error('this run has no browser (see the setup message above)');
    this.context = await this.browser.newContext({
      baseURL: this.env.misp.url,
      // Room for the workflow editor's sidebar and four nodes side by side, as on a laptop.
      viewport: { width: 1440, height: 1000 },
      ignoreHTTPSErrors: this.env.misp.insecureTls === true,
    });
    await this.context.tracing.start({ screenshots: true, snapshots: true });
    this.currentPage = await this.context.newPage();
    this.currentPage.setDefaultTimeout(10_000);
    return this.currentPage;
  }

  /** A second, independent browser session (another person at another desk). */
  async freshPage(): Promise<Page> {
    await this.closeBrowserContext();
    return this.page();
  }

  hasPage(): boolean {
    return this.currentPage !== null;
  }

  browserContext(): BrowserContext | null {
    return this.context;
  }

  async closeBrowserContext(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = null;
    this.currentPage = null;
  }
}

setWorldConstructor(LabWorld);
