/** /admin/logs/index: MISP's audit log table, newest first, with the filters that produced it. */
import type { RequestContext } from '../../http/context.ts';
import type { LogRow } from '../../logs/log-service.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { logsSideMenu } from '../side-menu.ts';

export function logsIndexPage(
  ctx: RequestContext,
  rows: LogRow[],
  filters: Record<string, string>,
  paging: { page: number; limit: number },
): Html {
  const filterText = Object.entries(filters)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  const named = Object.entries(filters)
    .map(([k, v]) => `/${k}:${encodeURIComponent(v)}`)
    .join('');
  const pageLink = (to: number, label: string, id: string) =>
    html`<a
      href="/admin/logs/index${named}/page:${to}"
      id="${id}"
      rel="${id === 'logsPrev' ? 'prev' : 'next'}"
      >${label}</a
    >`;
  const presets: Array<[string, string]> = [
    ['email', 'Emails'],
    ['auth_issues', 'Authentication issues'],
    ['update', 'MISP Update results'],
    ['settings', 'Setting changes'],
    ['errors', 'Warnings and errors'],
  ];
  return page(ctx, {
    title: 'Application Logs',
    content: html`${logsSideMenu()}
      <div class="logs index">
        <h2>Application Logs</h2>
        ${filterText ? html`<p id="logFilters">Filtered by ${filterText}</p>` : ''}
        <div class="pagination">
          <ul>
            ${
              paging.page > 1
                ? html`<li class="prev">${pageLink(paging.page - 1, '« previous', 'logsPrev')}</li>`
                : html`<li class="prev disabled"><span>« previous</span></li>`
            }
            ${
              rows.length === paging.limit
                ? html`<li class="next">${pageLink(paging.page + 1, 'next »', 'logsNext')}</li>`
                : html`<li class="next disabled"><span>next »</span></li>`
            }
          </ul>
        </div>
        <div class="btn-toolbar" style="margin:0 10px;">
          <div class="btn-group">
            ${presets.map(
              ([key, label]) =>
                html`<a
                  class="btn btn-small btn-inverse"
                  href="/logs/index/filter:${key}"
                  title="Modify filters"
                  >${label}</a
                >`,
            )}
          </div>
        </div>
        <table class="table table-striped table-hover table-condensed" id="logsIndexTable">
          <thead>
            <tr>
              ${['Id', 'Email', 'Org', 'Created', 'Model', 'Model ID', 'Action', 'Title', 'Change'].map(
                (label) => html`<th>${label}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) =>
                html`<tr data-log-id="${row.id}" data-action="${row.action}">
                  <td class="short">${row.id}</td>
                  <td class="short">${row.email}</td>
                  <td class="short">${row.org}</td>
                  <td class="short"><time>${row.created}</time></td>
                  <td class="short">${row.model}</td>
                  <td class="short">${row.model_id}</td>
                  <td class="short log-action">${row.action}</td>
                  <td class="log-title">${row.title}</td>
                  <td class="log-change">${row.change}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  });
}
