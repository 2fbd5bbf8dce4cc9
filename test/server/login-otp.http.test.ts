/**
 * Login with password and TOTP/paper tokens over real HTTP (spec §1.1, §1.2, §1.6), clock moved
 * by the test: TOTP accepted only in its own 30-second step, paper tokens only in order, wrong
 * codes and passwords counted together by the brute-force guard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOtpSecret } from '../../server/auth/otp.ts';
import { PASSWORD, hotp, startLab, submitLogin, submitOtp, totpNow, type Lab } from './support/lab-server.ts';
import { flashes, readForm, textOf } from './support/web-client.ts';

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(async () => {
  await lab.stop();
});

describe('password login', () => {
  it('shows MISP’s login form with its ids and CSRF fields', async () => {
    const page = await lab.client().get('/users/login');
    expect(page.status).toBe(200);
    const form = readForm(page.text, 'UserLoginForm');
    expect(form.action).toBe('/users/login');
    expect(Object.keys(form.fields)).toEqual(
      expect.arrayContaining(['_method', 'data[_Token][key]', 'data[User][email]', 'data[User][password]']),
    );
    expect(page.text).toContain('<legend>Login</legend>');
    expect(page.text).toMatch(/id="UserEmail"/);
    expect(page.text).toMatch(/id="UserPassword"/);
    expect(page.text).toMatch(/<button type="submit" class="btn btn-primary"[^>]*>Login<\/button>/);
  });

  it('sends a deep link to the login page and back to it after login, with a new session id', async () => {
    lab.addUser('alice@lab.test');
    const client = lab.client();
    const deep = await client.get('/users/view/me');
    expect(deep.status).toBe(302);
    expect(deep.locationPath).toBe('/users/login');
    const before = client.sessionCookie();
    const login = await submitLogin(client, 'alice@lab.test');
    expect(login.status).toBe(302);
    expect(login.locationPath).toBe('/users/routeafterlogin');
    expect(client.sessionCookie()).not.toBe(before);
    const route = await client.get('/users/routeafterlogin');
    expect(route.locationPath).toBe('/users/view/me');
    const me = await client.get('/users/view/me.json');
    expect(JSON.parse(me.text).User.email).toBe('alice@lab.test');
    const logs = lab.server.services.logs.list({ action: 'login' });
    expect(logs[0]?.title).toMatch(/^User \(\d+\): alice@lab\.test$/);
  });

  it('welcomes with the login before the previous one (RFC 822) as MISP does', async () => {
    lab.addUser('bob@lab.test');
    const first = lab.client();
    await submitLogin(first, 'bob@lab.test');
    lab.advance(60_000);
    const second = lab.client();
    await submitLogin(second, 'bob@lab.test');
    expect(flashes((await second.get('/users/view/me')).text)).toEqual([]);
    lab.advance(60_000);
    const third = lab.client();
    await submitLogin(third, 'bob@lab.test');
    const page = await third.get('/users/view/me');
    expect(flashes(page.text)).toEqual(['Welcome! Last login was on Sun, 29 Nov 26 07:00:10 +0000']);
  });

  it('refuses a wrong password with MISP’s flash, a 200 form and a login_fail log', async () => {
    lab.addUser('carol@lab.test');
    const answer = await submitLogin(lab.client(), 'carol@lab.test', 'wrong-password');
    expect(answer.status).toBe(200);
    expect(flashes(answer.text)).toEqual(['Invalid username or password, try again']);
    expect(readForm(answer.text, 'UserLoginForm').fields['data[User][email]']).toBe('carol@lab.test');
    const [fail] = lab.server.services.logs.list({ action: 'login_fail' });
    expect(fail?.title).toBe('Failed login attempt using username carol@lab.test from IP: 127.0.0.1.');
  });

  it('refuses a disabled user even with the right password', async () => {
    const { id } = lab.addUser('dave@lab.test');
    lab.server.services.users.update(id, { disabled: 1 });
    const answer = await submitLogin(lab.client(), 'dave@lab.test');
    expect(answer.status).toBe(200);
    expect(flashes(answer.text)).toEqual(['Invalid username or password, try again']);
  });

  it('black-holes a login POST without the CSRF token (400)', async () => {
    const answer = await lab.client().request('/users/login', {
      form: { 'data[User][email]': 'admin@admin.test', 'data[User][password]': PASSWORD },
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('The request has been black-holed');
  });

  it('logs out with "Good-Bye" and forgets the user', async () => {
    lab.addUser('erin@lab.test');
    const client = lab.client();
    await submitLogin(client, 'erin@lab.test');
    const out = await client.get('/users/logout');
    expect(out.locationPath).toBe('/users/login');
    const login = await client.get('/users/login');
    expect(flashes(login.text)).toEqual(['Good-Bye']);
    expect((await client.get('/users/view/me')).locationPath).toBe('/users/login');
  });
});

describe('second step: /users/otp', () => {
  it('asks TOTP users for a code, then accepts the current step only', async () => {
    const secret = newOtpSecret();
    lab.addUser('otp@lab.test', { totp: secret });
    const client = lab.client();
    const login = await submitLogin(client, 'otp@lab.test');
    expect(login.locationPath).toBe('/users/otp');
    expect((await client.get('/users/view/me')).locationPath).toBe('/users/login'); // not logged in yet
    const page = await client.get('/users/otp');
    expect(textOf(page.text, 'UserOtpForm')).toContain(
      'Enter either your TOTP or paper based Single Use Token number 0',
    );
    expect(page.text).toContain('Your account requires an OTP token to login. (One-Time Password)');
    const previousStep = await totpNow(secret, lab.now() - 30_000);
    const refused = await submitOtp(client, previousStep);
    expect(refused.status).toBe(200);
    expect(flashes(refused.text)).toEqual(['The OTP is incorrect or has expired']);
    const ok = await submitOtp(client, await totpNow(secret, lab.now()));
    expect(ok.locationPath).toBe('/users/routeafterlogin');
    expect((await client.get('/users/view/me')).status).toBe(200);
    const wrong = lab.server.services.logs.list({ action: 'login_fail', title: 'wrong OTP token' });
    expect(wrong[0]?.title).toMatch(/^User \(\d+\): otp@lab\.test wrong OTP token$/);
  });

  it('accepts paper tokens strictly in order and refuses a used one', async () => {
    const secret = newOtpSecret();
    const { id } = lab.addUser('paper@lab.test', { totp: secret, hotpCounter: 0 });
    const useToken = async (code: string) => {
      const client = lab.client();
      await submitLogin(client, 'paper@lab.test');
      return submitOtp(client, code);
    };
    expect((await useToken(await hotp(secret, 1))).status).toBe(200); // future token: refused
    expect((await useToken(await hotp(secret, 0))).locationPath).toBe('/users/routeafterlogin');
    expect(lab.server.services.users.findById(id)?.hotp_counter).toBe(1);
    expect((await useToken(await hotp(secret, 0))).status).toBe(200); // used token: refused
    expect((await useToken(await hotp(secret, 1))).locationPath).toBe('/users/routeafterlogin');
  });

  it('redirects to the login page when no password step happened', async () => {
    const answer = await lab.client().get('/users/otp');
    expect(answer.locationPath).toBe('/users/login');
  });
});

describe('brute force', () => {
  it('blocks after five mixed failures, even the right password, until the window slides', async () => {
    const secret = newOtpSecret();
    lab.addUser('mallory@lab.test', { totp: secret });
    for (let i = 0; i < 3; i += 1) await submitLogin(lab.client(), 'MALLORY@lab.test', 'nope');
    const client = lab.client();
    await submitLogin(client, 'mallory@lab.test');
    await submitOtp(client, '000000');
    await submitOtp(client, '111111');
    const blocked = await submitLogin(lab.client(), 'mallory@lab.test');
    expect(blocked.status).toBe(403);
    expect(blocked.text).toContain(
      'You have reached the maximum number of login attempts. Please wait 300 seconds and try again.',
    );
    const otpBlocked = await submitOtp(client, await totpNow(secret, lab.now()));
    expect(otpBlocked.status).toBe(403);
    const tripped = lab.server.services.logs.list({
      action: 'login_fail',
      title: 'Blocked against bruteforcing',
    });
    expect(tripped).toHaveLength(1);
    lab.advance(301_000);
    const again = lab.client();
    expect((await submitLogin(again, 'mallory@lab.test')).locationPath).toBe('/users/otp');
    expect((await submitOtp(again, await totpNow(secret, lab.now()))).locationPath).toBe(
      '/users/routeafterlogin',
    );
  });
});
