/**
 * ServersController's settings endpoints (spec §2.3), site admin only: the settings page and its
 * inline editor, REST serverSettingsEdit with MISP's answer shapes and its (bool)trim() quirk,
 * getSetting and serverSettings.json. The rules are SettingsService's; this file maps HTTP to them.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { HttpError, forbidden, notFound, saveFailure, saveSuccessBody } from '../http/errors.ts';
import type { Body } from '../http/form-data.ts';
import { htmlResponse, json } from '../http/respond.ts';
import type { SettingValue } from '../settings/definitions.ts';
import { isSiteAdmin, actorOf } from '../users/current-user.ts';
import { settingEditForm, settingRow } from '../views/settings/inline-editor.ts';
import { serverSettingsPage } from '../views/settings/settings-page.ts';
import { settingRows, tabsOf, type SettingRow } from '../views/settings/settings-rows.ts';

const INVALID_INPUT = 'Invalid input. Expected: {"value": "new_setting"}';
const EDIT_URL = '/servers/serverSettingsEdit';

/** PHP's empty(): false, 0, "0", "", null and [] are empty; the string "false" is not. */
function phpNotEmpty(value: unknown): boolean {
  if (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === '' ||
    value === '0'
  )
    return false;
  return !(Array.isArray(value) && value.length === 0);
}

/** PHP's trim() of a scalar before the cast: true → "1", false → "", numbers as text. */
function phpScalarText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '';
  return String(value);
}

function findRow(ctx: RequestContext, name: string): SettingRow {
  const definition = ctx.services.settings.definition(name);
  const row = definition
    ? settingRows(ctx.services.settings).find((r) => r.definition.name === name)
    : undefined;
  if (!row) throw notFound(`Setting ${name} is invalid.`);
  return row;
}

/**
 * serverSettings.json's `workers` as real MISP 2.5.1 lists them (queue → ok, workers[].alive):
 * the reference server runs its jobs in process, so with background jobs on each queue has one
 * live worker, and none with them off.
 */
function workerStatus(
  ctx: RequestContext,
): Record<string, { ok: boolean; workers: Array<{ alive: boolean }> }> {
  const on = ctx.services.settings.bool('MISP.background_jobs');
  const queues = ['cache', 'default', 'email', 'prio', 'update'];
  return Object.fromEntries(queues.map((q) => [q, { ok: on, workers: on ? [{ alive: true }] : [] }]));
}

function serverSettings(ctx: RequestContext): Response {
  const rows = settingRows(ctx.services.settings);
  if (ctx.isRest) {
    const finalSettings = rows.map((r) => {
      const described = ctx.services.settings.describe(r.definition);
      delete described.description;
      if (r.definition.redacted) described.value = '*****';
      return { ...described, setting: r.definition.name, tab: r.tab };
    });
    return json({ finalSettings, workers: workerStatus(ctx) });
  }
  const requested = ctx.url.pass[0] ?? null;
  const tab = requested === null || requested === '' ? null : requested;
  if (tab !== null && !tabsOf(rows).includes(tab)) throw notFound('Invalid tab.');
  return htmlResponse(serverSettingsPage(ctx, rows, tab));
}

function getSetting(ctx: RequestContext): Response {
  const name = ctx.url.pass[0] ?? '';
  const definition = ctx.services.settings.definition(name);
  if (!definition) throw notFound(`Setting ${name} is invalid.`);
  if (definition.redacted) throw forbidden('This setting is redacted.');
  return json(ctx.services.settings.describe(definition));
}

function reloadSetting(ctx: RequestContext): Response {
  const row = findRow(ctx, ctx.url.pass[0] ?? '');
  return htmlResponse(settingRow(row));
}

function serverSettingsEdit(ctx: RequestContext): Response {
  const [name = '', id, forceParam] = ctx.url.pass;
  if (!ctx.isRest && id === undefined) throw new HttpError(405, 'You do not have permission to do that.');
  const row = findRow(ctx, name);
  const { definition } = row;
  if (definition.cli_only) throw new HttpError(405, 'This setting can only be edited via the CLI.');
  if (ctx.method === 'GET') {
    // The form's ids carry the row id the page asked with, as MISP's view does.
    const k = id !== undefined && /^\d{1,6}$/.test(id) ? Number(id) : row.k;
    if (!ctx.isRest) return htmlResponse(settingEditForm(ctx, { ...row, k }));
    if (definition.redacted) throw forbidden('This setting is redacted.');
    return json({ [definition.name]: row.value });
  }
  const server = (
    typeof ctx.body.Server === 'object' && ctx.body.Server !== null ? ctx.body.Server : ctx.body
  ) as Body;
  const raw = server.value;
  const fail = (reason: string): Response => {
    if (ctx.isRest) throw saveFailure('serverSettingsEdit', 'Server', EDIT_URL, reason);
    return json({ saved: false, errors: reason });
  };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
    return fail(INVALID_INPUT);
  const text = phpScalarText(raw);
  if (text.trim() === '*****') return fail('No change.');
  // The web path casts (bool)trim(value): JSON false gives false, but the string "false" gives true.
  const force = phpNotEmpty(server.force) || phpNotEmpty(forceParam);
  const value: SettingValue = text;
  const outcome = ctx.services.settings.editSetting(definition.name, value, {
    force,
    actor: actorOf(ctx.auth),
  });
  if (!outcome.ok) return fail(outcome.reason);
  if (ctx.isRest) return json(saveSuccessBody('Field updated', EDIT_URL));
  return json({ saved: true, success: 'Field updated.' });
}

const siteAdminOnly = (ctx: RequestContext) => isSiteAdmin(ctx.auth);

export const serverSettingsRoutes: RouteDef[] = [
  { path: 'servers/serverSettings', methods: ['GET'], allow: siteAdminOnly, handler: serverSettings },
  { path: 'servers/getSetting', methods: ['GET'], allow: siteAdminOnly, handler: getSetting },
  {
    path: 'servers/serverSettingsEdit',
    methods: ['GET', 'POST'],
    allow: siteAdminOnly,
    handler: serverSettingsEdit,
  },
  {
    path: 'servers/serverSettingsReloadSetting',
    methods: ['GET'],
    allow: siteAdminOnly,
    handler: reloadSetting,
  },
];
