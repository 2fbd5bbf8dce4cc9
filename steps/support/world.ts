/**
 * The per-scenario world: the lab's addresses, a unique namespace for everything the scenario
 * creates, its actors (the site admin among them), the ledger of what to undo, and the
 * scenario's state as typed fields: what one step found and a later step checks.
 */
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { Browser } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import type { LabEnvironment } from '../../lab/targets/lab-environment.ts';
import { MattermostClient } from '../../lab/chat/mattermost-client.ts';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { MailClient, type ReadMail } from '../../lab/clients/mail.ts';
import { HttpTranscript } from '../../lab/clients/http-transcript.ts';
import { MispWebSession } from '../../lab/clients/misp-web-session.ts';
import type { PostureData } from '../../lab/posture/posture-data.ts';
import type { TargetSnapshot } from '../../lab/posture/target-snapshot.ts';
import type { ProbeReport } from '../../lab/posture/workflow-probe.ts';
import { CleanupLedger } from '../../lab/clients/cleanup-ledger.ts';
import type { ConsoleRun } from '../../lab/clients/misp-console.ts';
import type { PublishAttempt } from '../tasks/events/publish.ts';
import type { EnrichmentAttempt } from '../tasks/workflows/enrichment.ts';
import type { ThirdPartyService } from './third-party.ts';
import { Actor, type ActorIdentity } from './actor.ts';
import { BrowserSession } from './browser-session.ts';
import { redact, registerSecret } from './redact.ts';

export { Actor };

export const SITE_ADMIN = 'the site admin';
const VISITOR = 'someone';

export class LabWorld extends World {
  env!: LabEnvironment;
  /** Unique per scenario: emails and event names carry it, so scenarios never collide. */
  readonly ns = randomBytes(4).toString('hex');
  readonly transcript = new HttpTranscript();
  readonly ledger = new CleanupLedger(process.env.MISP_LAB_LEDGER_FILE || undefined);
  mail!: MailClient;
  chat!: MattermostClient;
  /** The lab's own site admin (no TOTP): sets scenarios up over REST, and clicks through the editor. */
  siteAdmin!: Actor;
  private browser: Browser | null = null;
  private readonly actors = new Map<string, Actor>();
  private spotlight: Actor | null = null;

  // What a step found for a later step to check.
  smokeMailSubject: string | undefined;
  smokeChatMessage: string | undefined;
  /** Chat posts older than this are not the scenario's. */
  chatSince = 0;
  lastConsoleRun: ConsoleRun | undefined;
  /** The paper tokens MISP showed at the end of the last enrolment, by counter. */
  paperTokens: Map<number, string> | undefined;
  emailOtp: { mail: ReadMail; code: string } | undefined;
  /** Roles with perm_skip_otp this scenario made, newest last. */
  readonly skipOtpRoleIds: string[] = [];
  currentEventId: string | undefined;
  /** The flash messages MISP showed after the last action done by hand in the browser. */
  lastFlashes: string[] = [];
  publishAttempt: PublishAttempt | undefined;
  /** The workflow of the trigger the scenario works on. */
  workflowId: string | undefined;
  /** Ids of the workflow's log lines before the last publish. */
  workflowLogsBefore: Set<string> | undefined;
  /** What the posture audit read from the target (lab/posture/posture-data.ts). */
  posture: PostureData | undefined;
  /** The target as it was before a posture scenario, to prove it wrote nothing. */
  targetBefore: TargetSnapshot | undefined;
  /** The executeWorkflow runs of the Example A probe, when writes were allowed. */
  probe: ProbeReport | undefined;
  /** Why the probe did not run. */
  probeSkipped: string | undefined;
  /** Workflows whose graph before the scenario is already in the ledger. */
  readonly rememberedWorkflows = new Set<string>();
  editorPlacedNodes = 0;
  prerequisiteSwitchedOff = false;
  /** The stand-in third-party enrichment service, stopped after the scenario. */
  thirdParty: ThirdPartyService | undefined;
  enrichmentAttempt: EnrichmentAttempt | undefined;

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
    this.mail = new MailClient(env.mail.url, env.mail.kind);
    this.chat = new MattermostClient(env.chat.url, env.chat.token);
    const { adminEmail: email, adminPassword: password, adminAuthKey: authKey } = env.misp;
    this.siteAdmin = this.newActor({ label: SITE_ADMIN, email, password, authKey });
  }

  /** A MISP client for any auth key (or none), recording into this scenario's transcript. */
  mispClient(authKey?: string): MispClient {
    return new MispClient(this.restOptions(authKey));
  }

  private restOptions(authKey: string | undefined) {
    const { url, caFile, insecureTls } = this.env.misp;
    return { baseUrl: url, authKey, caFile, insecureTls, transcript: this.transcript };
  }

  private newActor(identity: ActorIdentity): Actor {
    const { url: baseUrl, insecureTls } = this.env.misp;
    return new Actor(identity, {
      misp: this.mispClient(identity.authKey),
      browser: new BrowserSession({ browser: this.browser, baseUrl, insecureTls: insecureTls === true }),
      openWebSession: (email, password) =>
        MispWebSession.logIn({ baseUrl, insecureTls, transcript: this.transcript }, email, password),
    });
  }

  /** A person the scenario introduces: her secrets are registered for redaction. */
  addActor(identity: ActorIdentity): Actor {
    registerSecret(identity.password);
    registerSecret(identity.authKey);
    const actor = this.newActor(identity);
    this.actors.set(actor.label, actor);
    return actor;
  }

  /** The actor of that name, who is then in the spotlight for steps that name nobody. */
  actor(label: string): Actor {
    const actor = label === SITE_ADMIN ? this.siteAdmin : this.actors.get(label);
    if (!actor)
      throw new Error(
        `no actor "${label}" in this scenario; known: ${[...this.actors.keys()].join(', ') || 'none'}`,
      );
    this.spotlight = actor;
    return actor;
  }

  /** The actor the last step named ("MISP refuses the one-time password" is about her). */
  actorInSpotlight(): Actor {
    if (!this.spotlight) throw new Error('no step of this scenario has named an actor yet');
    return this.spotlight;
  }

  /** Someone without an account, at a browser of her own. */
  visitor(): Actor {
    if (!this.actors.has(VISITOR))
      this.actors.set(VISITOR, this.newActor({ label: VISITOR, email: '', password: '' }));
    return this.actor(VISITOR);
  }

  /** Everyone who may have a browser open, the site admin first. */
  everyone(): Actor[] {
    return [this.siteAdmin, ...this.actors.values()];
  }

  /** A namespaced name: "alice" becomes "alice-1a2b3c4d". */
  named(base: string): string {
    return `${base}-${this.ns}`;
  }
}

setWorldConstructor(LabWorld);
