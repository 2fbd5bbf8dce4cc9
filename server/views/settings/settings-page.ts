/**
 * /servers/serverSettings[/<tab>]: the tab bar ("MISP settings", "Security settings", …) and, on a
 * tab, the settings table with MISP's row and cell ids (see inline-editor.ts).
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { inlineEditorScript, settingRow } from './inline-editor.ts';
import { PRIORITIES, tabsOf, type SettingRow } from './settings-rows.ts';

const EXTRA_STYLE = `
.hidden{display:none}.nav-tabs{display:flex;gap:4px;list-style:none;padding:0;border-bottom:1px solid #ddd}
.nav-tabs li a{display:block;padding:6px 12px;border:1px solid transparent;text-decoration:none;color:#0088cc}
.nav-tabs li.active a{border-color:#ddd #ddd #fff;color:#555;background:#fff}
td.inline-field-solid{cursor:pointer;min-width:160px}.inline-input-container{display:flex;gap:4px;align-items:center}
.inline-input-button{cursor:pointer;padding:0 4px}.ajax_container{position:fixed;top:50px;right:20px;z-index:20}
`;

function tabBar(rows: SettingRow[], active: string | null): Html {
  const tabs = tabsOf(rows);
  return html`<ul class="nav nav-tabs" id="serverSettingsTabs">
    <li class="${active === null ? 'active' : ''}"><a href="/servers/serverSettings/">Overview</a></li>
    ${tabs.map(
      (tab) =>
        html`<li class="${tab === active ? 'active' : ''}">
          <a href="/servers/serverSettings/${tab}" id="serverSettingsTab${tab}">${tab} settings</a>
        </li>`,
    )}
  </ul>`;
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
      ? html`<h2>Server Settings &amp; Maintenance</h2>
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
          </table>`
      : html`<h2>Server Settings &amp; Maintenance</h2>
          ${tabBar(rows, tab)}
          <p class="settings-help">Click on a value to edit it. Priorities: ${PRIORITIES.join(', ')}.</p>
          ${settingsTable(rows.filter((r) => r.tab === tab))} ${inlineEditorScript()}`;
  return page(ctx, {
    title: 'Server Settings',
    head: html`<style>
      ${trusted(EXTRA_STYLE)}
    </style>`,
    content,
  });
}
