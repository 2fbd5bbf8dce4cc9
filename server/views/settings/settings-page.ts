/**
 * /servers/serverSettings[/<tab>]: the tab bar ("MISP settings", "Security settings", …) and, on a
 * tab, the settings table with MISP's row and cell ids (see inline-editor.ts).
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { inlineEditorScript, settingRow } from './inline-editor.ts';
import { tabsOf, type SettingRow } from './settings-rows.ts';
import { adminSideMenu } from '../side-menu.ts';

const EXTRA_STYLE = `
#serverSettingsTabs{padding:0 0 5px}#serverSettingsTabs .btn-group:first-child{flex-wrap:wrap}
td.inline-field-solid{cursor:pointer;min-width:160px}.inline-input-container{display:flex;gap:4px;align-items:center}
.inline-input-button{cursor:pointer;padding:0 4px}.ajax_container{position:fixed;top:50px;right:20px;z-index:20}
`;

/** MISP's pages of the settings area that are not setting tabs (this server has none of them: 404). */
const EXTRA_TABS: Array<[path: string, label: Html | string]> = [
  ['correlations', html`Correlations <span class="label label-info" style="margin-left:0.5em">new</span>`],
  ['diagnostics', 'Diagnostics'],
  ['files', 'Manage files'],
  ['workers', html`<i class="fa fa-android"></i> Workers`],
  ['download', html`<i class="fa fa-download"></i>`],
];

/** Filters the rows of the table(s) below by the text typed, as MISP's live filter does. */
const LIVE_FILTER_SCRIPT = `document.getElementById('liveFilterField').addEventListener('input',function(e){
var q=e.target.value.toLowerCase();document.querySelectorAll('.settingsTableContainer tbody tr').forEach(function(tr){
tr.style.display=!q||tr.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});`;

/**
 * MISP 2.5.1's tab bar: one group of small buttons, the current tab blue. MISP adds a count of
 * the tab's misconfigurations; this server computes none, so no tab shows a count.
 */
function tabBar(rows: SettingRow[], active: string | null): Html {
  const button = (path: string, label: Html | string, current: boolean, id?: string) =>
    html`<a
      class="btn btn-small ${current ? 'btn-primary' : 'btn-inverse'}"
      href="/servers/serverSettings/${path}"
      ${id ? trusted(`id="${id}"`) : ''}
      >${label}</a
    >`;
  return html`<div class="btn-toolbar" style="margin:0 10px;" id="serverSettingsTabs">
      <div class="btn-group">
        ${button('', 'Overview', active === null)}
        ${tabsOf(rows).map((tab) => button(tab, tab, tab === active, `serverSettingsTab${tab}`))}
        ${EXTRA_TABS.map(([path, label]) => button(path, label, false))}
      </div>
      <div class="btn-group pull-right">
        <input
          type="text"
          class="span3 input-small"
          placeholder="Filter the table(s) below"
          aria-label="Filter the table(s) below"
          style="padding:2px 6px;margin:0;height:26px"
          id="liveFilterField"
        />
      </div>
    </div>
    <script>
      ${trusted(LIVE_FILTER_SCRIPT)};
    </script>`;
}

function settingsTable(rows: SettingRow[]): Html {
  const groups = [...new Set(rows.map((r) => r.subGroup))];
  return html`${groups.map(
    (group) =>
      html`<div class="settingsTableContainer" id="settingsTable_${group}">
        ${groups.length > 1 ? html`<h3>${group}</h3>` : ''}
        <table class="table table-hover table-condensed settingsTableContainer" data-subgroup="${group}">
          <thead>
            <tr>
              <th>Priority</th>
              <th>Setting</th>
              <th>Value</th>
              <th>Description</th>
              <th>Error Message</th>
            </tr>
          </thead>
          <tbody>
            ${rows.filter((r) => r.subGroup === group).map(settingRow)}
          </tbody>
        </table>
      </div>`,
  )}`;
}

export function serverSettingsPage(ctx: RequestContext, rows: SettingRow[], tab: string | null): Html {
  const content =
    tab === null
      ? html`${adminSideMenu('serverSettings')}
          <div class="server index">
            <h2>Server Settings &amp; Maintenance</h2>
            ${tabBar(rows, null)}
            <p>Choose a tab to view and edit the settings of this instance.</p>
            <table class="table" id="settingsOverview">
              <tr>
                <th>Tab</th>
                <th>Settings</th>
              </tr>
              ${tabsOf(rows).map(
                (t) =>
                  html`<tr>
                    <td><a href="/servers/serverSettings/${t}">${t}</a></td>
                    <td>${rows.filter((r) => r.tab === t).length}</td>
                  </tr>`,
              )}
            </table>
          </div>`
      : html`${adminSideMenu('serverSettings')}
          <div class="server index">
            <h2>Server Settings &amp; Maintenance</h2>
            ${tabBar(rows, tab)} ${settingsTable(rows.filter((r) => r.tab === tab))} ${inlineEditorScript()}
          </div>`;
  return page(ctx, {
    title: 'Server Settings',
    head: html`<style>
      ${trusted(EXTRA_STYLE)}
    </style>`,
    content,
  });
}
