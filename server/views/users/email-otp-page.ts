/**
 * /users/email_otp (MISP's Users/email_otp.ctp, spec §1.8): form UserEmailOtpForm, legend
 * "Validate your OTP", field data[User][otp] labelled "One Time Password", and a "Resend" link
 * that GETs the page again (which mails a new code).
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { cakeForm, input, submitButton } from './form-fields.ts';

export function emailOtpPage(ctx: RequestContext): Html {
  return page(ctx, {
    title: 'Email OTP',
    content: html`<div class="users form">
      ${cakeForm(
        ctx,
        { id: 'UserEmailOtpForm', action: '/users/email_otp' },
        html`<fieldset>
            <legend>Validate your OTP</legend>
            ${input('User', 'otp', { label: 'One Time Password', autofocus: true, autocomplete: 'off' })}
          </fieldset>
          ${submitButton('Submit')}
          <a href="/users/email_otp" class="btn btn-inverse" id="EmailOtpResend">Resend</a>`,
      )}
    </div>`,
  });
}
