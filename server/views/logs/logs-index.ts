/** /admin/logs/index: MISP's audit log table, newest first, with the filters that produced it. */
import type { RequestContext } from '../../http/context.ts';
import type { LogRow } from '../../logs/log-service.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';

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
  return page(ctx, {
    title: 'Logs',
    content: html`<div class="logs index">
      <h2>Logs</h2>
      ${filterText ? html`<p id="logFilters">Filtered by ${filterText}</p>` : ''}
      <table class="table table-striped table-hover table-condensed" id="logsIndexTable">
        <thead>
          <tr>
            <th>Id</th>
            <th>Email</th>
            <th>Org</th>
            <th>Created</th>
            <th>Model</th>
            <th>Model ID</th>
            <th>Action</th>
            <th>Title</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr data-log-id="${row.id}" data-action="${row.action}">
                <td>${row.id}</td>
                <td>${row.email}</td>
                <td>${row.org}</td>
                <td>${row.created}</td>
                <td>${row.model}</td>
                <td>${row.model_id}</td>
                <td class="log-action">${row.action}</td>
                <td class="log-title">${row.title}</td>
                <td class="log-change">${row.change}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="paging">
        ${
          paging.page > 1
            ? html`<a href="/admin/logs/index${named}/page:${paging.page - 1}" id="logsPrev"
                >&lt; previous</a
              >`
            : ''
        }
        Page ${paging.page}
        ${
          rows.length === paging.limit
            ? html`<a href="/admin/logs/index${named}/page:${paging.page + 1}" id="logsNext">next &gt;</a>`
            : ''
        }
      </p>
    </div>`,
  });
}
