/**
 * /users/view/me, /admin/users/view/<id> and /admin/users/index, with MISP's TOTP row and column
 * (spec §1.5): "Yes"/"No" labels, "Generate", "View paper tokens" and "Delete" links.
 */
import type { RequestContext } from '../../http/context.ts';
import type { ServerServices } from '../../services.ts';
import { isOrgAdmin } from '../../users/current-user.ts';
import type { UserRow } from '../../users/user-repository.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';

function totpLabel(isSet: boolean): Html {
  return isSet
    ? html`<span class="label label-success label-padding">Yes</span>`
    : html`<span class="label label-important label-padding">No</span>`;
}

/** The TOTP cell of the user view, link for link as view.ctp builds it. */
export function totpCell(ctx: RequestContext, user: UserRow, adminView: boolean): Html {
  const isSet = Boolean(user.totp);
  return html`${totpLabel(isSet)}${
    !isSet && !adminView ? html` <a href="/users/totp_new" id="totpGenerateLink">Generate</a>` : ''
  }${
    isSet && !adminView
      ? html` <a href="/users/hotp/${user.id}" id="totpPaperTokensLink">View paper tokens</a>`
      : ''
  }${
    isOrgAdmin(ctx.auth) && isSet
      ? html` <a href="/users/totp_delete/${user.id}" id="totpDeleteLink"
          >${adminView ? 'Delete' : ' Delete'}</a
        >`
      : ''
  }`;
}

export function userViewPage(ctx: RequestContext, user: UserRow, adminView: boolean): Html {
  const { users, settings } = ctx.services;
  const role = users.role(user.role_id);
  const org = users.org(user.org_id);
  const rows: Array<[string, Html | string]> = [
    ['ID', String(user.id)],
    ['Email', user.email],
    ['Organisation', org?.name ?? ''],
    ['Role', role?.name ?? ''],
  ];
  if (!settings.bool('Security.otp_disabled')) rows.push(['TOTP', totpCell(ctx, user, adminView)]);
  // MISP shows "Disabled" to administrators only.
  if (adminView) rows.push(['Disabled', user.disabled ? 'Yes' : 'No']);
  return page(ctx, {
    title: `User ${user.email}`,
    content: html`${adminView ? '' : profileSideMenu()}
      <div class="users view">
        <h2>User ${user.email}</h2>
        <table class="meta_table table table-striped table-condensed" id="userViewTable">
          ${rows.map(
            ([key, value]) =>
              html`<tr>
                <td class="meta_table_key">${key}</td>
                <td class="meta_table_value" data-key="${key}">${value}</td>
              </tr>`,
          )}
        </table>
        ${adminView ? html`<a href="/admin/users/edit/${user.id}" class="btn" id="editUserLink">Edit User</a>` : ''}
      </div>`,
  });
}

/** MISP's side menu of one's own profile pages (the entries this server has). */
function profileSideMenu(): Html {
  return html`<div class="actions sideMenu">
    <ul class="nav nav-list">
      <li id="liview" class="active"><a href="/users/view/me">My Profile</a></li>
    </ul>
  </div>`;
}

export function adminIndexPage(ctx: RequestContext, list: UserRow[]): Html {
  const services: ServerServices = ctx.services;
  const showTotp = !services.settings.bool('Security.otp_disabled');
  return page(ctx, {
    title: 'Users',
    content: html`<div class="users index">
      <h2>Users</h2>
      <a href="/admin/users/add" class="btn btn-primary" id="addUserLink">Add User</a>
      <table class="table table-striped table-hover table-condensed" id="usersIndexTable">
        <thead>
          <tr>
            <th>ID</th>
            <th>Org</th>
            <th>Role</th>
            <th>Email</th>
            ${showTotp ? html`<th title="TOTP">TOTP</th>` : ''}
            <th>Disabled</th>
            <th class="actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (user) =>
              html`<tr data-row-id="${user.id}">
                <td>${user.id}</td>
                <td>${services.users.org(user.org_id)?.name ?? ''}</td>
                <td>${services.users.role(user.role_id)?.name ?? ''}</td>
                <td class="user-email">${user.email}</td>
                ${showTotp ? html`<td class="user-totp" data-totp="${user.totp ? '1' : '0'}">${user.totp ? '✓' : '✗'}</td>` : ''}
                <td>${user.disabled ? 'Yes' : 'No'}</td>
                <td class="actions">
                  <a href="/admin/users/view/${user.id}">View</a>
                  <a href="/admin/users/edit/${user.id}">Edit</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`,
  });
}
