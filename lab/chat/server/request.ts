import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { MmUser } from '../mattermost-types.ts';
import { ApiError, invalidBodyParam, invalidUrlParam, sessionExpired } from './errors.ts';
import type { ChatStore } from './store.ts';

/** Hono environment shared by every router of the chat stand-in. */
export interface ChatEnv {
  Variables: { requestId: string };
}

export type ChatContext = Context<ChatEnv>;

export type JsonObject = Record<string, unknown>;

/** The session token of a request: `Authorization: Bearer …` first, then Mattermost's `MMAUTHTOKEN` cookie. */
export function requestToken(c: ChatContext): string | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? '';
  }
  return getCookie(c, 'MMAUTHTOKEN');
}

export function currentUser(c: ChatContext, store: ChatStore): MmUser {
  const user = optionalUser(c, store);
  if (!user) throw sessionExpired();
  return user;
}

/** The caller if a token was sent; a token that was sent but is not valid is still a 401. */
export function optionalUser(c: ChatContext, store: ChatStore): MmUser | undefined {
  const token = requestToken(c);
  if (token === undefined) return undefined;
  const user = token === '' ? undefined : store.userForToken(token);
  if (!user) throw sessionExpired();
  return user;
}

/** Parses a JSON object body; anything else is Mattermost's "invalid or missing <param>" 400. */
export async function readJsonObject(c: ChatContext, paramName: string): Promise<JsonObject> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidBodyParam(paramName, error instanceof Error ? error.message : String(error));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidBodyParam(paramName);
  return value as JsonObject;
}

/** A string field of a body: missing gives `fallback` (or a 400 when none), a non-string is always a 400. */
export function stringField(body: JsonObject, key: string, fallback?: string): string {
  const value = body[key];
  if (value === undefined || value === null) {
    if (fallback === undefined) throw invalidBodyParam(key);
    return fallback;
  }
  if (typeof value !== 'string') throw invalidBodyParam(key);
  return value;
}

export function requiredNonEmpty(body: JsonObject, key: string): string {
  const value = stringField(body, key);
  if (value.trim() === '') throw invalidBodyParam(key);
  return value;
}

export function objectField(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidBodyParam(key);
  return value as JsonObject;
}

/** A non-negative integer query parameter, such as `since`, `page` or `per_page`. */
export function integerQuery(c: ChatContext, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,16}$/.test(raw)) throw invalidUrlParam(name);
  return Number(raw);
}

/** Mattermost ids in a URL are checked for format before any lookup: a bad one is a 400, not a 404. */
export function idParam(c: ChatContext, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!/^[a-z0-9]{26}$/.test(value)) throw invalidUrlParam(name);
  return value;
}

export const created = (c: ChatContext, body: unknown): Response => c.json(body, 201);

/** Features switched off in the config answer the way Mattermost does (403 or 501 with its own id). */
export function requireEnabled(enabled: boolean, status: 403 | 501, id: string, message: string): void {
  if (!enabled) throw new ApiError(status, id, message);
}
