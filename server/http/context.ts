/**
 * What a route handler gets: the parsed Cake URL, who is asking (session or auth key), the
 * parsed body and the server's services. Handlers return a fetch Response.
 */
import type { Context } from 'hono';
import type { CakeUrl } from './cake-url.ts';
import type { Body } from './form-data.ts';
import type { Flash, Session } from './session.ts';
import type { AuthUser } from '../users/current-user.ts';
import type { ServerServices } from '../services.ts';

export interface RequestContext {
  hono: Context;
  url: CakeUrl;
  method: string;
  /** MISP's isRest: .json/.xml/.csv extension or Accept: application/json. */
  isRest: boolean;
  isAjax: boolean;
  ip: string;
  session: Session;
  auth: AuthUser | null;
  /** True when the user came in with an auth key (REST only, never OTP-checked: spec §1.9). */
  viaAuthKey: boolean;
  body: Body;
  services: ServerServices;
}

export type Handler = (ctx: RequestContext) => Response | Promise<Response>;

export interface RouteDef {
  /** "controller/action", with an "admin/" prefix for admin routes, e.g. "admin/users/index". */
  path: string;
  methods?: readonly string[];
  /** Reachable without login (MISP's Auth->allow list). */
  public?: boolean;
  /** Extra access rule on top of login (MISP's ACL); false gives 403. */
  allow?: (ctx: RequestContext) => boolean;
  /** Skip the CSRF check for browser POSTs (only for endpoints MISP itself unlocks). */
  csrf?: false;
  handler: Handler;
}

export function flash(ctx: RequestContext, kind: Flash['kind'], message: string): void {
  ctx.session.flashes.push({ kind, message });
}
