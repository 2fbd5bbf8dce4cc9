/**
 * HTTP Basic logins checked in constant time, shared by the lab's own pages (the room's mail
 * catcher and chat view): which of several logins a request carries, if any.
 */
import { timingSafeEqual } from 'node:crypto';

export interface BasicLogin {
  username: string;
  password: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Basic <base64(user:password)>` as the two strings, or undefined when malformed or absent. */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/**
 * The login whose name and password the Authorization header carries, or undefined. Every
 * login is compared, so the answer takes as long whichever name was tried.
 */
export function loginOf<T extends BasicLogin>(
  logins: readonly T[],
  header: string | undefined,
): T | undefined {
  const given = basicCredentials(header);
  const matches = logins.filter(
    (login) =>
      given !== undefined && sameSecret(given[0], login.username) && sameSecret(given[1], login.password),
  );
  return matches[0];
}

/** The 401 a browser answers with its login prompt. */
export function loginRequired(realm: string): Response {
  return new Response('Unauthorized', {
    status: 401,
    headers: { 'www-authenticate': `Basic realm="${realm}"`, 'content-type': 'text/plain; charset=utf-8' },
  });
}
