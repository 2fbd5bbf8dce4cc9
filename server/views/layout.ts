/**
 * MISP 2.5.1's page frame, landmark for landmark (observed on a running MISP): the top bar
 * #topBar.navbar.navbar-inverse (menus in top-bar.ts), flash messages in #flashContainer >
 * #main-view-container, the content, MISP's footer (PGP key link, "Powered by MISP", the shortcuts
 * triangle). Font Awesome 4.7 comes from node_modules (routes/icon-font.ts).
 */
import type { RequestContext } from '../http/context.ts';
import { issueCsrfKey } from '../http/session.ts';
import { html, trusted, type Html } from './html.ts';
import { STYLE } from './style.ts';
import { topBarMenus } from './top-bar.ts';

export interface PageOptions {
  title: string;
  content: Html;
  /** Extra <head> markup (scripts and styles of the workflow editor). */
  head?: Html;
  /** The page draws its own full-width frame (the workflow editor). */
  fullWidth?: boolean;
}

/** Bootstrap's dropdown toggle, as bootstrap.js does it: a click opens one menu, closes the rest. */
const MENU_SCRIPT = `document.addEventListener('click',function(e){var t=e.target.closest('a.dropdown-toggle,a.btn-dropdown-toggle');
document.querySelectorAll('.dropdown.open,.btn-group.open').forEach(function(li){if(!t||li!==t.parentElement)li.classList.remove('open');});
if(t){e.preventDefault();t.parentElement.classList.toggle('open');}});`;

export function page(ctx: RequestContext, options: PageOptions): Html {
  const flashes = ctx.session.flashes.splice(0);
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <link rel="stylesheet" href="/css/font-awesome.min.css" />
        <title>${options.title} - MISP</title>
        <style>
          ${trusted(STYLE)}
        </style>
        ${options.head ?? ''}
      </head>
      <body>
        <div id="container">
          <div id="topBar" class="navbar navbar-inverse" style="z-index:100;">
            <div class="navbar-inner">${
              ctx.auth
                ? topBarMenus(ctx)
                : html`<ul class="nav"></ul>
                    <ul class="nav pull-right"></ul>`
            }</div>
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
        ${footer(ctx)}
        <div id="ajax_success_container" class="ajax_container"><div id="ajax_success" class="ajax_result ajax_success"></div></div>
        <div id="ajax_fail_container" class="ajax_container"><div id="ajax_fail" class="ajax_result ajax_fail"></div></div>
        <script>
          ${trusted(MENU_SCRIPT)}
        </script>
      </body>
    </html>`;
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

/** "YYYY-MM-DD hh:mm:ss" in the server's clock, as MISP's footer prints it. */
function footerTime(ctx: RequestContext): string {
  return new Date(ctx.services.clock()).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * MISP's footer: the server's PGP key on the left, "Powered by MISP" centred (with the version
 * once logged in, as MISP hides it from anonymous visitors), and the keyboard-shortcuts triangle.
 */
function footer(ctx: RequestContext): Html {
  return html`<div class="footer">
    <div id="shortcutsListContainer"><div id="triangle" title="Show keyboard shortcuts help"></div></div>
    <div id="footerContainer" class="navbar navbar-inverse">
      <div class="navbar-inner">
        <div class="pull-left footerText">
          <span>Download: <a href="/gpg.asc">Server PGP public key</a></span>
        </div>
        <div class="footerText footerCenterText">
          <span
            >Powered by
            <a href="https://github.com/MISP/MISP" rel="noopener">MISP${ctx.auth ? ' 2.5.1' : ''}</a> -
            <time>${footerTime(ctx)}</time></span
          >
        </div>
      </div>
    </div>
  </div>`;
}
