/**
 * /users/view/me, /admin/users/view/<id> and /admin/users/index, with MISP's TOTP row and column
 * (spec §1.5): "Yes"/"No" labels, "Generate", "View paper tokens" and "Delete" links.
 */
import type { RequestContext } from '../../http/context.ts';
import type { ServerServices } from '../../services.ts';
import { isOrgAdmin } from '../../users/current-user.ts';
import type { UserRow } from '../../users/user-repository.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { adminSideMenu, profileSideMenu } from '../side-menu.ts';
import { actionIcon, PAGING, pagingSummary } from '../paging.ts';
import { usersIndexToolbar } from './users-index-parts.ts';

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
  const date = (seconds: number | null) =>
    seconds ? new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ') : 'N/A';
  const inviter = user.invited_by ? users.findById(user.invited_by)?.email : undefined;
  const rows: Array<[string, Html | string]> = [
    ['ID', String(user.id)],
    [
      'Email',
      html`${user.email} <a href="/admin/users/quickEmail/${user.id}"><i class="fa fa-envelope"></i></a>`,
    ],
    ['Organisation', html`<a href="/organisations/view/${user.org_id}">${org?.name ?? ''}</a>`],
    ['Role', html`<a href="/roles/view/${user.role_id}">${role?.name ?? ''}</a>`],
  ];
  if (!settings.bool('Security.otp_disabled')) rows.push(['TOTP', totpCell(ctx, user, adminView)]);
  // The periodic summaries are not kept by this server: MISP's default (off) is what it shows.
  rows.push(
    [
      'Email notifications',
      html`<table class="table table-condensed notifications">
        ${[
          ['Event published notification', Boolean(user.autoalert)],
          ['Daily notifications', false],
          ['Weekly notifications', false],
          ['Monthly notifications', false],
        ].map(
          ([label, on]) =>
            html`<tr>
              <td>${label}</td>
              <td>${totpLabel(Boolean(on))}</td>
            </tr>`,
        )}
      </table>`,
    ],
    ['Contact alert enabled', totpLabel(Boolean(user.contactalert))],
    ['Invited By', inviter ?? 'N/A'],
  );
  if (adminView) rows.push(['Org admin', '']);
  rows.push(['NIDS Start SID', String(user.nids_sid)]);
  if (adminView)
    rows.push(
      ['Terms accepted', totpLabel(Boolean(user.termsaccepted))],
      ['Must change password', totpLabel(Boolean(user.change_pw))],
    );
  rows.push(
    ['PGP key', totpLabel(Boolean(user.gpgkey))],
    ['Created', date(user.date_created)],
    ['Last password change', date(user.last_pw_change)],
  );
  // MISP shows "Disabled" to administrators only.
  if (adminView) rows.push(['News read at', 'N/A'], ['Disabled', user.disabled ? 'Yes' : 'No']);
  return page(ctx, {
    title: `User ${user.email}`,
    content: html`${adminView ? adminSideMenu('viewUser', user.id) : profileSideMenu()}
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
        <br /><a href="/users/view/${user.id}.json" class="btn btn-inverse" download
          >Download user profile for data portability</a
        >&nbsp;<a href="/admin/logs/index/model:User/model_id:${user.id}" class="btn btn-inverse"
          >Review user logs</a
        >&nbsp;<a href="/users/view_login_history/${user.id}" class="btn btn-inverse">Review user logins</a>
      </div>`,
  });
}

/** "Yes"/"No" as MISP's index draws booleans: a green check or a grey cross. */
const yesNoIcon = (yes: boolean): Html =>
  yes
    ? html`<i class="fa fa-check green" role="img" aria-label="Yes"></i>`
    : html`<i class="fa fa-times grey" role="img" aria-label="No"></i>`;

/** "YYYY-MM-DD hh:mm:ss" of a Unix time, or MISP's "Never" / nothing when unset. */
function timeCell(seconds: number | null, never: string): Html | string {
  if (!seconds) return never;
  return html`<time>${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')}</time>`;
}

/** A column header; MISP's are sort links, but this index does not sort, so they are plain. */
const columnHeader = (field: string, label: Html | string, title?: string): Html =>
  html`<th class="pagination_link" data-field="${field}" ${title ? trusted(`title="${title}"`) : ''}>
    ${label}
  </th>`;

export function adminIndexPage(ctx: RequestContext, list: UserRow[]): Html {
  const services: ServerServices = ctx.services;
  const showTotp = !services.settings.bool('Security.otp_disabled');
  return page(ctx, {
    title: 'Users',
    content: html`${adminSideMenu('indexUser')}
      <div class="users index">
        <h2>Users index</h2>
        <p>
          Click <a href="/users/resetAllSyncAuthKeys" class="bold">here</a> to reset the API keys of all sync
          and org admin users in one shot. This will also automatically inform them of their new API keys.
        </p>
        ${PAGING} ${usersIndexToolbar()}
        <table class="table table-striped table-hover table-condensed" id="usersIndexTable">
          <thead>
            <tr>
              <th><input id="select_all" class="select_all" type="checkbox" /></th>
              ${columnHeader('id', 'ID')} ${columnHeader('User.org_id', 'Org')}
              ${columnHeader('User.role_id', 'Role')} ${columnHeader('User.email', 'Email')}
              ${showTotp ? columnHeader('User.totp', html`<i class="fa fa-mobile"></i>`, 'TOTP') : ''}
              ${columnHeader('User.contactalert', html`<i class="fa fa-handshake-o"></i>`, 'Contact alert')}
              <th title="Notification"><i class="fa fa-clock-o"></i></th>
              ${columnHeader('User.gpgkey', html`<i class="fa fa-key"></i>`, 'PGP public key')}
              ${columnHeader('User.nids_sid', 'NIDS SID')}
              ${columnHeader('User.termsaccepted', html`<i class="fa fa-gavel"></i>`, 'Terms accepted')}
              ${columnHeader('User.current_login', 'Last Login')}
              ${columnHeader('User.date_created', 'Created')}
              ${columnHeader('User.last_api_access', 'Last API Access')}
              ${columnHeader('User.disabled', html`<i class="fa fa-times"></i>`, 'User disabled')}
              <th class="actions">Actions</th>
            </tr>
          </thead>
          <tbody>
            ${list.map(
              (user) =>
                html`<tr data-row-id="${user.id}" class="dblclickElement">
                  <td class="short">
                    <input class="select_attribute select" type="checkbox" data-id="${user.id}" />
                  </td>
                  <td class="short">${user.id}</td>
                  <td>
                    <a href="/organisations/view/${user.org_id}"
                      >${services.users.org(user.org_id)?.name ?? ''}</a
                    >
                  </td>
                  <td class="short">
                    <a href="/roles/view/${user.role_id}">${services.users.role(user.role_id)?.name ?? ''}</a>
                  </td>
                  <td class="user-email">${user.email}</td>
                  ${
                    showTotp
                      ? html`<td class="short user-totp" data-totp="${user.totp ? '1' : '0'}">
                          ${yesNoIcon(Boolean(user.totp))}
                        </td>`
                      : ''
                  }
                  <td class="short">${yesNoIcon(Boolean(user.contactalert))}</td>
                  <td class="short"></td>
                  <td class="short">${yesNoIcon(Boolean(user.gpgkey))}</td>
                  <td class="short">${user.nids_sid}</td>
                  <td class="short">${yesNoIcon(Boolean(user.termsaccepted))}</td>
                  <td class="short">${timeCell(user.current_login, 'Never')}</td>
                  <td class="short">${timeCell(user.date_created, '')}</td>
                  <td class="short">${timeCell(user.last_api_access, '')}</td>
                  <td class="short">${yesNoIcon(Boolean(user.disabled))}</td>
                  <td class="short action-links">
                    ${actionIcon(`/users/initiatePasswordReset/${user.id}`, 'Create new credentials and inform user', 'refresh')}
                    ${actionIcon(`/admin/users/edit/${user.id}`, 'Edit', 'edit')}
                    ${actionIcon(`/admin/users/destroy/${user.id}`, 'Destroy sessions', 'bomb')}
                    ${actionIcon(`/admin/users/delete/${user.id}`, 'Delete', 'trash')}
                    ${actionIcon(`/admin/users/view/${user.id}`, 'View', 'eye')}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <p>${pagingSummary(list.length)}</p>
        ${PAGING}
      </div>`,
  });
}
