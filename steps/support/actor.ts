/**
 * A person of a scenario and what she can do (serenity-js's actors and abilities, in our own
 * words): her credentials, her REST client (her own auth key), her own browser session, and,
 * for the few pages MISP serves to web sessions only, a cookie session opened with her password.
 * Tasks take the actor whose browser or key they use, so "erin logs out" touches Erin's only.
 */
import type { Page } from 'playwright-core';
import type { MispClient } from '../../lab/clients/misp-client.ts';
import type { MispWebSession } from '../../lab/clients/misp-web-session.ts';
import type { BrowserSession } from './browser-session.ts';

export interface ActorIdentity {
  label: string;
  email: string;
  password: string;
  userId?: string;
  authKey?: string;
}

export interface Abilities {
  misp: MispClient;
  browser: BrowserSession;
  openWebSession: (email: string, password: string) => Promise<MispWebSession>;
}

export class Actor {
  readonly label: string;
  readonly email: string;
  readonly password: string;
  readonly userId: string | undefined;
  readonly authKey: string | undefined;
  /** The secret the lab's authenticator scanned; gone when she "loses her phone". */
  totpSecret: string | undefined;
  /** Her REST client, with her own auth key. */
  readonly misp: MispClient;
  readonly browser: BrowserSession;
  private readonly openWebSession: Abilities['openWebSession'];
  private web: Promise<MispWebSession> | null = null;

  constructor(identity: ActorIdentity, abilities: Abilities) {
    this.label = identity.label;
    this.email = identity.email;
    this.password = identity.password;
    this.userId = identity.userId;
    this.authKey = identity.authKey;
    this.misp = abilities.misp;
    this.browser = abilities.browser;
    this.openWebSession = abilities.openWebSession;
  }

  /** Her browser tab, opened on first use. */
  page(): Promise<Page> {
    return this.browser.page();
  }

  /** Her cookie session without a browser, logged in on first use. */
  webSession(): Promise<MispWebSession> {
    this.web ??= this.openWebSession(this.email, this.password);
    return this.web;
  }

  /** After the scenario: her browser and web session closed. */
  async leave(): Promise<void> {
    await this.browser.close();
    const web = this.web;
    this.web = null;
    await (await web?.catch(() => null))?.close();
  }
}
