/**
 * MISP's page frame: top menu (the slides click Administration → Server Settings & Maintenance),
 * flash messages, content. Menus are <details> so a click opens them, as Bootstrap's do in MISP.
 */
import type { RequestContext } from '../http/context.ts';
import { issueCsrfKey } from '../http/session.ts';
import { isSiteAdmin, isOrgAdmin } from '../users/current-user.ts';
import { html, trusted, type Html } from './html.ts';
import { STYLE } from './style.ts';

export interface PageOptions {
  title: string;
  content: Html;
  /** Extra <head> markup (scripts and styles of the workflow editor). */
  head?: Html;
}

export function page(ctx: RequestContext, options: PageOptions): Html {
  const flashes = ctx.session.flashes.splice(0);
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${options.title} - MISP</title>
        <style>
          ${trusted(STYLE)}
        </style>
        ${options.head ?? ''}
      </head>
      <body>
        ${ctx.auth ? menu(ctx) : ''}
        <div id="main" class="container">
          ${flashes.map(
            (f) =>
              html`<div
                id="flashMessage"
                class="alert ${f.kind === 'error' ? 'alert-error' : f.kind === 'info' ? 'alert-info' : 'alert-success'}"
              >
                ${f.message}
              </div>`,
          )}
          ${options.content}
        </div>
      </body>
    </html>`;
}

function menu(ctx: RequestContext): Html {
  const admin = isSiteAdmin(ctx.auth);
  const orgAdmin = isOrgAdmin(ctx.auth);
  return html`<nav class="navbar" id="topBar">
    <a class="brand" href="/events/index">MISP</a>
    <details class="dropdown">
      <summary>Event Actions</summary>
      <div class="dropdown-menu">
        <a href="/events/index">List Events</a><a href="/events/add">Add Event</a>
      </div>
    </details>
    <details class="dropdown">
      <summary>Global Actions</summary>
      <div class="dropdown-menu">
        <a href="/users/view/me">My Profile</a>
      </div>
    </details>
    ${
      orgAdmin
        ? html`<details class="dropdown">
              <summary>Administration</summary>
              <div class="dropdown-menu">
                <a href="/admin/users/add">Add User</a><a href="/admin/users/index">List Users</a>
                ${
                  admin
                    ? html`<a href="/servers/serverSettings">Server Settings &amp; Maintenance</a
                        ><a href="/workflows/triggers">Workflows</a
                        ><a href="/workflowBlueprints/index">Workflow Blueprints</a>`
                    : ''
                }
              </div>
            </details>
            <details class="dropdown">
              <summary>Logs</summary>
              <div class="dropdown-menu">
                <a href="/admin/logs/index">Application Logs</a>
              </div>
            </details>`
        : ''
    }
    <span class="pull-right"
      ><a href="/users/view/me" id="userLink">${ctx.auth?.user.email ?? ''}</a>
      <a href="/users/logout" class="logout">Log out</a></span
    >
  </nav>`;
}

/** The hidden fields CakePHP's FormHelper adds: _method and the Security component's token. */
export function formSecurityFields(ctx: RequestContext): Html {
  const key = issueCsrfKey(ctx.session);
  return html`<div style="display:none;">
    <input type="hidden" name="_method" value="POST" /><input
      type="hidden"
      name="data[_Token][key]"
      value="${key}"
      id="Token${key.slice(0, 8)}"
    /><input type="hidden" name="data[_Token][fields]" value="${key.slice(8, 48)}" /><input
      type="hidden"
      name="data[_Token][unlocked]"
      value=""
    />
  </div>`;
}
