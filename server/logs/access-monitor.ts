/**
 * What MISP records about each authenticated request (AppController::__logAccess and
 * __accessMonitor): with MISP.log_user_ips, which user came from which address (and, with
 * MISP.log_user_ips_authkeys, how often each advanced key was used per day and address); with
 * MISP.log_paranoid, or for a user under Security.user_monitoring_enabled, one "request" log line
 * per request, holding the method, the path and (log_paranoid_include_post_body, or a monitored
 * user) the body. MISP keeps the address data and the monitored set in Redis; here they live in
 * memory for the server's lifetime, as a Redis without persistence would keep them.
 */
import type { LogActor, LogService } from './log-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';

/** MISP's 30-day retention of the address-to-user lookup. */
const IP_USER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface AccessRequest {
  actor: LogActor;
  /** The advanced key the request came with, if any. */
  authKeyId?: number;
  ip: string;
  method: string;
  /** The path as the client asked for it (MISP's $this->request->here). */
  target: string;
  /** The raw body, for POST and PUT only. */
  body?: string;
}

export class AccessMonitor {
  private readonly monitored = new Set<number>();
  private readonly lastUserOfIp = new Map<string, { userId: number; until: number }>();
  private readonly ipsOfUser = new Map<number, Set<string>>();
  /** key id → "YYYY-MM-DD:ip" → count, as misp:authkey_usage:<id>. */
  private readonly keyUsage = new Map<number, Map<string, number>>();

  constructor(
    private readonly settings: SettingsService,
    private readonly logs: LogService,
    private readonly now: () => number = Date.now,
  ) {}

  /** admin/users/monitor: true when the user was already monitored before this call. */
  setMonitored(userId: number, monitored: boolean): boolean {
    const was = this.monitored.has(userId);
    if (monitored) this.monitored.add(userId);
    else this.monitored.delete(userId);
    return was;
  }

  isMonitored(userId: number): boolean {
    return this.monitored.has(userId);
  }

  record(request: AccessRequest): void {
    if (this.settings.bool('MISP.log_user_ips')) this.recordAddress(request);
    const monitored =
      this.settings.bool('Security.user_monitoring_enabled') && this.monitored.has(request.actor.id);
    const viaKeyLogged = this.settings.bool('MISP.log_paranoid_api') && request.authKeyId !== undefined;
    if (!monitored && !viaKeyLogged && !this.settings.bool('MISP.log_paranoid')) return;
    let change = `HTTP method: ${request.method}\nTarget: ${request.target}`;
    const withBody = monitored || this.settings.bool('MISP.log_paranoid_include_post_body');
    if (withBody && request.body !== undefined) change += `\nRequest body: ${request.body}`;
    this.logs.write({
      title: 'Paranoid log entry',
      model: 'User',
      model_id: request.actor.id,
      action: 'request',
      actor: request.actor,
      change,
      ip: request.ip,
    });
  }

  /** The user last seen at an address within 30 days (MISP's misp:ip_user lookup). */
  lastUserOf(ip: string): number | null {
    const seen = this.lastUserOfIp.get(ip);
    return seen && seen.until > this.now() ? seen.userId : null;
  }

  addressesOf(userId: number): string[] {
    return [...(this.ipsOfUser.get(userId) ?? [])];
  }

  /** Uses of one advanced key per "YYYY-MM-DD:ip". */
  keyUsageOf(keyId: number): Record<string, number> {
    return Object.fromEntries(this.keyUsage.get(keyId) ?? []);
  }

  private recordAddress(request: AccessRequest): void {
    const userId = request.actor.id;
    this.lastUserOfIp.set(request.ip, { userId, until: this.now() + IP_USER_RETENTION_MS });
    const ips = this.ipsOfUser.get(userId) ?? new Set<string>();
    ips.add(request.ip);
    this.ipsOfUser.set(userId, ips);
    if (request.authKeyId === undefined || !this.settings.bool('MISP.log_user_ips_authkeys')) return;
    const usage = this.keyUsage.get(request.authKeyId) ?? new Map<string, number>();
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const slot = `${day}:${request.ip}`;
    usage.set(slot, (usage.get(slot) ?? 0) + 1);
    this.keyUsage.set(request.authKeyId, usage);
  }
}
