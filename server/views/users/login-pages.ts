/**
 * The pages of the login flow, with MISP's ids and texts: /users/login (UserLoginForm),
 * /users/otp (UserOtpForm), /users/totp_new (UserTotpNewForm), /users/hotp (paper tokens).
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { cakeForm, input, submitButton } from './form-fields.ts';

/**
 * Our own wordmark in the place of MISP's logo (MISP's logo is MISP's asset and is not copied):
 * two speech bubbles, "MISP" and "Threat Sharing", drawn here in SVG at the logo's size.
 */
const WORDMARK =
  trusted(`<svg id="loginWordmark" width="268" height="196" viewBox="0 0 268 196" role="img" aria-label="MISP Threat Sharing">
<rect x="140" y="22" width="96" height="84" rx="10" fill="#0057b7"/><path d="M200 104l26 0-4 20z" fill="#ffd700"/>
<rect x="104" y="0" width="112" height="74" rx="10" fill="#0057b7"/><rect x="104" y="37" width="112" height="37" fill="#ffd700"/>
<rect x="104" y="60" width="112" height="14" rx="7" fill="#ffd700"/><path d="M118 72l0 18 20-18z" fill="#ffd700"/>
<circle cx="132" cy="34" r="6" fill="#fff"/><circle cx="160" cy="34" r="6" fill="#fff"/><circle cx="188" cy="34" r="6" fill="#fff"/>
<text x="0" y="160" font-family="Arial,Helvetica,sans-serif" font-weight="bold" font-size="74" fill="#5f6062">MISP</text>
<text x="6" y="190" font-family="Arial,Helvetica,sans-serif" font-weight="bold" font-size="31" fill="#5f6062">Threat Sharing</text>
</svg>`);

/** MISP.welcome_text_top's default, which MISP shows above the logo until an admin sets it. */
const WELCOME_TEXT_TOP = 'Initial Install, please configure';

/** MISP's login page: a centred 460px column between two 250px ones, Email and Password side by side. */
export function loginPage(ctx: RequestContext, email = ''): Html {
  return page(ctx, {
    title: 'Login',
    content: html`<div style="width:100%;">
      <table style="margin-left:auto;margin-right:auto;">
        <tr>
          <td style="text-align:right;width:250px;padding-right:50px;border:0"></td>
          <td style="width:460px;border:0">
            <span class="login-welcome">${WELCOME_TEXT_TOP}</span><br /><br />
            <div style="text-align:center">${WORDMARK}</div>
            ${cakeForm(
              ctx,
              { id: 'UserLoginForm', action: '/users/login' },
              html`<legend>Login</legend>
                ${input('User', 'email', {
                  label: 'Email',
                  type: 'email',
                  value: email,
                  autofocus: true,
                  autocomplete: 'off',
                })}
                ${input('User', 'password', { label: 'Password', type: 'password', autocomplete: 'off' })}
                <div class="clear"></div>
                ${submitButton('Login')}`,
            )}
          </td>
          <td style="width:250px;padding-left:50px;border:0"></td>
        </tr>
      </table>
    </div>`,
  });
}

/** MISP's genericForm wrapper: legend, fields, a "Submit" button. */
function genericForm(ctx: RequestContext, id: string, action: string, fields: Html): Html {
  return cakeForm(
    ctx,
    { id, action, className: 'genericForm' },
    html`<fieldset>
        <legend>Validate your One Time Password</legend>
        ${fields}
      </fieldset>
      <div class="clear"></div>
      ${submitButton('Submit')}`,
  );
}

export function otpPage(ctx: RequestContext, hotpCounter: number | null): Html {
  return page(ctx, {
    title: 'OTP',
    content: html`<div class="actions sideMenu">
        <div style="padding: 10px;">
          <p>Your account requires an OTP token to login. (One-Time Password)</p>
        </div>
      </div>
      <div class="users form">
        ${genericForm(
          ctx,
          'UserOtpForm',
          '/users/otp',
          input('User', 'otp', {
            label: `Enter either your TOTP or paper based Single Use Token number ${hotpCounter ?? ''}`,
            placeholder: 'Enter your OTP here',
            autofocus: true,
            autocomplete: 'off',
          }),
        )}
      </div>`,
  });
}

export function totpNewPage(ctx: RequestContext, qrSvg: string, secret: string): Html {
  return page(ctx, {
    title: 'TOTP',
    content: html`<div class="users form">
      ${genericForm(
        ctx,
        'UserTotpNewForm',
        '/users/totp_new',
        html`<p id="totpDetails">
            To enable TOTP for your account, scan the following QR code with your TOTP application (for
            example Google authenticator or KeepassXC) and validate the token.
          </p>
          <div id="totpQrCode">${trusted(qrSvg)}</div>
          <div id="totpSecret">
            Alternatively you can enter the following secret in your TOTP application. This can be
            particularly handy in case you don't have a supported application in your working environment.
            Once the verification is done you'll also get 50 "paper-based" login tokens so you don't have to
            use a TOTP application each time:
            <pre>${secret}</pre>
          </div>
          ${input('User', 'otp', {
            label: 'One Time Password verification',
            placeholder: 'Enter your OTP code here',
            autocomplete: 'off',
          })}`,
      )}
    </div>`,
  });
}

export function hotpPage(ctx: RequestContext, formattedTokens: string): Html {
  return page(ctx, {
    title: 'Paper based Single Use Tokens',
    content: html`<div class="users form">
      <h2>Paper based Single Use Tokens</h2>
      <p>
        The following list contains the next tokens in case you do not have your phone/software.
        <br />Make sure you print these out.
      </p>
      <pre id="hotpTokens">${formattedTokens}</pre>
    </div>`,
  });
}

/** genericTemplates/confirm: a title, a question and a POST button (CSRF fields included). */
export function confirmPage(
  ctx: RequestContext,
  options: { title: string; question: string; action: string; actionName: string; formId: string },
): Html {
  return page(ctx, {
    title: options.title,
    content: html`<div class="modal-header"><h3 id="genericModalLabel">${options.title}</h3></div>
      <div class="modal-body"><p>${options.question}</p></div>
      <div class="modal-footer">
        ${cakeForm(
          ctx,
          { id: options.formId, action: options.action },
          html`${submitButton(options.actionName, 'PromptYesBtn')}
            <a href="/admin/users/index" class="btn btn-secondary" id="PromptNoBtn">Cancel</a>`,
        )}
      </div>`,
  });
}
