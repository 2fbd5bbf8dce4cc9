/** The users index's filter bar: All / Enabled / Disabled / Inactive and the quick filter. */
import { html, type Html } from '../html.ts';
import { quickFilterField, quickFilterScript } from '../paging.ts';

export function usersIndexToolbar(): Html {
  const filters: Array<[string, string]> = [
    ['All', '/admin/users/index'],
    ['Enabled', '/admin/users/index/searchdisabled:0'],
    ['Disabled', '/admin/users/index/searchdisabled:1'],
    ['Inactive', '/admin/users/index/inactive:1'],
  ];
  return html`<div class="btn-toolbar" style="margin:0 10px;">
      <div class="btn-group">
        <a class="btn btn-small btn-inverse" href="/admin/users/filterUserIndex" title="Modify filters"
          ><i class="fa fa-search"></i
        ></a>
      </div>
      <div class="btn-group">
        ${filters.map(
          ([label, href], i) =>
            html`<a class="btn btn-small ${i === 0 ? 'btn-primary' : 'btn-inverse'}" href="${href}"
              >${label}</a
            >`,
        )}
      </div>
      <div class="btn-group pull-right">
        <div class="input-append" style="margin-bottom:0">
          ${quickFilterField('value')}<button class="btn btn-small btn-inverse" id="quickFilterButton">
            Filter
          </button>
        </div>
      </div>
    </div>
    ${quickFilterScript('/admin/users/index', 'value')}`;
}
