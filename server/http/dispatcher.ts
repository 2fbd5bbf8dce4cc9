/**
 * The request pipeline, in MISP's order (AppController::beforeFilter): session, authentication
 * (session user, else an auth key for REST), the login redirect, guards such as forced OTP
 * enrolment, ACL, CSRF for browser posts, then the route. Errors become MISP's shapes; nothing
 * a client sends can produce a stack trace.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { parseCakeUrl } from './cake-url.ts';
import type { RequestContext } from './context.ts';
import { HttpError, exceptionBody, httpErrorOf } from './errors.ts';
import { DomainError } from '../domain-error.ts';
import type { Body } from './form-data.ts';
import { json, htmlResponse, redirect, requestPath } from './respond.ts';
import { parseBody, readBodyText, type HttpLimits } from './request-body.ts';
import type { Router } from './router.ts';
import { SESSION_COOKIE, holdsState, isValidCsrfKey, sessionCookie } from './session.ts';
import { withSecurityHeaders } from './security-headers.ts';
import type { ServerServices } from '../services.ts';
import { authenticateByKey, keySessionOf, resumeKeySession } from './auth-key-login.ts';
import { actorOf, loadAuthUser } from '../users/current-user.ts';
import { errorPage } from '../views/error-page.ts';

/** Runs after authentication for every non-public route; a Response short-circuits the request. */
export type Guard = (ctx: RequestContext) => Response | null;

export function createDispatcher(
  router: Router,
  services: ServerServices,
  limits: HttpLimits,
  guards: readonly Guard[] = [],
) {
  return async (c: Context): Promise<Response> => {
    const ctx = buildContext(c, services);
    let response: Response;
    try {
      response = await handle(ctx, router, guards, limits);
    } catch (error) {
      response = renderError(ctx, error);
    }
    // A body we did not read (refused, or the caller was not authenticated) is drained for a
    // moment and then the socket is cut; say so, so the client does not reuse the connection.
    if (response.status === 413 || bodyLeftUnread(c.req.raw))
      response = withHeader(response, 'connection', 'close');
    const { settings } = ctx.services;
    response = withSecurityHeaders(withUsernameHeader(ctx, withSessionCookie(ctx, response)), {
      enforceCsp: settings.bool('Security.csp_enforce'),
      noBrowserCache: settings.bool('Security.disable_browser_cache'),
    });
    // HEAD runs the GET action and keeps its status and headers (PyMISP's event_exists reads 200/404).
    return c.req.method === 'HEAD' ? new Response(null, response) : response;
  };
}

/**
 * A session is kept (and its cookie sent) only when it holds state and the caller is not an
 * auth-key client: MISP answers auth-key requests without a session cookie unless
 * Security.authkey_keep_session is on (off by default), and storing one per call grows without end.
 */
function withSessionCookie(ctx: RequestContext, response: Response): Response {
  const { sessions } = ctx.services;
  if (ctx.viaAuthKey && !keepsKeySession(ctx)) {
    if (sessions.isStored(ctx.session) && ctx.session.userId === null) sessions.destroy(ctx.session);
    return response;
  }
  if (!sessions.isStored(ctx.session)) {
    if (!holdsState(ctx.session)) return response;
    sessions.keep(ctx.session);
  }
  if (getCookie(ctx.hono, SESSION_COOKIE) === ctx.session.id) return response;
  return withHeader(response, 'set-cookie', sessionCookie(ctx.session));
}

async function handle(
  ctx: RequestContext,
  router: Router,
  guards: readonly Guard[],
  limits: HttpLimits,
): Promise<Response> {
  // MISP's routes.php connects "/" to events/index itself (no redirect), so guards apply to it.
  if (ctx.url.controller === '') ctx.url = { ...ctx.url, controller: 'events', action: 'index' };
  let matched = router.match(ctx.url, ctx.method);
  // Authenticate before reading the body, so an anonymous client cannot make us buffer one.
  if (!matched?.route.public) {
    const failure = await authenticate(ctx);
    if (failure) return failure;
  }
  if (!matched) throw new HttpError(404, 'Not Found');
  let rawBody: string | undefined;
  if (isStateChanging(ctx.method)) {
    rawBody = await readBodyText(ctx.hono.req.raw, limits);
    ctx.body = await parseBody(ctx.hono.req.header('content-type') ?? '', rawBody, limits);
    if (applyMethodOverride(ctx)) matched = router.match(ctx.url, ctx.method) ?? matched;
  }
  if (ctx.auth) recordAccess(ctx, rawBody);
  ctx.url = matched.url;
  const route = matched.route;
  if (route.methods && !route.methods.includes(ctx.method)) {
    throw new HttpError(405, 'You do not have permission to do that.');
  }
  if (!route.public) {
    for (const guard of guards) {
      const stop = guard(ctx);
      if (stop) return stop;
    }
    if (route.allow && !route.allow(ctx))
      throw new HttpError(403, 'You do not have permission to use this functionality.');
  }
  if (
    isStateChanging(ctx.method) &&
    !ctx.isRest &&
    route.csrf !== false &&
    !isValidCsrfKey(ctx.session, tokenKey(ctx.body))
  ) {
    throw new HttpError(400, 'The request has been black-holed');
  }
  return route.handler(ctx);
}

/** Session user first; REST requests may instead present an auth key. Null means "go on". */
async function authenticate(ctx: RequestContext): Promise<Response | null> {
  const { users, sessions } = ctx.services;
  if (ctx.session.userId !== null) {
    const keySession = keySessionOf(ctx.session);
    if (keySession && ctx.isRest && keepsKeySession(ctx)) return resumeKeySession(ctx, keySession);
    ctx.auth = keySession ? null : loadAuthUser(users, ctx.session.userId);
    if (ctx.auth && !ctx.auth.user.disabled) return null;
    sessions.destroy(ctx.session);
    ctx.session = sessions.draft();
    ctx.auth = null;
  }
  if (ctx.isRest) return authenticateByKey(ctx, authKeysFromHeaders(ctx.hono));
  if (ctx.isAjax) return json({ name: 'Unauthorized', message: 'Unauthorized', url: '' }, 401);
  ctx.session.values.pre_login_requested_url = requestPath(ctx);
  return redirect(ctx, '/users/login');
}

function keepsKeySession(ctx: RequestContext): boolean {
  return ctx.services.settings.bool('Security.authkey_keep_session');
}

/** Security.username_in_response_header: the user (and, for a key, "/API/<key id or default>"). */
function withUsernameHeader(ctx: RequestContext, response: Response): Response {
  if (!ctx.auth || !ctx.services.settings.bool('Security.username_in_response_header')) return response;
  const via = ctx.viaAuthKey ? `/API/${ctx.auth.authKey?.id ?? 'default'}` : '';
  return withHeader(response, 'x-username', `${ctx.auth.user.email}${via}`);
}

function recordAccess(ctx: RequestContext, rawBody: string | undefined): void {
  const auth = ctx.auth!;
  ctx.services.access.record({
    actor: actorOf(auth)!,
    authKeyId: auth.authKey?.id,
    ip: ctx.ip,
    method: ctx.method,
    target: new URL(ctx.hono.req.url).pathname,
    body: ctx.method === 'POST' || ctx.method === 'PUT' ? rawBody : undefined,
  });
}

function authKeysFromHeaders(c: Context): string[] {
  const header = c.req.header('x-misp-auth') ?? c.req.header('authorization') ?? '';
  if (header === '' || /^basic/i.test(header)) return [];
  return header
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

function buildContext(c: Context, services: ServerServices): RequestContext {
  const url = parseCakeUrl(new URL(c.req.url).pathname);
  const accept = c.req.header('accept') ?? '';
  const isRest = url.ext !== null || accept.includes('application/json');
  return {
    hono: c,
    url,
    method: c.req.method.toUpperCase() === 'HEAD' ? 'GET' : c.req.method.toUpperCase(),
    isRest,
    isAjax: c.req.header('x-requested-with') === 'XMLHttpRequest',
    ip: remoteAddress(c),
    session: services.sessions.find(getCookie(c, SESSION_COOKIE)) ?? services.sessions.draft(),
    auth: null,
    viaAuthKey: false,
    body: {},
    services,
  };
}

/** HTML forms tunnel PUT/DELETE through _method, as CakePHP does. True when the method changed. */
function applyMethodOverride(ctx: RequestContext): boolean {
  const override = ctx.body._method;
  if (ctx.method !== 'POST' || typeof override !== 'string') return false;
  const method = override.toUpperCase();
  if (method !== 'PUT' && method !== 'DELETE') return false;
  ctx.method = method;
  return true;
}

function renderError(ctx: RequestContext, error: unknown): Response {
  const httpError =
    error instanceof HttpError
      ? error
      : error instanceof DomainError
        ? httpErrorOf(error)
        : new HttpError(500, 'An Internal Error Has Occurred.');
  if (!(error instanceof HttpError) && !(error instanceof DomainError)) {
    ctx.services.logs.write({
      title: `Internal error on ${ctx.method} ${ctx.url.path}: ${(error as Error)?.message ?? String(error)}`,
      model: 'Server',
      action: 'error',
    });
    console.error(`[misp-server] ${ctx.method} ${ctx.url.path}: ${(error as Error)?.stack ?? String(error)}`);
  }
  if (ctx.isRest || ctx.isAjax)
    return json(httpError.body ?? exceptionBody(httpError.message, ctx.url.path), httpError.status);
  return htmlResponse(errorPage(ctx, httpError.status, httpError.message), httpError.status);
}

function tokenKey(body: Body): unknown {
  const token = body._Token;
  return typeof token === 'object' && token !== null ? (token as Body).key : undefined;
}

function bodyLeftUnread(request: Request): boolean {
  const declared = request.headers.get('content-length');
  const hasBody = (declared !== null && declared !== '0') || request.headers.has('transfer-encoding');
  return hasBody && !request.bodyUsed;
}

function isStateChanging(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH';
}

function remoteAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
}

/** Some responses (fetch proxies, static files) have immutable headers: copy when needed. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.append(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.append(name, value);
    return copy;
  }
}
