/**
 * Server-side sessions (MISP uses PHP sessions): the browser holds only a random id in an
 * HttpOnly, SameSite=Lax cookie named CAKEPHP, as real MISP 2.5.1 sends it
 * (`CAKEPHP=…; expires=…; Max-Age=3600; path=/; HttpOnly; SameSite=Lax`).
 *
 * Memory stays bounded whatever clients do: a request gets a draft session that is stored only
 * once it holds something (a login, a CSRF key, a flash), so auth-key calls never create one;
 * idle sessions expire after MISP's Session.timeout (60 min) and are swept as requests arrive;
 * past a ceiling the least recently seen are dropped (a careful server's rule, MISP has none).
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
  /**
   * Two pools, each in recency order (every hit moves its session to the end): sessions before
   * login (a login form's CSRF key, a pending OTP) and logged-in ones. Anonymous visitors are
   * cheap to make, so they get the smaller ceiling and cannot push logged-in users out.
   */
  private readonly anonymous = new Map<string, Session>();
  private readonly signedIn = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = DEFAULT_MAX_SESSIONS,
    private readonly maxAnonymous = Math.max(1, Math.floor(maxSessions / 10)),
  ) {}

  get size(): number {
    return this.anonymous.size + this.signedIn.size;
  }

  find(id: string | undefined): Session | null {
    this.sweep(this.anonymous);
    this.sweep(this.signedIn);
    if (!id) return null;
    const session = this.signedIn.get(id) ?? this.anonymous.get(id);
    if (!session) return null;
    this.forget(id);
    if (this.isIdle(session)) return null;
    session.lastSeen = this.now();
    this.keep(session);
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
    this.forget(session.id);
    const [pool, ceiling] =
      session.userId === null ? [this.anonymous, this.maxAnonymous] : [this.signedIn, this.maxSessions];
    pool.set(session.id, session);
    while (pool.size > ceiling) pool.delete(pool.keys().next().value!);
  }

  isStored(session: Session): boolean {
    return (this.signedIn.get(session.id) ?? this.anonymous.get(session.id)) === session;
  }

  /** A new id after login, so a session id planted before authentication is worthless. */
  regenerate(session: Session): Session {
    this.forget(session.id);
    const fresh = { ...session, id: newId(), lastSeen: this.now() };
    this.keep(fresh);
    return fresh;
  }

  destroy(session: Session): void {
    this.forget(session.id);
  }

  /** Logs a user out everywhere (used when an account is disabled or deleted). */
  dropUser(userId: number): void {
    for (const pool of [this.signedIn, this.anonymous])
      for (const [id, session] of pool) if (session.userId === userId) pool.delete(id);
  }

  private forget(id: string): void {
    this.signedIn.delete(id);
    this.anonymous.delete(id);
  }

  /** Drops expired sessions from the old end; stops at the first live one (the rest are newer). */
  private sweep(pool: Map<string, Session>): void {
    for (const session of pool.values()) {
      if (!this.isIdle(session)) return;
      pool.delete(session.id);
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
