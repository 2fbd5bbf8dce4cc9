/** /admin/users/add (UserAdminAddForm) and /admin/users/edit/<id> (UserAdminEditForm). */
import type { RequestContext } from '../../http/context.ts';
import type { OrgRow, RoleRow, UserRow } from '../../users/user-repository.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { cakeForm, checkbox, input, select, submitButton } from './form-fields.ts';

export interface AdminUserFormValues {
  email: string;
  org_id: string;
  role_id: string;
  disabled?: boolean;
}

export interface AdminUserFormChoices {
  orgs: OrgRow[];
  roles: RoleRow[];
}

function commonFields(
  values: AdminUserFormValues,
  choices: AdminUserFormChoices,
  passwordLabel: string,
): Html {
  return html`${input('User', 'email', { label: 'Email', type: 'email', value: values.email, required: true })}
  ${input('User', 'password', { label: passwordLabel, type: 'password', autocomplete: 'off' })}
  ${select(
    'User',
    'org_id',
    'Organisation',
    choices.orgs.map((o) => [String(o.id), o.name] as const),
    values.org_id,
  )}
  ${select(
    'User',
    'role_id',
    'Role',
    choices.roles.map((r) => [String(r.id), r.name] as const),
    values.role_id,
  )}`;
}

export function adminAddPage(
  ctx: RequestContext,
  values: AdminUserFormValues,
  choices: AdminUserFormChoices,
): Html {
  return page(ctx, {
    title: 'Add User',
    content: html`<div class="users form">
      ${cakeForm(
        ctx,
        { id: 'UserAdminAddForm', action: '/admin/users/add' },
        html`<fieldset>
            <legend>Admin Add User</legend>
            ${commonFields(values, choices, 'Password')}
          </fieldset>
          ${submitButton('Create user')}`,
      )}
    </div>`,
  });
}

export function adminEditPage(
  ctx: RequestContext,
  user: UserRow,
  values: AdminUserFormValues,
  choices: AdminUserFormChoices,
): Html {
  return page(ctx, {
    title: 'Edit User',
    content: html`<div class="users form">
      ${cakeForm(
        ctx,
        { id: 'UserAdminEditForm', action: `/admin/users/edit/${user.id}` },
        html`<fieldset>
            <legend>Admin Edit User</legend>
            ${commonFields(values, choices, 'Password (leave empty to keep)')}
            ${checkbox('User', 'disabled', 'Disable this user account', values.disabled === true)}
          </fieldset>
          ${submitButton('Edit user')}`,
      )}
      ${
        user.totp && !ctx.services.settings.bool('Security.otp_disabled')
          ? html`<a href="/users/totp_delete/${user.id}" class="btn btn-danger" id="deleteTotpButton"
              >Delete TOTP token</a
            >`
          : ''
      }
    </div>`,
  });
}
