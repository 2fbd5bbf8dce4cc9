/**
 * Builds and starts the reference MISP-style server: storage, settings, services, routes.
 * In-process for the embedded lab and tests, or behind `misp-server serve` in a container.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Db } from './storage/db.ts';
import { lockDataDir } from './storage/data-lock.ts';
import { SettingsStore } from './settings/store.ts';
import { SettingsService } from './settings/settings-service.ts';
import { LogService } from './logs/log-service.ts';
import { AccessMonitor } from './logs/access-monitor.ts';
import { AuthFailThrottle } from './auth/auth-fail-throttle.ts';
import { UserRepository } from './users/user-repository.ts';
import { OrganisationService } from './users/organisation-service.ts';
import { SharingGroupService } from './sharing-groups/sharing-group-service.ts';
import { SessionStore } from './http/session.ts';
import { Router } from './http/router.ts';
import { createDispatcher } from './http/dispatcher.ts';
import { httpLimitsFromEnv, type HttpLimits } from './http/request-body.ts';
import { Mailer, type SmtpConfig } from './mail/mailer.ts';
import { generateAuthKey, generatePassword } from './auth/secrets.ts';
import { ROUTES, GUARDS } from './routes/index.ts';
import type { ServerServices } from './services.ts';
import { JobQueue } from './jobs/job-queue.ts';
import type { WorkflowTriggerPort } from './events/trigger-port.ts';
import { createWorkflowTriggerPort, fireLogAfterSave } from './workflows/workflow-trigger-port.ts';
import { announceInstance } from './console/instance-registry.ts';

export const MISP_VERSION = '2.5.1';
export const DEFAULT_ADMIN_EMAIL = 'admin@admin.test';

export interface MispServerOptions {
  /** Folder holding misp.db and tmp/logs; omitted means an in-memory database (tests). */
  dataDir?: string;
  host?: string;
  port?: number;
  smtp?: SmtpConfig | null;
  clock?: () => number;
  /** Sets (or resets) the site admin's password and auth key at start; generated when absent. */
  admin?: { email?: string; password?: string; authKey?: string };
  /** Settings applied at start, as if by the console (e.g. MISP.baseurl). */
  settings?: Record<string, string | number | boolean>;
  /** The workflow engine's trigger port; omitted means no trigger ever runs. */
  workflows?: WorkflowTriggerPort;
  /** Announce this server in <folder>/.misp-lab so `misp-server admin` run there finds it. */
  announceIn?: string;
  /** Request body and form limits; omitted means the environment's (MISP_MAX_BODY_BYTES…) or MISP's stock ones. */
  httpLimits?: HttpLimits;
}

export interface AdminCredentials {
  email: string;
  password: string;
  authKey: string;
}

export interface StartedMispServer {
  getUrl(): string;
  getPort(): number;
  getAdmin(): AdminCredentials;
  services: ServerServices;
  fetch: (request: Request) => Promise<Response>;
  stop(): Promise<void>;
}

export function createServices(options: MispServerOptions = {}): ServerServices {
  const clock = options.clock ?? Date.now;
  let db: Db;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    db = openDatabase(join(options.dataDir, 'misp.db'));
  } else {
    db = openDatabase(':memory:');
  }
  const logs = new LogService(db, clock);
  const settings = new SettingsService(new SettingsStore(db), logs);
  const users = new UserRepository(db, clock);
  const services: ServerServices = {
    config: { mispVersion: MISP_VERSION, dataDir: options.dataDir ?? null },
    db,
    clock,
    settings,
    logs,
    access: new AccessMonitor(settings, logs, clock),
    authFailures: new AuthFailThrottle(settings, clock),
    users,
    organisations: new OrganisationService(db, clock, settings),
    sharingGroups: new SharingGroupService(db, clock, settings),
    sessions: new SessionStore(clock),
    mailer: new Mailer(options.smtp ?? null),
    jobs: new JobQueue(db, logs, clock),
  };
  // Every server carries the workflow engine; a test may hand in its own port instead.
  services.workflows = options.workflows ?? createWorkflowTriggerPort(services);
  fireLogAfterSave(services);
  return services;
}

/** Seeds roles, the host org and the site admin; returns the admin's credentials. */
export function seedSiteAdmin(services: ServerServices, options: MispServerOptions = {}): AdminCredentials {
  const { users, settings } = services;
  users.seedDefaults(settings.string('MISP.org') || 'ORGNAME');
  if (!services.db.prepare("SELECT 1 FROM system_settings WHERE setting = 'MISP.uuid'").get()) {
    services.db
      .prepare("INSERT INTO system_settings (setting, value) VALUES ('MISP.uuid', ?)")
      .run(JSON.stringify(randomUUID()));
  }
  const email = options.admin?.email ?? DEFAULT_ADMIN_EMAIL;
  const password = options.admin?.password ?? generatePassword();
  const authKey = options.admin?.authKey ?? generateAuthKey();
  const existing = users.findByEmail(email);
  if (existing) {
    users.setPassword(existing.id, password);
    users.setAuthKey(existing.id, authKey);
  } else {
    users.create({ email, password, authkey: authKey, org_id: 1, role_id: 1, seededByInstall: true });
  }
  return { email, password, authKey };
}

export function createApp(services: ServerServices, limits: HttpLimits = httpLimitsFromEnv()): Hono {
  const router = new Router().add(...ROUTES);
  const app = new Hono();
  app.all('*', createDispatcher(router, services, limits, GUARDS));
  return app;
}

export async function startMispServer(options: MispServerOptions = {}): Promise<StartedMispServer> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lock = options.dataDir ? lockDataDir(options.dataDir) : null;
  try {
    return await startLocked(options, () => lock?.release());
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function startLocked(options: MispServerOptions, unlock: () => void): Promise<StartedMispServer> {
  const services = createServices(options);
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    const outcome = services.settings.editSetting(name, value, { cli: true, force: true });
    if (!outcome.ok) throw new Error(`setting ${name}: ${outcome.message.trim()}`);
  }
  const admin = seedSiteAdmin(services, options);
  const app = createApp(services, options.httpLimits);
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  try {
    server = await listen(app, host, options.port ?? 0);
  } catch (error) {
    await services.jobs.close();
    services.mailer.close();
    services.db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${reachableHost(host)}:${port}`;
  const withdraw =
    options.announceIn && options.dataDir
      ? announceInstance(options.announceIn, { url, dataDir: resolve(options.dataDir) })
      : () => undefined;
  let stopped = false;
  return {
    getUrl: () => url,
    getPort: () => port,
    getAdmin: () => admin,
    services,
    fetch: async (request) => app.fetch(request),
    async stop() {
      if (stopped) return;
      stopped = true;
      withdraw();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await services.jobs.close();
      services.mailer.close();
      services.db.close();
      unlock();
    },
  };
}

/** A wildcard address is where the server listens, not where a client can reach it. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(app: Hono, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `misp-server: port ${port} on ${hostname} is already in use`
            : `misp-server: cannot listen on ${hostname}:${port}: ${error.message}`,
        ),
      );
    });
    server.once('listening', () => resolve(server));
  });
}
