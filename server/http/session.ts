/**
 * Server-side sessions (MISP uses PHP sessions): the browser holds only a random id in an
 * HttpOnly, SameSite=Lax cookie named CAKEPHP, as real MISP 2.5.1 sends it
 * (`CAKEPHP=…; expires=…; Max-Age=3600; path=/; HttpOnly; SameSite=Lax`).
 *
 * Memory stays bounded whatever clients do: a request gets a draft session that is stored only
 * once it holds something (a login, a CSRF key, a flash), so auth-key calls never create one;
 * idle sessions expire after MISP's Session.timeout (60 min) and are swept as requests arrive;
 * past `maxSessions` the least recently seen are dropped (a careful server's rule, MISP has none).
 */
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'CAKEPHP';
export const SESSION_IDLE_MS = 60 * 60 * 1000;
const MAX_CSRF_KEYS = 50;
const DEFAULT_MAX_SESSIONS = 20_000;

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
  /** Insertion order is recency order: every hit moves its session to the end. */
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = DEFAULT_MAX_SESSIONS,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  find(id: string | undefined): Session | null {
    this.sweep();
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    this.sessions.delete(id);
    if (this.isIdle(session)) return null;
    session.lastSeen = this.now();
    this.sessions.set(id, session);
    return session;
  }

  /** A fresh session that is not stored until `keep` (the dispatcher keeps it when it holds state). */
  draft(): Session {
    return { id: newId(), userId: null, values: {}, flashes: [], csrfKeys: [], lastSeen: this.now() };
  }

  create(): Session {
    const session = this.draft();
    this.keep(session);
    return session;
  }

  keep(session: Session): void {
    this.sessions.delete(session.id);
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
  }

  isStored(session: Session): boolean {
    return this.sessions.get(session.id) === session;
  }

  /** A new id after login, so a session id planted before authentication is worthless. */
  regenerate(session: Session): Session {
    this.sessions.delete(session.id);
    const fresh = { ...session, id: newId(), lastSeen: this.now() };
    this.keep(fresh);
    return fresh;
  }

  destroy(session: Session): void {
    this.sessions.delete(session.id);
  }

  /** Logs a user out everywhere (used when an account is disabled or deleted). */
  dropUser(userId: number): void {
    for (const [id, session] of this.sessions) if (session.userId === userId) this.sessions.delete(id);
  }

  /** Drops expired sessions from the old end; stops at the first live one (the rest are newer). */
  private sweep(): void {
    for (const session of this.sessions.values()) {
      if (!this.isIdle(session)) return;
      this.sessions.delete(session.id);
    }
  }

  private isIdle(session: Session): boolean {
    return this.now() - session.lastSeen > SESSION_IDLE_MS;
  }
}

/** Whether a session holds anything worth a cookie. */
export function holdsState(session: Session): boolean {
  return (
    session.userId !== null ||
    session.flashes.length > 0 ||
    session.csrfKeys.length > 0 ||
    Object.keys(session.values).length > 0
  );
}

export function sessionCookie(session: Session): string {
  const maxAge = SESSION_IDLE_MS / 1000;
  const expires = new Date(session.lastSeen + SESSION_IDLE_MS).toUTCString();
  return `${SESSION_COOKIE}=${session.id}; expires=${expires}; Max-Age=${maxAge}; path=/; HttpOnly; SameSite=Lax`;
}

function newId(): string {
  return randomBytes(24).toString('hex');
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
