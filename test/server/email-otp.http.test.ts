/**
 * Email OTP over real HTTP and real SMTP (spec §1.2 step 3, §1.8): the password leads to
 * /users/email_otp, each GET mails a new code to the lab's mail service, only the live code logs
 * in, once. Wrong and expired codes, resends, exceptions, TOTP precedence, a dead mail server and
 * the beforeHook are each checked with the clock moved by the test, never by sleeping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newOtpSecret } from '../../server/auth/otp.ts';
import { PASSWORD, submitLogin } from './support/lab-server.ts';
import { flashes, readForm } from './support/web-client.ts';
import {
  codeFrom,
  loggedInEmail,
  passwordStep,
  startEmailOtpLab,
  submitEmailOtp,
  type EmailOtpLab,
} from './email-otp-support.ts';
import { deadPort } from './workflows-support.ts';

const SENT = 'An email containing a OTP has been sent.';
const WRONG = 'The OTP is incorrect or has expired';

let lab: EmailOtpLab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

describe('the email OTP step', () => {
  it('mails a code after the password; the code from the mail logs in, once', async () => {
    lab = await startEmailOtpLab();
    const id = lab.addUser('alice@lab.test');
    const client = lab.client();
    await passwordStep(client, 'alice@lab.test');
    expect(await loggedInEmail(client)).toBeNull();

    const page = await client.get('/users/email_otp');
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toEqual([SENT]);
    expect(page.text).toContain('<legend>Validate your OTP</legend>');
    expect(page.text).toMatch(/<label for="UserOtp">One Time Password<\/label>/);
    expect(page.text).toMatch(/<a href="\/users\/email_otp"[^>]*>Resend<\/a>/);
    const form = readForm(page.text, 'UserEmailOtpForm');
    expect(form.action).toBe('/users/email_otp');
    expect(Object.keys(form.fields)).toEqual(
      expect.arrayContaining(['_method', 'data[_Token][key]', 'data[User][otp]']),
    );

    const [mail, ...others] = await lab.inbox();
    expect(others).toEqual([]);
    expect(mail?.subject).toBe('[ORGNAME MISP] Email OTP');
    expect(mail?.to).toEqual(['alice@lab.test']);
    expect(mail?.from).toBe('root@localhost');
    const code = codeFrom(mail);
    expect(code).toMatch(/^\d{6}$/);
    expect(mail?.text).toContain('alice@lab.test');
    expect(mail?.text).toContain('127.0.0.1');
    expect(mail?.text).toContain('valid for 5 minutes');

    const answer = await submitEmailOtp(client, page.text, ` ${code} `);
    expect(answer.status).toBe(302);
    expect(answer.locationPath).toBe('/users/routeafterlogin');
    expect(await loggedInEmail(client)).toBe('alice@lab.test');
    const [login] = lab.server.services.logs.list({ action: 'login' });
    expect(login?.title).toBe(`User (${id}): alice@lab.test`);

    // The code is used up: a second person with the same password and the old code gets nowhere.
    const thief = lab.client();
    await passwordStep(thief, 'alice@lab.test');
    const thiefPage = await thief.get('/users/email_otp');
    const reused = await submitEmailOtp(thief, thiefPage.text, code);
    expect(reused.status).toBe(200);
    expect(flashes(reused.text)).toEqual([WRONG]);
    expect(await loggedInEmail(thief)).toBeNull();
  });

  it('refuses a wrong code with MISP’s flash and log line, no brute-force entry, and lets the user retry', async () => {
    lab = await startEmailOtpLab();
    const id = lab.addUser('bob@lab.test');
    const client = lab.client();
    await passwordStep(client, 'bob@lab.test');
    const page = await client.get('/users/email_otp');
    const code = codeFrom((await lab.inbox())[0]);
    const wrong = code === '000000' ? '000001' : '000000';

    const refused = await submitEmailOtp(client, page.text, wrong);
    expect(refused.status).toBe(200);
    expect(flashes(refused.text)).toEqual([WRONG]);
    expect(await loggedInEmail(client)).toBeNull();
    const fails = lab.server.services.logs.list({ action: 'login_fail' });
    expect(fails.map((row) => row.title)).toEqual([`User (${id}): bob@lab.test wrong email OTP token`]);
    expect(fails[0]).toMatchObject({ model: 'User', model_id: id, email: 'bob@lab.test' });
    expect(lab.server.services.db.prepare('SELECT COUNT(*) AS n FROM bruteforces').get()).toEqual({ n: 0 });

    const retried = await submitEmailOtp(client, refused.text, code);
    expect(retried.locationPath).toBe('/users/routeafterlogin');
    expect(await loggedInEmail(client)).toBe('bob@lab.test');
  });

  it('refuses a code once its validity is over (Security.email_otp_validity minutes)', async () => {
    lab = await startEmailOtpLab({ settings: { 'Security.email_otp_validity': 2 } });
    lab.addUser('carol@lab.test');
    const inTime = lab.client();
    await passwordStep(inTime, 'carol@lab.test');
    const page = await inTime.get('/users/email_otp');
    lab.advance(2 * 60_000 - 1);
    expect((await submitEmailOtp(inTime, page.text, codeFrom((await lab.inbox())[0]))).locationPath).toBe(
      '/users/routeafterlogin',
    );

    const late = lab.client();
    await passwordStep(late, 'carol@lab.test');
    const latePage = await late.get('/users/email_otp');
    expect((await lab.inbox())[1]?.text).toContain('valid for 2 minutes');
    lab.advance(2 * 60_000);
    const refused = await submitEmailOtp(late, latePage.text, codeFrom((await lab.inbox())[1]));
    expect(refused.status).toBe(200);
    expect(flashes(refused.text)).toEqual([WRONG]);
    expect(await loggedInEmail(late)).toBeNull();
  });

  it('"Resend" mails a new code of Security.email_otp_length digits that replaces the old one', async () => {
    lab = await startEmailOtpLab({ settings: { 'Security.email_otp_length': 10 } });
    lab.addUser('dave@lab.test');
    const client = lab.client();
    await passwordStep(client, 'dave@lab.test');
    const first = await client.get('/users/email_otp');
    const resendHref = /<a href="([^"]+)"[^>]*>Resend<\/a>/.exec(first.text)?.[1];
    expect(resendHref).toBe('/users/email_otp');
    const second = await client.get(resendHref!);
    expect(flashes(second.text)).toEqual([SENT]);
    const [oldMail, newMail] = await lab.inbox();
    const oldCode = codeFrom(oldMail);
    const newCode = codeFrom(newMail);
    expect(oldCode).toMatch(/^\d{10}$/);
    expect(newCode).toMatch(/^\d{10}$/);
    expect(newCode).not.toBe(oldCode);

    const refused = await submitEmailOtp(client, second.text, oldCode);
    expect(flashes(refused.text)).toEqual([WRONG]);
    const accepted = await submitEmailOtp(client, refused.text, newCode);
    expect(accepted.locationPath).toBe('/users/routeafterlogin');
  });

  it('fills Security.email_otp_text with its variables and turns \\n into line breaks', async () => {
    lab = await startEmailOtpLab({
      settings: {
        'MISP.org': 'LABORG',
        'MISP.baseurl': 'https://misp.lab.test',
        'MISP.email': 'misp@lab.test',
        'Security.email_otp_text':
          'Code: $otp\\nFor $username at $misp ($org) from $ip, $validity min. Help: $contact',
      },
    });
    lab.addUser('erin@lab.test');
    const client = lab.client();
    await passwordStep(client, 'erin@lab.test');
    await client.get('/users/email_otp');
    const [mail] = await lab.inbox();
    expect(mail?.subject).toBe('[LABORG MISP] Email OTP');
    expect(mail?.from).toBe('misp@lab.test');
    const code = /^Code: (\d{6})$/m.exec(mail?.text ?? '')?.[1];
    expect(code).toBeDefined();
    expect(mail?.text.trim().split(/\r?\n/)).toEqual([
      `Code: ${code}`,
      'For erin@lab.test at https://misp.lab.test (LABORG) from 127.0.0.1, 5 min. Help: misp@lab.test',
    ]);
  });

  it('logs users listed in Security.email_otp_exceptions in without a mail', async () => {
    lab = await startEmailOtpLab({
      settings: { 'Security.email_otp_exceptions': 'someone@lab.test, Frank@Lab.test ,x@lab.test' },
    });
    lab.addUser('frank@lab.test');
    lab.addUser('gina@lab.test');
    const frank = lab.client();
    await passwordStep(frank, 'frank@lab.test');
    const answer = await frank.get('/users/email_otp');
    expect(answer.locationPath).toBe('/users/routeafterlogin');
    expect(await loggedInEmail(frank)).toBe('frank@lab.test');
    expect(await lab.inbox()).toEqual([]);

    const gina = lab.client();
    await passwordStep(gina, 'gina@lab.test');
    expect(flashes((await gina.get('/users/email_otp')).text)).toEqual([SENT]);
    expect((await lab.inbox()).map((mail) => mail.to)).toEqual([['gina@lab.test']]);
  });

  it('never sends a TOTP user to email OTP: TOTP is checked first', async () => {
    lab = await startEmailOtpLab();
    lab.addUser('hana@lab.test', { totp: newOtpSecret() });
    const client = lab.client();
    const answer = await submitLogin(client, 'hana@lab.test');
    expect(answer.locationPath).toBe('/users/otp');
    // The email OTP page has nobody to mail a code to: back to the login form.
    expect((await client.get('/users/email_otp')).locationPath).toBe('/users/login');
    expect(await lab.inbox()).toEqual([]);
  });

  it('keeps the normal login while email OTP is off, and the page sends strangers to the login form', async () => {
    lab = await startEmailOtpLab({ settings: { 'Security.email_otp_enabled': false } });
    lab.addUser('ivan@lab.test');
    const stranger = lab.client();
    expect((await stranger.get('/users/email_otp')).locationPath).toBe('/users/login');
    const client = lab.client();
    expect((await submitLogin(client, 'ivan@lab.test')).locationPath).toBe('/users/routeafterlogin');
    expect(await lab.inbox()).toEqual([]);
  });

  it('black-holes a POST without the form’s CSRF token', async () => {
    lab = await startEmailOtpLab();
    lab.addUser('jane@lab.test');
    const client = lab.client();
    await passwordStep(client, 'jane@lab.test');
    await client.get('/users/email_otp');
    const code = codeFrom((await lab.inbox())[0]);
    const forged = await client.request('/users/email_otp', { form: { 'data[User][otp]': code } });
    expect(forged.status).toBe(400);
    expect(await loggedInEmail(client)).toBeNull();
  });

  it('does not let a user disabled after the password step in', async () => {
    lab = await startEmailOtpLab();
    const id = lab.addUser('kim@lab.test');
    const client = lab.client();
    await passwordStep(client, 'kim@lab.test');
    const page = await client.get('/users/email_otp');
    lab.server.services.users.update(id, { disabled: 1 });
    const answer = await submitEmailOtp(client, page.text, codeFrom((await lab.inbox())[0]));
    expect(answer.locationPath).toBe('/users/login');
    expect(await loggedInEmail(client)).toBeNull();
  });
});

describe('when the mail cannot go out', () => {
  it('a dead SMTP server gives a clear flash, a logged reason, no 500 and no login', async () => {
    lab = await startEmailOtpLab({ smtp: await deadPort() });
    const id = lab.addUser('liam@lab.test');
    const client = lab.client();
    await passwordStep(client, 'liam@lab.test');
    const page = await client.get('/users/email_otp');
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toEqual([
      "The email couldn't be sent, please reach out to your administrator.",
    ]);
    const [error] = lab.server.services.logs.list({ action: 'error' });
    expect(error?.title).toBe(`User (${id}): liam@lab.test email OTP could not be sent`);
    expect(error?.change).toMatch(/^mail to liam@lab\.test failed: SMTP 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    // No code is left that anybody could guess, and the server goes on answering.
    for (const guess of ['000000', '123456']) {
      const refused = await submitEmailOtp(client, page.text, guess);
      expect(flashes(refused.text)).toEqual([WRONG]);
    }
    expect(await loggedInEmail(client)).toBeNull();
    expect((await lab.client().get('/users/login')).status).toBe(200);
  });

  it('no SMTP server configured, or e-mailing switched off afterwards, reads the same way', async () => {
    lab = await startEmailOtpLab({ smtp: null });
    lab.addUser('mia@lab.test');
    const client = lab.client();
    await passwordStep(client, 'mia@lab.test');
    expect(flashes((await client.get('/users/email_otp')).text)).toEqual([
      "The email couldn't be sent, please reach out to your administrator.",
    ]);
    await lab.stop();

    lab = await startEmailOtpLab();
    lab.addUser('noah@lab.test');
    lab.server.services.settings.editSetting('MISP.disable_emailing', true, { cli: true });
    const other = lab.client();
    await passwordStep(other, 'noah@lab.test');
    expect(flashes((await other.get('/users/email_otp')).text)).toEqual([
      "The email couldn't be sent, please reach out to your administrator.",
    ]);
    expect(await lab.inbox()).toEqual([]);
    const [error] = lab.server.services.logs.list({ action: 'error' });
    expect(error?.change).toBe('e-mailing is disabled (MISP.disable_emailing)');
  });
});

describe('Security.email_otp_enabled', () => {
  it('is refused while MISP.disable_emailing is on, even forced (email_otpBeforeHook)', async () => {
    lab = await startEmailOtpLab({
      settings: { 'Security.email_otp_enabled': false, 'MISP.disable_emailing': true },
    });
    const admin = lab.server.getAdmin();
    const api = lab.client();
    const answer = await api.request('/servers/serverSettingsEdit/Security.email_otp_enabled', {
      json: { value: true, force: true },
      headers: { Authorization: admin.authKey, Accept: 'application/json' },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errors).toBe(
      'Emailing is currently disabled. Enabling OTP without e-mailing being configured would lock all users out.',
    );
    expect(lab.server.services.settings.get('Security.email_otp_enabled')).toBe(false);
    lab.addUser('olga@lab.test');
    expect((await submitLogin(lab.client(), 'olga@lab.test', PASSWORD)).locationPath).toBe(
      '/users/routeafterlogin',
    );
  });
});
