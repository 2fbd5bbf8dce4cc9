/**
 * The HTML landmarks the page objects (steps/pages/*.ts) rely on, per page, as Playwright
 * selectors. When a page object changes its locators, change the landmark here in the same commit
 * and re-record (`npm run record:misp -- --only <id>`): the contract test then holds the reference
 * server's page to the landmarks real MISP shows. `text: true` also compares the element's text.
 */

interface Landmark {
  name: string;
  selector: string;
  text?: true;
}

export interface PageExchange {
  kind: 'page';
  id: string;
  path: string;
  /**
   * `web`: the site admin, logged in through the login form; `anonymous`: no session;
   * `enrolled`: the run's user, logged in, who has just enrolled TOTP through /users/totp_new;
   * `otp-pending`: that user after the password, asked for the OTP.
   */
  actor: 'web' | 'anonymous' | 'enrolled' | 'otp-pending';
  usedBy: string;
  landmarks: Landmark[];
  /** A selector to wait for (up to 10 s) before the landmarks are looked at, for pages a script draws. */
  ready?: string;
}

const loginForm: Landmark[] = [
  { name: 'login form', selector: 'form#UserLoginForm' },
  { name: 'email field', selector: 'form#UserLoginForm input[name="data[User][email]"]' },
  { name: 'password field', selector: 'form#UserLoginForm input[name="data[User][password]"]' },
  { name: 'submit button', selector: 'form#UserLoginForm [type="submit"]' },
];

/** MISP's footer on every page: the PGP key link, "Powered by MISP", the shortcuts triangle. */
const footer: Landmark[] = [
  { name: 'footer PGP key link', selector: '#footerContainer a[href$="/gpg.asc"]', text: true },
  {
    name: 'footer Powered by',
    selector: '#footerContainer .footerCenterText a[href="https://github.com/MISP/MISP"]',
    text: true,
  },
  { name: 'shortcuts triangle', selector: '.footer #triangle' },
];

/** The top bar's menus as a trainer sees them (names and the right-hand items). */
const topBarMenus: Landmark[] = [
  'Event Actions',
  'Galaxies',
  'Input Filters',
  'Global Actions',
  'Sync Actions',
  'Administration',
  'Logs',
  'API',
].map((label) => ({ name: `${label} menu`, selector: `#topBar a.dropdown-toggle:text-is("${label}")` }));

const topBar: Landmark[] = [
  ...topBarMenus,
  { name: 'Dashboard link', selector: '#topBar a[href$="/dashboards"]', text: true },
  { name: 'Bookmarks menu', selector: '#topBar .pull-right a.dropdown-toggle:has-text("Bookmarks")' },
  { name: 'home page star', selector: '#topBar #setHomePage.fa-star' },
  { name: 'small logo', selector: '#topBar #smallLogo', text: true },
  { name: 'notifications envelope', selector: '#topBar a[href$="/users/view/me"] i.fa-envelope' },
  { name: 'Application Logs link', selector: '#topBar a[href$="/logs/index"]:text-is("Application Logs")' },
  { name: 'Administration menu', selector: 'text="Administration"' },
  { name: 'own name link', selector: '#topBar a[href$="/users/view/me"]:has(span[title="{adminEmail}"])' },
  { name: 'List Users link', selector: 'a[href$="/admin/users/index"]:has-text("List Users")' },
  { name: 'Server Settings link', selector: 'text="Server Settings & Maintenance"' },
  { name: 'Workflows link', selector: 'a[href$="/workflows/triggers"]:has-text("Workflows")' },
];

/** The TOTP row of a user's view (steps/pages/user-view-page.ts). */
const totpRow = 'tr:has(:is(th, td):text-is("TOTP"))';
const userView: Landmark[] = [
  { name: 'TOTP row', selector: totpRow },
  { name: 'TOTP status label', selector: `${totpRow} .label`, text: true },
  { name: 'Generate link', selector: `${totpRow} :text-is("Generate")` },
];

/** The event index's side menu, paging, filter bar and columns (what a trainer sees first). */
const eventIndex: Landmark[] = [
  {
    name: 'side menu List Events active',
    selector: '.sideMenu li#liindex.active a[href$="/events/index"]',
    text: true,
  },
  { name: 'side menu Add Event', selector: '.sideMenu li#liadd a[href$="/events/add"]', text: true },
  { name: 'side menu REST client', selector: '.sideMenu li#lirest a[href$="/api/rest"]', text: true },
  {
    name: 'side menu List Attributes',
    selector: '.sideMenu li#lilistAttributes a[href$="/attributes/index"]',
    text: true,
  },
  { name: 'paging previous', selector: '.events.index .pagination li.prev', text: true },
  { name: 'paging next', selector: '.events.index .pagination li.next', text: true },
  { name: 'filter popup button', selector: '.btn-toolbar #create-button i.fa-search' },
  {
    name: 'My Events button',
    selector: '.btn-toolbar .searchFilterButton[title="My events only"]',
    text: true,
  },
  {
    name: 'Org Events button',
    selector: '.btn-toolbar .searchFilterButton[title="My organisation\'s events only"]',
    text: true,
  },
  { name: 'column picker', selector: '.btn-toolbar #simple_filter i.fa-columns' },
  { name: 'quick filter field', selector: '#quickFilterField[placeholder="Enter value to search"]' },
  {
    name: 'quick filter scope',
    selector: '#quickFilterScopeSelector option[value="searcheventinfo"]',
    text: true,
  },
  { name: 'quick filter button', selector: '#quickFilterButton', text: true },
  ...[
    'Creator org',
    'Owner org',
    'ID',
    'Clusters',
    'Tags',
    '#Attr.',
    '#Corr.',
    'Creator user',
    'Date',
    'Info',
    'Distribution',
    'Actions',
  ].map((column) => ({
    name: `column ${column}`,
    selector: `.events.index table th:is(:text-is("${column}"), :has(> a:text-is("${column}")))`,
  })),
  { name: 'published column icon', selector: '.events.index table th[title="Published"] i.fa-upload' },
  { name: 'edit action icon', selector: '.events.index td.action-links a[title="Edit"] i.fa-edit' },
  {
    name: 'paging summary',
    selector: '.events.index p:text-matches("Page 1 of 1, showing [0-9]+ records out of [0-9]+ total")',
  },
];

function page(
  id: string,
  path: string,
  actor: PageExchange['actor'],
  usedBy: string,
  landmarks: Landmark[],
  ready?: string,
): PageExchange {
  return { kind: 'page', id, path, actor, usedBy, landmarks, ...(ready ? { ready } : {}) };
}

export const PAGE_EXCHANGES: PageExchange[] = [
  page('page-login', '/users/login', 'anonymous', 'steps/pages/login-page.ts', [
    ...loginForm,
    // MISP.welcome_text_top's default above the logo.
    { name: 'welcome text', selector: 'text="Initial Install, please configure"' },
    ...footer,
  ]),
  page(
    'page-deep-link-anonymous',
    '/events/index',
    'anonymous',
    'steps/tasks/auth/mandatory-otp.ts',
    loginForm,
  ),
  page('page-own-view', '/users/view/me', 'web', 'steps/pages/user-view-page.ts', [
    ...topBar,
    ...userView,
    ...footer,
  ]),
  page('page-events-index', '/events/index', 'web', 'steps/pages/event-add-page.ts', eventIndex),
  page('page-admin-users-index', '/admin/users/index', 'web', 'steps/pages/admin-user-pages.ts', [
    { name: 'row of the user', selector: 'tr:has-text("{userEmail}")' },
    {
      name: 'view link of the user',
      selector: 'tr:has-text("{userEmail}") a[href$="/admin/users/view/{userId}"]',
    },
  ]),
  page(
    'page-admin-user-view',
    '/admin/users/view/{userId}',
    'web',
    'steps/pages/user-view-page.ts',
    userView,
  ),
  page(
    'page-server-settings-security',
    '/servers/serverSettings/Security',
    'web',
    'steps/pages/server-settings-page.ts',
    [
      { name: 'Security tab', selector: 'a[href$="/servers/serverSettings/Security"]' },
      { name: 'otp_required row', selector: 'tr:has(td:text-is("Security.otp_required"))' },
      {
        name: 'otp_required value cell',
        selector: 'tr:has(td:text-is("Security.otp_required")) td[id$="_solid"]',
        text: true,
      },
    ],
  ),
  page('page-workflow-triggers', '/workflows/triggers', 'web', 'steps/pages/workflow-triggers-page.ts', [
    { name: 'event-publish editor link', selector: 'a[href$="/workflows/editor/event-publish"]' },
  ]),
  page(
    'page-workflow-editor',
    '/workflows/editor/event-publish',
    'web',
    'steps/pages/workflow-editor-page.ts',
    [
      { name: 'Drawflow canvas', selector: '#drawflow' },
      { name: 'trigger node', selector: '#drawflow .drawflow-node.block-type-trigger' },
      { name: 'node title', selector: '#drawflow .drawflow-node .default-main-container > strong' },
      { name: 'block tabs', selector: '#block-tabs' },
      { name: 'Logic pane', selector: '#container-logic' },
      { name: 'sidebar block IF :: Tag', selector: '.sidebar-workflow-block[data-blockid="tag-if"]' },
      { name: 'save button', selector: '#saveWorkflow' },
      { name: 'saved state', selector: '#workflow-saved-text' },
    ],
    // The editor draws the saved graph with its own script after the page has loaded.
    '#drawflow .drawflow-node.block-type-trigger',
  ),
  page('page-totp-new', '/users/totp_new', 'web', 'steps/pages/totp-new-page.ts', [
    { name: 'enrolment form', selector: 'form#UserTotpNewForm' },
    { name: 'QR code', selector: 'form#UserTotpNewForm svg' },
    { name: 'secret as text', selector: 'form#UserTotpNewForm pre' },
    { name: 'code field', selector: 'form#UserTotpNewForm input[name="data[User][otp]"]' },
    { name: 'submit button', selector: 'form#UserTotpNewForm >> role=button[name="Submit"]' },
  ]),
  page('page-paper-tokens', '/users/hotp', 'enrolled', 'steps/pages/paper-tokens-page.ts', [
    { name: 'title', selector: 'text=Paper based Single Use Tokens' },
    { name: 'token list', selector: 'pre' },
  ]),
  page('page-otp', '/users/otp', 'otp-pending', 'steps/pages/otp-page.ts', [
    { name: 'OTP form', selector: 'form#UserOtpForm' },
    { name: 'code field', selector: 'form#UserOtpForm input[name="data[User][otp]"]' },
    { name: 'code label', selector: 'form#UserOtpForm label[for="UserOtp"]', text: true },
    { name: 'submit button', selector: 'form#UserOtpForm >> role=button[name="Submit"]' },
  ]),
  // JSON read with the browser's cookie session (login.ts asks who is logged in this way).
  page('session-me-json', '/users/view/me.json', 'web', 'steps/tasks/auth/login.ts', []),
  page('session-me-json-anonymous', '/users/view/me.json', 'anonymous', 'steps/tasks/auth/login.ts', []),
];
