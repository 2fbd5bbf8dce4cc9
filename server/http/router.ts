/**
 * Routes keyed by "controller/action" (MISP's own addressing), plus the REST resource routes
 * Router::mapResources(['events','attributes']) adds: POST /events, GET|POST|PUT|DELETE /events/<id>.
 * CakePHP camelizes the controller segment and PHP resolves class and method names without
 * regard to case, so `auth_keys/add`, `authKeys/add` and `authkeys/ADD` reach the same action.
 */
import type { CakeUrl } from './cake-url.ts';
import type { RouteDef } from './context.ts';

const RESOURCE_CONTROLLERS = new Set(['events', 'attributes']);

export class Router {
  private readonly routes = new Map<string, RouteDef>();

  add(...defs: RouteDef[]): this {
    for (const def of defs) {
      const key = canonicalPath(def.path);
      if (this.routes.has(key)) throw new Error(`route ${def.path} registered twice`);
      this.routes.set(key, def);
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
    const route = this.routes.get(canonicalPath(key));
    return route ? { route, url: rewritten.action ? rewritten : { ...rewritten, action: 'index' } } : null;
  }
}

/** "admin/authKeys/Add" and "admin/auth_keys/add" give one key: MISP treats them as one action. */
function canonicalPath(path: string): string {
  const parts = path.split('/');
  const action = parts.pop() ?? '';
  const controller = (parts.pop() ?? '').replaceAll('_', '');
  return [...parts, controller, action].join('/').toLowerCase();
}

function rewriteResource(url: CakeUrl, method: string): CakeUrl {
  if (url.admin || !RESOURCE_CONTROLLERS.has(url.controller.toLowerCase())) return url;
  if (url.action === '' && method === 'POST') return { ...url, action: 'add' };
  if (/^(\d+|[0-9a-f-]{36})$/i.test(url.action)) {
    const action = method === 'GET' ? 'view' : method === 'DELETE' ? 'delete' : 'edit';
    return { ...url, action, pass: [url.action, ...url.pass] };
  }
  return url;
}
