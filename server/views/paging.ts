/**
 * The parts MISP's paginated indexes share, drawn our way: the « previous / next » boxes (one page
 * here: the indexes show every row, so both are off), the paging summary line, the quick filter.
 */
import { html, trusted, type Html } from './html.ts';

export const PAGING = html`<div class="pagination">
  <ul>
    <li class="prev disabled"><span>« previous</span></li>
    <li class="next disabled"><span>next »</span></li>
  </ul>
</div>`;

/** "Page 1 of 1, showing N records out of N total, …" as MISP's paginator counter words it. */
export function pagingSummary(count: number): string {
  return `Page 1 of 1, showing ${count} records out of ${count} total, starting on record ${count ? 1 : 0}, ending on ${count}`;
}

/** The quick filter goes to <index>/<key>:<value>, as MISP's does. */
export function quickFilterScript(indexPath: string, key: string): Html {
  return html`<script>
    ${trusted(`document.getElementById('quickFilterButton').addEventListener('click',function(){
var v=document.getElementById('quickFilterField').value;location.href='${indexPath}'+(v?'/${key}:'+encodeURIComponent(v):'');});`)};
  </script>`;
}

/** The quick filter's text field ("Enter value to search"); the scope select and button follow it. */
export function quickFilterField(searchKey: string): Html {
  return html`<input
    type="text"
    class="span3 input-small"
    placeholder="Enter value to search"
    aria-label="Enter value to search"
    style="padding:2px 6px;height:26px"
    id="quickFilterField"
    data-searchkey="${searchKey}"
    value=""
  />`;
}

/** One icon of an index row's Actions cell (MISP's black Font Awesome icons with a title). */
export function actionIcon(href: string, title: string, icon: string): Html {
  return html`<a href="${href}" title="${title}" aria-label="${title}"
    ><i class="black fa fa-${icon}"></i
  ></a>`;
}
