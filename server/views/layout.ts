/**
 * MISP 2.5.1's page frame, landmark for landmark (observed on a running MISP): the top bar
 * #topBar.navbar.navbar-inverse with Bootstrap dropdowns (li.dropdown > a.dropdown-toggle +
 * ul.dropdown-menu; the slides click Administration → Server Settings & Maintenance), on its right
 * the MISP logo, the user's name made from the email with the email as title, and "Log out";
 * flash messages in #flashContainer > #main-view-container; the content; MISP's footer. Menus
 * list the pages this server has, with MISP's labels, in MISP's order.
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
  /** The page draws its own full-width frame (the workflow editor). */
  fullWidth?: boolean;
}

/** MISP's UserNameHelper: the part before "@", split on dots, each word capitalised. */
export function nameFromEmail(email: string): string {
  return (email.split('@')[0] ?? '')
    .split('.')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Bootstrap's dropdown toggle, as bootstrap.js does it: a click opens one menu, closes the rest. */
const MENU_SCRIPT = `document.addEventListener('click',function(e){var t=e.target.closest('a.dropdown-toggle');
document.querySelectorAll('#topBar li.dropdown.open').forEach(function(li){if(!t||li!==t.parentElement)li.classList.remove('open');});
if(t){e.preventDefault();t.parentElement.classList.toggle('open');}});`;

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
        <div id="container">
          <div id="topBar" class="navbar navbar-inverse" style="z-index:100;">
            <div class="navbar-inner">${ctx.auth ? menu(ctx) : html`<ul class="nav"></ul>`}</div>
          </div>
          <div id="flashContainer" style="padding-top:50px;">
            <div id="main-view-container" class="container-fluid">
              ${flashes.map(
                (f) =>
                  html`<div
                    class="alert ${f.kind === 'error' ? 'alert-error' : f.kind === 'info' ? 'alert-info' : 'alert-success'}"
                  >
                    <button type="button" class="close" data-dismiss="alert">×</button> ${f.message}
                  </div>`,
              )}
            </div>
          </div>
          <div${options.fullWidth ? '' : trusted(' class="page-content"')}>${options.content}</div>
        </div>
        <div class="footer">
          <div id="footerContainer" class="navbar navbar-inverse">
            <div class="navbar-inner footerText">Powered by MISP 2.5.1</div>
          </div>
        </div>
        <div id="ajax_success_container" class="ajax_container"><div id="ajax_success" class="ajax_result ajax_success"></div></div>
        <div id="ajax_fail_container" class="ajax_container"><div id="ajax_fail" class="ajax_result ajax_fail"></div></div>
        <script>
          ${trusted(MENU_SCRIPT)}
        </script>
      </body>
    </html>`;
}

function dropdown(label: string, links: Array<[string, string]>): Html {
  return html`<li class="dropdown">
    <a href="#" class="dropdown-toggle" data-toggle="dropdown">${label}</a>
    <ul class="dropdown-menu">
      ${links.map(([href, text]) => html`<li><a href="${href}">${text}</a></li>`)}
    </ul>
  </li>`;
}

function menu(ctx: RequestContext): Html {
  const admin = isSiteAdmin(ctx.auth);
  const orgAdmin = isOrgAdmin(ctx.auth);
  const email = ctx.auth?.user.email ?? '';
  const administration: Array<[string, string]> = [
    ['/admin/users/index', 'List Users'],
    ['/admin/users/add', 'Add User'],
  ];
  if (admin)
    administration.push(
      ['/servers/serverSettings', 'Server Settings & Maintenance'],
      ['/workflows/triggers', 'Workflows'],
    );
  return html`<ul class="nav">
      <li><a href="/">Home</a></li>
      ${dropdown('Event Actions', [
        ['/events/index', 'List Events'],
        ['/events/add', 'Add Event'],
        ['/tags/index', 'List Tags'],
        ['/tags/add', 'Add Tag'],
      ])}
      ${dropdown('Global Actions', [['/users/view/me', 'My Profile']])}
      ${orgAdmin ? dropdown('Administration', administration) : ''}
      ${orgAdmin ? dropdown('Logs', [['/admin/logs/index', 'Application Logs']]) : ''}
    </ul>
    <ul class="nav pull-right">
      <li>
        <a href="/"><span class="logoBlueStatic bold" id="smallLogo">MISP</span></a>
      </li>
      <li>
        <a href="/users/view/me"><span class="white" title="${email}">${nameFromEmail(email)}</span></a>
      </li>
      <li><a href="/users/logout">Log out</a></li>
    </ul>`;
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
