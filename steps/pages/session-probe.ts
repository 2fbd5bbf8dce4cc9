/**
 * Questions asked with a browser's own session cookie, without moving its tab: who MISP thinks
 * is logged in (/users/view/me.json, as MISP's own live tests ask it), and where a link leads
 * (redirects not followed).
 */
import type { Page } from 'playwright-core';

export interface SessionUser {
  status: number;
  email: string | undefined;
}

export async function sessionUser(page: Page): Promise<SessionUser> {
  const me = await page.request.get('/users/view/me.json', { maxRedirects: 0 });
  if (me.status() !== 200) return { status: me.status(), email: undefined };
  const body = (await me.json().catch(() => ({}))) as { User?: { email?: string } };
  return { status: me.status(), email: body.User?.email };
}

export interface LinkAnswer {
  path: string;
  status: number;
  /** The path of the Location header, when MISP redirects. */
  location: string | null;
  body: () => Promise<string>;
}

export async function requestWithoutRedirect(page: Page, path: string): Promise<LinkAnswer> {
  const response = await page.request.get(path, { maxRedirects: 0 });
  const location = response.headers().location ?? null;
  return {
    path,
    status: response.status(),
    location: location ? new URL(location, page.url()).pathname : null,
    body: () => response.text(),
  };
}
