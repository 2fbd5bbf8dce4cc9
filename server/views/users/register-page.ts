/**
 * /users/register (UserRegisterForm), with the ids, labels and order of real MISP 2.5.1's page
 * (CI instance, 2026-12-02): email, organisation name and uuid, the custom-role request with its
 * three permissions, PGP key and a message, under Security.self_registration_message.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { cakeForm, checkbox, fieldId, input, submitButton } from './form-fields.ts';

function textarea(field: string, label: string): Html {
  const id = fieldId('User', field);
  return html`<div class="input textarea">
      <label for="${id}">${label}</label
      ><textarea
        name="data[User][${field}]"
        class="input-xxlarge form-control"
        cols="30"
        rows="6"
        id="${id}"
      ></textarea>
    </div>
    <div class="clear"></div>`;
}

export function registerPage(ctx: RequestContext, message: string): Html {
  return page(ctx, {
    title: 'Register',
    content: html`<div class="menuless-form">
      ${cakeForm(
        ctx,
        { id: 'UserRegisterForm', action: '/users/register', className: 'genericForm' },
        html`<fieldset>
            <legend>Register for a new user account</legend>
            <div class="clear">${message}</div>
            ${input('User', 'email', { label: 'Your email address', type: 'text', required: true })}
            <div class="clear"></div>
            ${input('User', 'org_name', { label: "Your organisation's name (optional)", type: 'text' })}
            <div class="clear"></div>
            ${input('User', 'org_uuid', { label: 'Your MISP org uuid (optional)', type: 'text' })}
            <div class="clear"></div>
            ${checkbox('User', 'custom_perms', 'Request custom role', false)}
            <div class="clear"></div>
            ${checkbox('User', 'perm_publish', 'Publish permission', false)}
            ${checkbox('User', 'perm_admin', 'Org admin permission', false)}
            ${checkbox('User', 'perm_sync', 'Sync permission', false)}
            <div class="clear"></div>
            ${textarea('pgp', 'PGP key (optional)')} ${textarea('message', 'Message to the admins')}
          </fieldset>
          ${submitButton('Submit')}`,
      )}
    </div>`,
  });
}
