/**
 * /admin/logs/index[.json] (LogsController::admin_index): filters as named parameters
 * (/model:User/action:login_fail/model_id:3) or, for REST, as a POSTed JSON object. A real MISP
 * 2.5.1 answered the JSON oldest first (misp-samples/admin-logs-index.json); the page shows newest
 * first. Site admins see everything, org admins with perm_audit only their organisation's lines.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { logToJson } from '../logs/log-service.ts';
import { HttpError } from '../http/errors.ts';
import { htmlResponse, json } from '../http/respond.ts';
import { isSiteAdmin } from '../users/current-user.ts';
import { logsIndexPage } from '../views/logs/logs-index.ts';

const FILTER_KEYS = ['model', 'action', 'model_id', 'email', 'title', 'user_id', 'org'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const NUMERIC_KEYS = new Set<FilterKey>(['model_id', 'user_id']);
const HTML_PAGE_SIZE = 60;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function positiveInt(value: unknown): number | undefined {
  const n = Number(scalarText(value));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function index(ctx: RequestContext): Response {
  const body = ctx.method === 'POST' ? ctx.body : {};
  const source: Record<string, unknown> = { ...ctx.url.named, ...body };
  // MISP's preset buttons (/filter:email, auth_issues, …) are not kept here: say so, never list
  // every line as if it were the filtered answer.
  if (source.filter !== undefined)
    throw new HttpError(
      404,
      `The log filter preset "${String(source.filter)}" is not available on the reference server.`,
    );
  const filters: Record<string, string> = {};
  const query: Record<string, string | number> = {};
  for (const key of FILTER_KEYS) {
    const value = scalarText(source[key]);
    if (value === undefined || value === '') continue;
    filters[key] = value;
    // A numeric column compared with a non-number matches nothing, as SQL would.
    query[key] = NUMERIC_KEYS.has(key) ? (/^\d+$/.test(value) ? Number(value) : -1) : value;
  }
  if (!isSiteAdmin(ctx.auth)) query.org = ctx.auth!.org.name;
  const page = positiveInt(source.page) ?? 1;
  const limit = positiveInt(source.limit);
  const { logs } = ctx.services;
  if (ctx.isRest) {
    const rows = logs.list(query, { order: 'asc', limit: limit ?? -1, page });
    return json(rows.map(logToJson));
  }
  const pageSize = limit ?? HTML_PAGE_SIZE;
  const rows = logs.list(query, { order: 'desc', limit: pageSize, page });
  return htmlResponse(logsIndexPage(ctx, rows, filters, { page, limit: pageSize }));
}

const canAudit = (ctx: RequestContext): boolean =>
  isSiteAdmin(ctx.auth) || ctx.auth?.role.perms.perm_audit === true;

export const adminLogRoutes: RouteDef[] = [
  { path: 'admin/logs/index', methods: ['GET', 'POST'], allow: canAudit, handler: index },
  // MISP's top bar "Logs" opens /logs/index: the same table (observed on MISP 2.5.1).
  { path: 'logs/index', methods: ['GET', 'POST'], allow: canAudit, handler: index },
];
