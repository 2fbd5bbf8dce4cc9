/**
 * /admin/logs/index[.json] (LogsController::admin_index): filters as named parameters
 * (/model:User/action:login_fail/model_id:3) or, for REST, as a POSTed JSON object. A real MISP
 * 2.5.1 answered the JSON oldest first (misp-samples/admin-logs-index.json); the page shows newest
 * first. Site admins see everything, org admins with perm_audit only their organisation's lines.
 * `created` (REST) keeps the lines created at or after a time: unix seconds, a delta back from
 * now ("10m", "2h", "1d", "30s") or a date, as MISP's resolveTimeDelta reads it.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { formatMispDate, logToJson } from '../logs/log-service.ts';
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

const DELTA_UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/**
 * Unix seconds of a `created` filter (AppModel::resolveTimeDelta): a number as is, "<n><d|h|m|s>"
 * back from now, else a date; what MISP cannot read becomes a moment in the future (no line).
 */
function resolveTimeDelta(text: string, nowMs: number): number {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (/^\d+$/.test(text)) return Number(text);
  const unit = DELTA_UNIT_SECONDS[text.slice(-1).toLowerCase()];
  if (unit !== undefined) {
    const amount = Number(text.slice(0, -1));
    return Number.isFinite(amount) && text.length > 1 ? nowSeconds - amount * unit : nowSeconds + 1;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? nowSeconds + 1 : Math.floor(parsed / 1000);
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
    const created = scalarText(source.created);
    const since =
      created === undefined || created === ''
        ? {}
        : { since: formatMispDate(resolveTimeDelta(created, ctx.services.clock()) * 1000) };
    const rows = logs.list(query, { order: 'asc', limit: limit ?? -1, page, ...since });
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
