/**
 * userSettings/setSetting, getSetting and delete (UserSettingsController; PyMISP's
 * set_user_setting, get_user_setting, delete_user_setting). Bodies may wrap their fields in
 * "UserSetting" or not, as MISP accepts both. Observed on real MISP 2.5.1: setSetting answers
 * {"UserSetting": {...}}, getSetting the bare setting, delete "Setting deleted." with the row id;
 * another user's setting and a missing one both answer 404.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import type { Body } from '../http/form-data.ts';
import { saveSuccessBody } from '../http/errors.ts';
import { json } from '../http/respond.ts';
import { UserSettingService } from '../users/user-setting-service.ts';

const service = (ctx: RequestContext) =>
  new UserSettingService(ctx.services.db, ctx.services.users, ctx.services.clock);

function fields(body: Body): Body {
  const wrapped = body.UserSetting;
  return typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)
    ? (wrapped as Body)
    : body;
}

function setSetting(ctx: RequestContext): Response {
  const [userId, setting] = ctx.url.pass;
  const body = fields(ctx.body);
  const saved = service(ctx).set(ctx.auth!, {
    setting: setting ?? body.setting,
    value: body.value,
    user_id: userId ?? body.user_id,
  });
  return json({ UserSetting: saved });
}

function getSetting(ctx: RequestContext): Response {
  return json(service(ctx).get(ctx.auth!, { setting: ctx.body.setting, user_id: ctx.body.user_id }));
}

function remove(ctx: RequestContext): Response {
  const id = service(ctx).delete(ctx.auth!, {
    id: ctx.url.pass[0],
    setting: ctx.body.setting,
    user_id: ctx.body.user_id,
  });
  return json(saveSuccessBody('Setting deleted.', `/user_settings/delete/${id}`, id));
}

export const userSettingRoutes: RouteDef[] = [
  { path: 'user_settings/setSetting', methods: ['POST'], handler: setSetting },
  { path: 'user_settings/getSetting', methods: ['POST'], handler: getSetting },
  { path: 'user_settings/delete', methods: ['POST', 'DELETE'], handler: remove },
];
