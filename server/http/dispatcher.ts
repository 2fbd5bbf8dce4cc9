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
import { nestFormFields, type Body } from './form-data.ts';
import { json, htmlResponse, redirect, requestPath } from './respond.ts';
import type { Router } from './router.ts';
import { SESSION_COOKIE, isValidCsrfKey } from './session.ts';
import type { ServerServices } from '../services.ts';
import { AUTH_KEY_PATTERN } from '../auth/secrets.ts';
import { loadAuthUser } from '../users/current-user.ts';
import { errorPage } from '../views/error-page.ts';

/** A body that cannot be parsed is reported after authentication, as MISP does. */
const bodyErrors = new WeakMap<RequestContext, HttpError>();

/** Runs after authentication for every non-public route; a Response short-circuits the request. */
export type Guard = (ctx: RequestContext) => Response | null;

const INVALID_JSON =
  'Invalid JSON input. Make sure that the JSON input is a correctly formatted JSON string. This request has been blocked to avoid an unfiltered request.';
const AUTH_FAILED =
  'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.';

export function createDispatcher(router: Router, services: ServerServices, guards: readonly Guard[] = []) {
  return async (c: Context): Promise<Response> => {
    const ctx = await buildContext(c, services);
    const sessionIdBefore = ctx.session.id;
    let response: Response;
    try {
      response = await handle(ctx, router, guards);
    } catch (error) {
      response = renderError(ctx, error);
    }
    if (ctx.session.id !== sessionIdBefore || getCookie(c, SESSION_COOKIE) !== ctx.session.id) {
      response = withHeader(
        response,
        'set-cookie',
        `${SESSION_COOKIE}=${ctx.session.id}; Path=/; HttpOnly; SameSite=Lax`,
      );
    }
    // HEAD runs the GET action and keeps its status and headers (PyMISP's event_exists reads 200/404).
    return c.req.method === 'HEAD' ? new Response(null, response) : response;
  };
}

async function handle(ctx: RequestContext, router: Router, guards: readonly Guard[]): Promise<Response> {
  // MISP's routes.php connects "/" to events/index itself (no redirect), so guards apply to it.
  if (ctx.url.controller === '') ctx.url = { ...ctx.url, controller: 'events', action: 'index' };
  const matched = router.match(ctx.url, ctx.method);
  if (matched) ctx.url = matched.url;
  const route = matched?.route;

  if (!route?.public) {
    const failure = await authenticate(ctx);
    if (failure) return failure;
  }
  if (!route) throw new HttpError(404, 'Not Found');
  const bodyError = bodyErrors.get(ctx);
  if (bodyError) throw bodyError;
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
    ctx.auth = loadAuthUser(users, ctx.session.userId);
    if (ctx.auth && !ctx.auth.user.disabled) return null;
    sessions.destroy(ctx.session);
    ctx.session = sessions.create();
    ctx.auth = null;
  }
  if (ctx.isRest) {
    const presented = authKeysFromHeaders(ctx.hono);
    for (const key of presented) {
      if (!AUTH_KEY_PATTERN.test(key)) {
        ctx.services.logs.write({
          title: 'Failed authentication using an API key of incorrect length.',
          model: 'User',
          action: 'auth_fail',
          ip: ctx.ip,
        });
        continue;
      }
      const user = users.findByAuthKey(key);
      const auth = user ? loadAuthUser(users, user.id) : null;
      if (auth && !auth.user.disabled && auth.role.perms.perm_auth) {
        ctx.auth = auth;
        ctx.viaAuthKey = true;
        users.update(auth.user.id, { last_api_access: Math.floor(ctx.services.clock() / 1000) });
        return null;
      }
      ctx.services.logs.write({
        title: `Failed authentication using API key (${key.slice(0, 4)}********************************${key.slice(-4)})`,
        model: 'User',
        action: 'auth_fail',
        ip: ctx.ip,
      });
    }
    return json(exceptionBody(AUTH_FAILED, requestPath(ctx)), 403);
  }
  if (ctx.isAjax) return json({ name: 'Unauthorized', message: 'Unauthorized', url: '' }, 401);
  ctx.session.values.pre_login_requested_url = requestPath(ctx);
  return redirect(ctx, '/users/login');
}

function authKeysFromHeaders(c: Context): string[] {
  const header = c.req.header('x-misp-auth') ?? c.req.header('authorization') ?? '';
  if (header === '' || /^basic/i.test(header)) return [];
  return header
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

async function buildContext(c: Context, services: ServerServices): Promise<RequestContext> {
  const url = parseCakeUrl(new URL(c.req.url).pathname);
  const accept = c.req.header('accept') ?? '';
  const isRest = url.ext !== null || accept.includes('application/json');
  const session = services.sessions.find(getCookie(c, SESSION_COOKIE)) ?? services.sessions.create();
  const ctx: RequestContext = {
    hono: c,
    url,
    method: c.req.method.toUpperCase() === 'HEAD' ? 'GET' : c.req.method.toUpperCase(),
    isRest,
    isAjax: c.req.header('x-requested-with') === 'XMLHttpRequest',
    ip: remoteAddress(c),
    session,
    auth: null,
    viaAuthKey: false,
    body: {},
    services,
  };
  try {
    ctx.body = await readBody(c, ctx);
  } catch (error) {
    bodyErrors.set(ctx, error as HttpError);
  }
  // HTML forms tunnel PUT/DELETE through _method, as CakePHP does.
  const override = ctx.body._method;
  if (
    ctx.method === 'POST' &&
    typeof override === 'string' &&
    ['PUT', 'DELETE'].includes(override.toUpperCase())
  ) {
    ctx.method = override.toUpperCase();
  }
  return ctx;
}

async function readBody(c: Context, ctx: RequestContext): Promise<Body> {
  if (!isStateChanging(ctx.method)) return {};
  const type = c.req.header('content-type') ?? '';
  const raw = await c.req.text();
  if (raw.trim() === '') return {};
  if (type.includes('application/x-www-form-urlencoded')) return nestFormFields(new URLSearchParams(raw));
  if (type.includes('multipart/form-data')) {
    const form = await new Request('http://x', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    return nestFormFields(
      Array.from(form as unknown as Iterable<[string, FormDataEntryValue]>).map(([k, v]) => [
        k,
        typeof v === 'string' ? v : v.name,
      ]),
    );
  }
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === 'object' && parsed !== null
      ? Array.isArray(parsed)
        ? { _list: parsed }
        : (parsed as Body)
      : { _scalar: parsed };
  } catch {
    throw new HttpError(405, INVALID_JSON);
  }
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
