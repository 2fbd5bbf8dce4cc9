/**
 * Routes keyed by "controller/action" (MISP's own addressing), plus the REST resource routes
 * Router::mapResources(['events','attributes']) adds: POST /events, GET|POST|PUT|DELETE /events/<id>.
 */
import type { CakeUrl } from './cake-url.ts';
import type { RouteDef } from './context.ts';

const RESOURCE_CONTROLLERS = new Set(['events', 'attributes']);

export class Router {
  private readonly routes = new Map<string, RouteDef>();

  add(...defs: RouteDef[]): this {
    for (const def of defs) {
      if (this.routes.has(def.path)) throw new Error(`route ${def.path} registered twice`);
      this.routes.set(def.path, def);
    }
    return this;
  }

  /** Finds the route; resource URLs are rewritten to their action with the id as first pass arg. */
  match(url: CakeUrl, method: string): { route: RouteDef; url: CakeUrl } | null {
    // MISP's routes.php connects "/" to events/index: its home page is the event list.
    const home =
      !url.admin && url.controller === '' ? { ...url, controller: 'events', action: 'index' } : url;
    const rewritten = rewriteResource(home, method);
    const key = `${rewritten.admin ? 'admin/' : ''}${rewritten.controller}/${rewritten.action || 'index'}`;
    const route = this.routes.get(key);
    return route ? { route, url: rewritten.action ? rewritten : { ...rewritten, action: 'index' } } : null;
  }
}

function rewriteResource(url: CakeUrl, method: string): CakeUrl {
  if (url.admin || !RESOURCE_CONTROLLERS.has(url.controller)) return url;
  if (url.action === '' && method === 'POST') return { ...url, action: 'add' };
  if (/^(\d+|[0-9a-f-]{36})$/i.test(url.action)) {
    const action = method === 'GET' ? 'view' : method === 'DELETE' ? 'delete' : 'edit';
    return { ...url, action, pass: [url.action, ...url.pass] };
  }
  return url;
}
