/**
 * MISP 2.5.1's top bar, menu for menu and item for item as a site admin sees it (observed on a
 * running MISP 2.5.1, 2026-12-02). Items for features this server does not have are still shown, as
 * a trainer expects them, and link to MISP's own URLs: this server answers those with its 404 page,
 * never with a silent success. Markup and labels are ours, written to look like MISP's.
 */
import type { RequestContext } from '../http/context.ts';
import { isSiteAdmin, isOrgAdmin } from '../users/current-user.ts';
import { html, type Html } from './html.ts';

/** A menu entry, or null for Bootstrap's divider line. */
type MenuItem = [href: string, label: string] | null;

/** MISP's UserNameHelper: the part before "@", split on dots, each word capitalised. */
export function nameFromEmail(email: string): string {
  return (email.split('@')[0] ?? '')
    .split('.')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const EVENT_ACTIONS: MenuItem[] = [
  ['/events/index', 'List Events'],
  ['/events/add', 'Add Event'],
  ['/attributes/index', 'List Attributes'],
  ['/attributes/search', 'Search Attributes'],
  null,
  ['/collections/index', 'List Collections'],
  null,
  ['/analyst_data/index', 'List Analyst Data'],
  null,
  ['/shadow_attributes/index/all:0', 'View Proposals'],
  ['/events/proposalEventIndex', 'Events with proposals'],
  ['/event_delegations/index/context:pending', 'View delegation requests'],
  null,
  ['/tags/index', 'List Tags'],
  ['/tags/add', 'Add Tag'],
  ['/tag_collections/index', 'List Tag Collections'],
  ['/taxonomies/index', 'List Taxonomies'],
  ['/templates/index', 'List Templates'],
  null,
  ['/events/export', 'Export'],
  ['/events/automation', 'Automation'],
];

const GALAXIES: MenuItem[] = [
  ['/galaxies/index', 'List Galaxies'],
  ['/galaxy_cluster_relations/index', 'List Relationships'],
];

const INPUT_FILTERS: MenuItem[] = [
  ['/admin/regexp/index', 'Import Regexp'],
  ['/admin/allowedlists/index', 'Signature Allowedlist'],
  ['/warninglists/index', 'Warninglists'],
  ['/noticelists/index', 'Noticelists'],
  ['/correlation_exclusions/index', 'Correlation Exclusions'],
];

const GLOBAL_ACTIONS: MenuItem[] = [
  ['/news', 'News'],
  ['/users/view/me', 'My Profile'],
  ['/user_settings/index/user_id:me', 'My Settings'],
  ['/user_settings/setSetting', 'Set Setting'],
  ['/organisations/index', 'Organisations'],
  ['/roles/index', 'Role Permissions'],
  null,
  ['/objectTemplates/index', 'List Object Templates'],
  null,
  ['/sharing_groups/index', 'List Sharing Groups'],
  ['/sharing_groups/add', 'Add Sharing Group'],
  ['/sharing_group_blueprints/index', 'List Sharing Groups Blueprints'],
  ['/sharing_group_blueprints/add', 'Add Sharing Group Blueprint'],
  null,
  ['/decayingModel/decayingTool', 'Decaying Models Tool'],
  ['/decayingModel/index', 'List Decaying Models'],
  null,
  ['/pages/display/doc/user_guide', 'User Guide'],
  ['/pages/display/doc/categories_and_types', 'Categories & Types'],
  ['/users/terms', 'Terms & Conditions'],
  ['/users/statistics', 'Statistics'],
  null,
  ['/threads/index', 'List Discussions'],
  ['/posts/add', 'Start Discussion'],
];

const SYNC_ACTIONS: MenuItem[] = [
  ['/servers/index', 'Remote Servers'],
  ['/feeds/index', 'Feeds'],
  ['/sightingdb/index', 'SightingDB'],
  ['/communities/index', 'Communities'],
  ['/cerebrates/index', 'Cerebrates'],
  ['/TaxiiServers/index', 'TAXII Servers'],
  ['/servers/idTranslator', 'Event ID translator'],
];

/** Administration as an org admin sees it; the site admin gets SITE_ADMINISTRATION appended. */
const ORG_ADMINISTRATION: MenuItem[] = [
  ['/admin/users/index', 'List Users'],
  ['/auth_keys/index', 'List Auth Keys'],
  ['/user_settings/index/user_id:all', 'List User Settings'],
  ['/user_settings/setSetting', 'Set User Setting'],
  ['/admin/users/add', 'Add User'],
  ['/admin/users/email', 'Contact Users'],
  ['/users/registrations', 'User Registrations'],
  null,
  ['/organisations/index', 'List Organisations'],
];

const SITE_ADMINISTRATION: MenuItem[] = [
  ['/admin/organisations/add', 'Add Organisations'],
  null,
  ['/roles/index', 'List Roles'],
  ['/admin/roles/add', 'Add Roles'],
  null,
  ['/servers/serverSettings', 'Server Settings & Maintenance'],
  null,
  ['/jobs/index', 'Jobs'],
  ['/tasks', 'Scheduled Tasks'],
  ['/workflows/triggers', 'Workflows'],
  null,
  ['/servers/eventBlockRule', 'Event Block Rules'],
  ['/eventBlocklists', 'Event Blocklists'],
  ['/orgBlocklists', 'Org Blocklists'],
  null,
  ['/correlations/top', 'Top Correlations'],
  ['/correlationRules/index', 'Correlation rules'],
  ['/correlations/overCorrelations', 'Over-correlating values'],
];

const LOGS: MenuItem[] = [
  ['/logs/index', 'Application Logs'],
  ['/admin/access_logs/index', 'Access Logs'],
  ['/admin/logs/search', 'Search Logs'],
];

const API: MenuItem[] = [
  ['/api/openapi', 'OpenAPI'],
  ['/api/rest', 'REST client'],
];

function dropdown(label: string, items: MenuItem[]): Html {
  return html`<li class="dropdown">
    <a href="#" class="dropdown-toggle" data-toggle="dropdown">${label}</a>
    <ul class="dropdown-menu">
      ${items.map((item) =>
        item ? html`<li><a href="${item[0]}">${item[1]}</a></li>` : html`<li class="divider"></li>`,
      )}
    </ul>
  </li>`;
}

export function topBarMenus(ctx: RequestContext): Html {
  const siteAdmin = isSiteAdmin(ctx.auth);
  const orgAdmin = isOrgAdmin(ctx.auth);
  const email = ctx.auth?.user.email ?? '';
  const administration = siteAdmin ? [...ORG_ADMINISTRATION, ...SITE_ADMINISTRATION] : ORG_ADMINISTRATION;
  return html`<ul class="nav">
      <li><a href="/">Home</a></li>
      ${dropdown('Event Actions', EVENT_ACTIONS)}
      <li><a href="/dashboards">Dashboard</a></li>
      ${dropdown('Galaxies', GALAXIES)} ${dropdown('Input Filters', INPUT_FILTERS)}
      ${dropdown('Global Actions', GLOBAL_ACTIONS)} ${siteAdmin ? dropdown('Sync Actions', SYNC_ACTIONS) : ''}
      ${orgAdmin ? dropdown('Administration', administration) : ''} ${orgAdmin ? dropdown('Logs', LOGS) : ''}
      ${dropdown('API', API)}
    </ul>
    <ul class="nav pull-right">
      <li class="dropdown">
        <a href="#" class="dropdown-toggle" data-toggle="dropdown"
          >Bookmarks <i class="fa fa-caret-down"></i
        ></a>
        <ul class="dropdown-menu">
          <li class="divider"></li>
          <li>
            <a href="#"><i class="fa fa-plus fa-fw"></i> Bookmark this page</a>
          </li>
          <li>
            <a href="/bookmarks/index"><i class="fa fa-cogs fa-fw"></i> Manage Bookmarks</a>
          </li>
        </ul>
      </li>
      <li>
        <a href="#" title="Set the current page as your home page in MISP"
          ><span
            class="fa fa-star"
            id="setHomePage"
            role="img"
            aria-label="Set the current page as your home page in MISP"
          ></span
        ></a>
      </li>
      <li>
        <a href="/"><span class="logoBlueStatic bold" id="smallLogo">MISP</span></a>
      </li>
      <li>
        <a href="/users/view/me"
          ><span class="white" title="${email}"
            >${nameFromEmail(email)}&nbsp;&nbsp;&nbsp;<i
              class="fa fa-envelope white"
              role="img"
              aria-label="Notifications"
            ></i></span
        ></a>
      </li>
      <li><a href="/users/logout">Log out</a></li>
    </ul>`;
}
