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

/** 302 to an absolute URL built from MISP.baseurl (or the request's origin), as CakePHP does. */
export function redirect(ctx: RequestContext, target: string): Response {
  return new Response(null, { status: 302, headers: { location: absoluteUrl(ctx, target) } });
}

export function absoluteUrl(ctx: RequestContext, target: string): string {
  if (/^https?:\/\//.test(target)) return target;
  const configured = ctx.services.settings.string('MISP.baseurl').replace(/\/+$/, '');
  const origin = configured || new URL(ctx.hono.req.url).origin;
  return `${origin}${target.startsWith('/') ? target : `/${target}`}`;
}

/** The request path with its query, for "url" fields and the saved pre-login URL. */
export function requestPath(ctx: RequestContext): string {
  const url = new URL(ctx.hono.req.url);
  return url.pathname + url.search;
}
