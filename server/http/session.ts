/**
 * Server-side sessions (MISP uses PHP sessions): the browser holds only a random id in an
 * HttpOnly, SameSite=Lax cookie. Sessions live in memory and expire after idle time.
 */
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'MISP-session';
const IDLE_MS = 60 * 60 * 1000;
const MAX_CSRF_KEYS = 50;

export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: string;
}

export interface Session {
  id: string;
  userId: number | null;
  values: Record<string, unknown>;
  flashes: Flash[];
  csrfKeys: string[];
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  find(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.now() - session.lastSeen > IDLE_MS) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = this.now();
    return session;
  }

  create(): Session {
    const session: Session = {
      id: randomBytes(24).toString('hex'),
      userId: null,
      values: {},
      flashes: [],
      csrfKeys: [],
      lastSeen: this.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** A new id after login, so a session id planted before authentication is worthless. */
  regenerate(session: Session): Session {
    this.sessions.delete(session.id);
    const fresh = { ...session, id: randomBytes(24).toString('hex'), lastSeen: this.now() };
    this.sessions.set(fresh.id, fresh);
    return fresh;
  }

  destroy(session: Session): void {
    this.sessions.delete(session.id);
  }

  /** Logs a user out everywhere (used when an account is disabled or deleted). */
  dropUser(userId: number): void {
    for (const [id, session] of this.sessions) if (session.userId === userId) this.sessions.delete(id);
  }
}

export function issueCsrfKey(session: Session): string {
  const key = randomBytes(20).toString('hex');
  session.csrfKeys.push(key);
  if (session.csrfKeys.length > MAX_CSRF_KEYS) session.csrfKeys.shift();
  return key;
}

export function isValidCsrfKey(session: Session, key: unknown): boolean {
  return typeof key === 'string' && session.csrfKeys.includes(key);
}
