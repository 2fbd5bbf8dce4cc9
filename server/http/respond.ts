/** Response helpers shared by every route. */
import type { RequestContext } from './context.ts';
import type { Html } from '../views/html.ts';

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  });
}

export function htmlResponse(body: Html | string, status = 200): Response {
  return new Response(String(body), { status, headers: { 'content-type': 'text/html; charset=UTF-8' } });
}

export function text(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=UTF-8' } });
}

/**
 * 302 to MISP.baseurl + path, as CakePHP does. With MISP.baseurl empty, real MISP 2.5.1 answers
 * `Location: http://:18081/users/login` (no host, never the client's Host header); we send the
 * path alone, which a browser resolves against the address it used, so a client-chosen Host
 * header never lands in a Location.
 */
export function redirect(ctx: RequestContext, target: string): Response {
  const location =
    /^https?:\/\//.test(target) || configuredBaseUrl(ctx) ? absoluteUrl(ctx, target) : pathOf(target);
  return new Response(null, { status: 302, headers: { location } });
}

function configuredBaseUrl(ctx: RequestContext): string {
  return ctx.services.settings.string('MISP.baseurl').replace(/\/+$/, '');
}

function pathOf(target: string): string {
  return target.startsWith('/') ? target : `/${target}`;
}

export function absoluteUrl(ctx: RequestContext, target: string): string {
  if (/^https?:\/\//.test(target)) return target;
  const origin = configuredBaseUrl(ctx) || new URL(ctx.hono.req.url).origin;
  return `${origin}${pathOf(target)}`;
}

/** The request path with its query, for "url" fields and the saved pre-login URL. */
export function requestPath(ctx: RequestContext): string {
  const url = new URL(ctx.hono.req.url);
  return url.pathname + url.search;
}
