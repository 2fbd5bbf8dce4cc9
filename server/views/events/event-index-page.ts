/**
 * MISP 2.5.1's event index as a site admin sees it (observed 2026-12-02): the event side menu with
 * "List Events" active, paging above and below, the filter bar (filter popup, My Events / Org
 * Events, column picker, quick filter), MISP's columns and icon actions, and the paging summary.
 * Links to what this server does not have go to MISP's URLs, which answer with our 404 page.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { sideMenu, type SideMenuItem } from '../side-menu.ts';
import { PAGING, pagingSummary, quickFilterField } from '../paging.ts';
import { tagList } from './event-pages.ts';
import { DISTRIBUTION_LEVELS, THREAT_LEVEL_CLASS } from './labels.ts';

type Json = Record<string, unknown>;
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The index's short distribution names; the long ones (the tooltip) are DISTRIBUTION_LEVELS. */
const SHORT_DISTRIBUTION: Record<string, string> = {
  '0': 'Organisation',
  '1': 'Community',
  '2': 'Connected',
  '3': 'All',
  '4': 'Sharing group',
};
/** The event side menu (MISP's sideMenu for the event index), "List Events" active. */
const EVENT_INDEX_MENU: SideMenuItem[] = [
  ['index', '/events/index', 'List Events'],
  ['add', '/events/add', 'Add Event'],
  ['import_from', '/events/importChoice/event-collection', 'Import from…'],
  ['rest', '/api/rest', 'REST client'],
  null,
  ['listAttributes', '/attributes/index', 'List Attributes'],
  ['searchAttributes', '/attributes/search', 'Search Attributes'],
  null,
  ['viewProposals', '/shadow_attributes/index/all:0', 'View Proposals'],
  ['viewProposalIndex', '/events/proposalEventIndex', 'Events with proposals'],
  ['viewDelegations', '/event_delegations/index/context:pending', 'View delegation requests'],
  ['viewPeriodicSummary', '/users/viewPeriodicSummary/daily', 'View periodic summary'],
  null,
  ['export', '/events/export', 'Export'],
  ['automation', '/events/automation', 'Automation'],
];

/** The quick filter goes to /events/index/<scope>:<value>, as MISP's does. */
const QUICK_FILTER_SCRIPT = `document.getElementById('quickFilterButton').addEventListener('click',function(){
var v=document.getElementById('quickFilterField').value,s=document.getElementById('quickFilterScopeSelector').value;
location.href='/events/index'+(v?'/'+s+':'+encodeURIComponent(v):'');});
document.getElementById('quickFilterField').addEventListener('keyup',function(e){if(e.key==='Enter')document.getElementById('quickFilterButton').click();});`;

function filterBar(ctx: RequestContext): Html {
  const email = ctx.auth?.user.email ?? '';
  const orgId = String(ctx.auth?.user.org_id ?? '');
  return html`<div class="btn-toolbar" style="margin:0 10px;">
    <div class="btn-group">
      <a
        class="btn btn-small btn-inverse"
        id="create-button"
        href="/events/filterEventIndex"
        title="Modify filters"
        ><i class="fa fa-search"></i
      ></a>
    </div>
    <div class="btn-group" style="margin-left:15px">
      <a
        class="btn btn-small btn-inverse searchFilterButton"
        href="/events/index/searchemail:${email}"
        title="My events only"
        >My Events</a
      ><a
        class="btn btn-small btn-inverse searchFilterButton"
        href="/events/index/searchorg:${orgId}"
        title="My organisation's events only"
        >Org Events</a
      >
    </div>
    <div class="btn-group">
      <a
        class="btn btn-small btn-dropdown-toggle last btn-inverse"
        id="simple_filter"
        title="Choose columns to show"
        href="#"
        ><i class="fa fa-columns"></i> <span class="caret"></span
      ></a>
    </div>
    <div class="btn-group pull-right">
      <div class="input-append" style="margin-bottom:0">
        ${quickFilterField('searcheventinfo')}<select
          id="quickFilterScopeSelector"
          style="max-width:100px;height:26px;border-radius:0"
        >
          <option value="searcheventinfo" selected>Event info</option>
          <option value="searchall">All fields</option>
          <option value="searcheventid">ID / UUID</option>
          <option value="searchtags">Tag</option></select
        ><button class="btn btn-small btn-inverse" id="quickFilterButton">Filter</button>
      </div>
    </div>
  </div>`;
}

function eventRow(event: Json, creatorEmail: string): Html {
  const id = text(event.id);
  const tags = list(event.EventTag).map((link) => (link.Tag ?? {}) as Json);
  const orgName = text(((event.Org ?? {}) as Json).name);
  const orgcName = text(((event.Orgc ?? {}) as Json).name);
  const short = SHORT_DISTRIBUTION[text(event.distribution)] ?? '';
  const long = DISTRIBUTION_LEVELS[text(event.distribution)] ?? '';
  const published = event.published === true;
  return html`<tr id="event_${id}">
    <td style="width:10px"><input class="select" type="checkbox" data-id="${id}" /></td>
    <td class="dblclickElement ${published ? 'published' : 'notPublished'}" style="width:30px">
      <a href="/events/view/${id}" title="View" aria-label="View"
        ><i class="fa ${published ? 'fa-check green' : 'fa-times grey'}"></i
      ></a>
    </td>
    <td class="short">
      <a href="/organisations/view/${text(((event.Orgc ?? {}) as Json).id)}">${orgcName}</a>
    </td>
    <td class="short">
      <a href="/organisations/view/${text(((event.Org ?? {}) as Json).id)}">${orgName}</a>
    </td>
    <td class="short">
      <a
        href="/events/view/${id}"
        class="${THREAT_LEVEL_CLASS[text(event.threat_level_id)] ?? ''}"
        title="${text(event.info)}"
        >${id}</a
      >
    </td>
    <td class="short"></td>
    <td class="shortish">${tagList(tags)}</td>
    <td style="width:30px">${text(event.attribute_count)}</td>
    <td class="bold" style="width:30px"></td>
    <td class="short">${creatorEmail}</td>
    <td class="short"><time>${text(event.date)}</time></td>
    <td class="dblclickElement">${text(event.info)}</td>
    <td class="short${text(event.distribution) === '0' ? ' privateRedText' : ''}" title="${long}">
      ${short} <i class="fa fa-share-alt" style="font-size:x-small"></i>
    </td>
    <td class="short action-links">
      <a
        class="fa fa-upload"
        href="/events/publish/${id}"
        title="Publish Event"
        aria-label="Publish Event"
      ></a>
      <a href="/events/edit/${id}" title="Edit" aria-label="Edit"><i class="black fa fa-edit"></i></a>
      <a class="fa fa-trash" href="/events/delete/${id}" title="Delete" aria-label="Delete"></a>
      <a href="/events/view/${id}" title="View" aria-label="View"><i class="fa black fa-eye"></i></a>
    </td>
  </tr>`;
}

export function eventIndexPage(
  ctx: RequestContext,
  events: Json[],
  creatorEmail: (eventId: string) => string,
): Html {
  return page(ctx, {
    title: 'Events',
    content: html`${sideMenu(EVENT_INDEX_MENU, 'index')}
      <div class="events index">
        <h2>Events</h2>
        ${PAGING} ${filterBar(ctx)}
        <table class="table table-striped table-hover table-condensed" id="eventIndexTable">
          <tr>
            <th>
              <input
                class="select_all select"
                type="checkbox"
                title="Select all"
                aria-label="Select all events on current page"
              />
            </th>
            <th class="filter" title="Published">
              <a href="/events/index/sort:published/direction:asc"><i class="fa fa-upload"></i></a>
            </th>
            <th class="filter"><a href="/events/index/sort:orgc_id/direction:asc">Creator org</a></th>
            <th class="filter"><a href="/events/index/sort:org_id/direction:asc">Owner org</a></th>
            <th><a href="/events/index/sort:id/direction:desc">ID</a></th>
            <th>Clusters</th>
            <th>Tags</th>
            <th title="Attribute Count">
              <a href="/events/index/sort:attribute_count/direction:asc">#Attr.</a>
            </th>
            <th title="Correlation Count">#Corr.</th>
            <th>Creator user</th>
            <th class="filter"><a href="/events/index/sort:date/direction:desc">Date</a></th>
            <th class="filter"><a href="/events/index/sort:info/direction:asc">Info</a></th>
            <th title="Describes who will have access to the event.">
              <a href="/events/index/sort:distribution/direction:asc">Distribution</a>
            </th>
            <th class="actions">Actions</th>
          </tr>
          ${events.map((event) => eventRow(event, creatorEmail(text(event.id))))}
        </table>
        <p>${pagingSummary(events.length)}</p>
        ${PAGING}
      </div>
      <script>
        ${trusted(QUICK_FILTER_SCRIPT)};
      </script>`,
  });
}
