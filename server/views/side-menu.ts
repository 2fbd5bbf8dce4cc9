/**
 * MISP's left-hand side menus (div.actions.sideMenu > ul.nav.nav-list), item for item as MISP
 * 2.5.1 shows them to a site admin (observed 2026-12-02): each item an li with MISP's id, the
 * current page's item marked active, dividers where MISP has them. Items for what this server does
 * not have keep MISP's URLs and get our 404 page, never a silent success.
 */
import { html, trusted, type Html } from './html.ts';

/** [li id without "li", href, label], or null for a divider. */
export type SideMenuItem = [id: string, href: string, label: string] | null;

export function sideMenu(items: SideMenuItem[], active: string): Html {
  return html`<div class="actions sideMenu">
    <ul class="nav nav-list">
      ${items.map((item) =>
        item
          ? html`<li id="li${item[0]}" ${item[0] === active ? trusted(' class="active"') : ''}>
              <a href="${item[1]}">${item[2]}</a>
            </li>`
          : html`<li class="divider"></li>`,
      )}
    </ul>
  </div>`;
}

/** Administration's menu (users index, a user's admin view, Server Settings). */
const ADMIN_ITEMS: SideMenuItem[] = [
  ['addUser', '/admin/users/add', 'Add User'],
  ['indexUser', '/admin/users/index', 'List Users'],
  ['registrations', '/users/registrations', 'Pending registrations'],
  ['user_settings_index', '/user_settings/index/user_id:all', 'User settings'],
  ['user_settings_set', '/user_settings/setSetting', 'Set Setting'],
  ['contact', '/admin/users/email', 'Contact Users'],
  null,
  ['addOrg', '/admin/organisations/add', 'Add Organisation'],
  ['indexOrg', '/organisations/index', 'List Organisations'],
  null,
  ['addRole', '/admin/roles/add', 'Add Role'],
  ['indexRole', '/roles/index', 'List Roles'],
  null,
  ['serverSettings', '/servers/serverSettings', 'Server Settings & Maintenance'],
  ['updateProgress', '/servers/updateProgress', 'Update Progress'],
  null,
  ['jobs', '/jobs/index', 'Jobs'],
  null,
  ['tasks', '/tasks', 'Scheduled Tasks'],
  ['eventBlockRule', '/servers/eventBlockRule', 'Event Block Rules'],
  null,
  ['eventBlocklistsAdd', '/eventBlocklists/add', 'Blocklists Event'],
  ['eventBlocklists', '/eventBlocklists', 'Manage Event Blocklists'],
  null,
  ['orgBlocklistsAdd', '/orgBlocklists/add', 'Blocklists Organisation'],
  ['orgBlocklists', '/orgBlocklists', 'Manage Org Blocklists'],
  null,
  ['sightingBlocklistsAdd', '/sightingBlocklists/add', 'Blocklists Sightings'],
  ['sightingBlocklists', '/sightingBlocklists', 'Manage Sighting Blocklists'],
];

/** The admin menu; on a user's admin view MISP puts View / Reset Password / Edit User first. */
export function adminSideMenu(active: 'indexUser' | 'serverSettings' | 'viewUser', userId?: number): Html {
  const userItems: SideMenuItem[] =
    userId === undefined
      ? []
      : [
          ['viewUser', `/admin/users/view/${userId}`, 'View User'],
          ['resetPassword', `/users/initiatePasswordReset/${userId}`, 'Reset Password'],
          ['editUser', `/admin/users/edit/${userId}`, 'Edit User'],
          ['deleteUser', `/admin/users/delete/${userId}`, 'Delete User'],
          null,
        ];
  return sideMenu([...userItems, ...ADMIN_ITEMS], active);
}

/** The menu of one's own profile (/users/view/me and the TOTP pages). */
const PROFILE_ITEMS: SideMenuItem[] = [
  ['edit', '/users/edit', 'Edit My Profile'],
  ['change_pw', '/users/change_pw', 'Change Password'],
  null,
  ['view', '/users/view/me', 'My Profile'],
  ['user_settings_index_me', '/user_settings/index/user_id:me', 'My Settings'],
  ['notification_settings', '/users/notificationSettings', 'Periodic summary settings'],
  ['user_settings_set', '/user_settings/setSetting', 'Set Setting'],
  ['indexOrg', '/organisations/index', 'List Organisations'],
  ['roles', '/roles/index', 'Role Permissions'],
  ['indexSG', '/sharing_groups/index', 'List Sharing Groups'],
  ['addSG', '/sharing_groups/add', 'Add Sharing Group'],
  ['indexMG', '/sharing_group_blueprints/index', 'List Sharing Group Blueprints'],
  ['addMG', '/sharing_group_blueprints/add', 'Add Sharing Group Blueprint'],
  null,
  ['categoriesAndTypes', '/pages/display/doc/categories_and_types', 'Categories & Types'],
  ['terms', '/users/terms', 'Terms & Conditions'],
  ['statistics', '/users/statistics', 'Statistics'],
];

export const profileSideMenu = (): Html => sideMenu(PROFILE_ITEMS, 'view');

/** The Logs menu's side menu on /logs/index. */
export const logsSideMenu = (): Html =>
  sideMenu(
    [
      ['index', '/logs/index', 'Application Logs'],
      ['listAccessLogs', '/admin/access_logs/index', 'Access Logs'],
      ['search', '/admin/logs/search', 'Search Logs'],
    ],
    'index',
  );
