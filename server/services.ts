/**
 * The reference server's services, built once per server and handed to every route. Routes stay
 * thin: they parse, authorise, call one of these and render.
 */
import type { Db } from './storage/db.ts';
import type { LogService } from './logs/log-service.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { SessionStore } from './http/session.ts';
import type { UserRepository } from './users/user-repository.ts';
import type { Mailer } from './mail/mailer.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { WorkflowTriggerPort } from './events/trigger-port.ts';
import type { OrganisationService } from './users/organisation-service.ts';
import type { SharingGroupService } from './sharing-groups/sharing-group-service.ts';
import type { AccessMonitor } from './logs/access-monitor.ts';
import type { AuthFailThrottle } from './auth/auth-fail-throttle.ts';

export interface ServerConfig {
  /** Version reported by /servers/getVersion: the MISP version whose behaviour we reproduce. */
  mispVersion: string;
  /** Folder for files MISP writes under app/tmp (workflow-execution.log). Null keeps them in memory. */
  dataDir: string | null;
}

export interface ServerServices {
  config: ServerConfig;
  db: Db;
  clock: () => number;
  settings: SettingsService;
  logs: LogService;
  /** Per-request records: user IPs, paranoid and monitored-user log lines. */
  access: AccessMonitor;
  /** Which API authentication failures get a log line (one per key and hour). */
  authFailures: AuthFailThrottle;
  users: UserRepository;
  organisations: OrganisationService;
  sharingGroups: SharingGroupService;
  sessions: SessionStore;
  mailer: Mailer;
  /** MISP's background workers, in process (MISP.background_jobs decides who uses them). */
  jobs: JobQueue;
  /** Where data operations fire workflow triggers; absent means NO_WORKFLOWS. */
  workflows?: WorkflowTriggerPort;
}
