/**
 * MISP's _shouldLog: an API authentication failure is logged once per hour for the same key
 * (or the same disabled user, expired key, key and refused address), unless
 * Security.log_each_individual_auth_fail asks for every one. MISP keeps the marks in Redis with
 * a one-hour expiry; here they live in memory, swept as they expire.
 */
import type { SettingsService } from '../settings/settings-service.ts';

const THROTTLE_MS = 60 * 60 * 1000;

export class AuthFailThrottle {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly settings: SettingsService,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a failure under this mark should be logged now (and marks it for the hour). */
  shouldLog(mark: string): boolean {
    if (this.settings.bool('Security.log_each_individual_auth_fail')) return true;
    const now = this.now();
    for (const [key, expiry] of this.until) if (expiry <= now) this.until.delete(key);
    if (this.until.has(mark)) return false;
    this.until.set(mark, now + THROTTLE_MS);
    return true;
  }
}
