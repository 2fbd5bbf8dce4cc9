/**
 * MISP's Bruteforce model (spec §1.6): one row per failed password or OTP, keyed by (client IP,
 * lower-cased username), each expiring SecureAuth.expire seconds after it happened (a sliding
 * window). A pair is blocked while it has SecureAuth.amount or more live rows, even for the right
 * password. Time comes from the server clock so tests can move it instead of sleeping.
 */
import type { ServerServices } from '../services.ts';

const DEFAULT_AMOUNT = 5;
const DEFAULT_EXPIRE_SECONDS = 300;

export interface FailureContext {
  ip: string;
  userAgent?: string;
}

export class BruteForce {
  constructor(
    private readonly services: Pick<ServerServices, 'db' | 'settings' | 'logs' | 'users' | 'clock'>,
  ) {}

  get amount(): number {
    const value = this.services.settings.number('SecureAuth.amount');
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_AMOUNT;
  }

  get expireSeconds(): number {
    const value = this.services.settings.number('SecureAuth.expire');
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_EXPIRE_SECONDS;
  }

  /** The text of MISP's ForbiddenException for a blocked pair. */
  blockedMessage(): string {
    return `You have reached the maximum number of login attempts. Please wait ${this.expireSeconds} seconds and try again.`;
  }

  isBlocklisted(ip: string, username: string): boolean {
    const now = this.nowSeconds();
    this.services.db.prepare('DELETE FROM bruteforces WHERE expire <= ?').run(now);
    const row = this.services.db
      .prepare('SELECT COUNT(*) AS n FROM bruteforces WHERE ip = ? AND username = ?')
      .get(ip, normalise(username)) as { n: number };
    return row.n >= this.amount;
  }

  /** Records one failure and writes MISP's login_fail log line (with the block notice when it trips). */
  insert(username: string, context: FailureContext): void {
    const expire = this.expireSeconds;
    this.services.db
      .prepare('INSERT INTO bruteforces (ip, username, expire) VALUES (?, ?, ?)')
      .run(context.ip, normalise(username), this.nowSeconds() + expire);
    let title = `Failed login attempt using username ${username} from IP: ${context.ip}.`;
    const change: Record<string, string> = { user_agent: context.userAgent ?? '', ip: context.ip };
    if (this.isBlocklisted(context.ip, username)) {
      title += ' Blocked against bruteforcing.';
      change.details = `This has tripped the bruteforce protection after  ${this.amount} failed attempts. The source IP/username is now blocklisted for ${expire} seconds.`;
    }
    const user = this.services.users.findByEmail(username);
    const org = user ? this.services.users.org(user.org_id) : undefined;
    this.services.logs.write({
      title,
      model: 'User',
      model_id: user?.id ?? 0,
      action: 'login_fail',
      actor: user ? { id: user.id, email: user.email, org: org?.name ?? '' } : undefined,
      change: JSON.stringify(change),
      ip: context.ip,
    });
  }

  private nowSeconds(): number {
    return Math.floor(this.services.clock() / 1000);
  }
}

function normalise(username: string): string {
  return username.trim().toLowerCase();
}
