/**
 * TOTP enrolment, paper tokens, forced enrolment (Security.otp_required) and the break-glass
 * switch (Security.otp_disabled) over real HTTP (spec §1.3, §1.4, §1.7, §1.9).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newOtpSecret } from '../../server/auth/otp.ts';
import { enrolTotp, hotp, logIn, startLab, submitLogin, type Lab } from './support/lab-server.ts';
import { decodeEntities, flashes, readForm } from './support/web-client.ts';

let lab: Lab;
afterEach(async () => {
  await lab.stop();
});

const canDecodeQr = existsSync('/usr/bin/rsvg-convert') && existsSync('/usr/bin/zbarimg');

function decodeQr(svg: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qr-'));
  try {
    writeFileSync(join(dir, 'qr.svg'), svg);
    execFileSync(
      '/usr/bin/rsvg-convert',
      ['-w', '400', '-b', 'white', '-o', join(dir, 'qr.png'), join(dir, 'qr.svg')],
      {
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    return execFileSync('/usr/bin/zbarimg', ['-q', '--raw', join(dir, 'qr.png')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('/users/totp_new', () => {
  it('shows a fresh 103-character secret on every GET, as text and as a 200x200 QR code', async () => {
    lab = await startLab({ 'MISP.org': 'LABORG' });
    lab.addUser('new@lab.test');
    const client = lab.client();
    await logIn(client, 'new@lab.test');
    const page = await client.get('/users/totp_new');
    expect(page.status).toBe(200);
    const secret = /<pre>([^<]*)<\/pre>/.exec(page.text)![1]!;
    expect(secret).toMatch(/^[A-Z2-7]{103}$/);
    const form = readForm(page.text, 'UserTotpNewForm');
    expect(form.action).toBe('/users/totp_new');
    expect('data[User][otp]' in form.fields).toBe(true);
    expect(page.text).toContain('One Time Password verification');
    expect(page.text).toContain('placeholder="Enter your OTP code here"');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page.text)![0];
    expect(svg).toMatch(/width="200" height="200"/);
    if (canDecodeQr) {
      expect(decodeQr(svg)).toBe(
        `otpauth://totp/LABORG%20MISP%3Anew%40lab.test?issuer=LABORG%20MISP&secret=${secret}`,
      );
    }
    const again = await client.get('/users/totp_new');
    expect(/<pre>([^<]*)<\/pre>/.exec(again.text)![1]).not.toBe(secret);
  });

  it('keeps the secret after a wrong code, then enrols and shows 50 paper tokens in order', async () => {
    lab = await startLab({ 'Security.otp_issuer': 'LAB MISP' });
    const { id } = lab.addUser('enrol@lab.test');
    const client = lab.client();
    await logIn(client, 'enrol@lab.test');
    const page = await client.get('/users/totp_new');
    const secret = /<pre>([^<]*)<\/pre>/.exec(page.text)![1]!;
    const form = readForm(page.text, 'UserTotpNewForm');
    const wrong = await client.request(form.action, {
      form: { ...form.fields, 'data[User][otp]': '000000' },
    });
    expect(wrong.status).toBe(200);
    expect(flashes(wrong.text)).toEqual(['The OTP is incorrect or has expired.']);
    expect(wrong.text).toContain(`<pre>${secret}</pre>`);
    const retry = readForm(wrong.text, 'UserTotpNewForm');
    const { generate } = await import('otplib');
    const code = await generate({ secret, epoch: Math.floor(lab.now() / 1000) });
    const ok = await client.request(retry.action, { form: { ...retry.fields, 'data[User][otp]': code } });
    expect(ok.locationPath).toBe('/users/hotp');
    expect(lab.server.services.users.findById(id)).toMatchObject({ totp: secret, hotp_counter: 0 });
    const tokensPage = await client.get('/users/hotp');
    expect(flashes(tokensPage.text)).toEqual(['The OTP is correct and now active for your account.']);
    expect(tokensPage.text).toContain('<h2>Paper based Single Use Tokens</h2>');
    const pre = decodeEntities(/<pre id="hotpTokens">([\s\S]*?)<\/pre>/.exec(tokensPage.text)![1]!);
    const lines = pre.split('\n').filter(Boolean);
    expect(lines).toHaveLength(10);
    const expectedLine = async (counters: number[]) =>
      (
        await Promise.all(counters.map(async (n) => `${n < 10 ? ' ' : ''}${n}: ${await hotp(secret, n)}`))
      ).join('    ');
    expect(lines[0]).toBe(await expectedLine([0, 1, 2, 3, 4]));
    expect(lines[9]).toBe(await expectedLine([45, 46, 47, 48, 49]));
    const created = lab.server.services.logs.list({ action: 'update', title: 'TOTP token created' });
    expect(created[0]?.title).toBe(`User (${id}): enrol@lab.test TOTP token created`);
    const already = await client.get('/users/totp_new');
    expect(already.status).toBe(302);
    const view = await client.get('/users/view/me');
    expect(flashes(view.text)).toEqual([
      'Your account already has a TOTP. Please contact your organisational administrator to change or delete it.',
    ]);
    expect(view.text).toContain('View paper tokens');
  });
});

describe('Security.otp_required', () => {
  it('keeps a password-only user on /users/totp_new from every page but MISP’s exempt list', async () => {
    lab = await startLab({ 'Security.otp_required': true });
    const { authKey } = lab.addUser('forced@lab.test');
    const client = lab.client();
    await logIn(client, 'forced@lab.test');
    for (const path of [
      '/users/routeafterlogin',
      '/users/view/me',
      '/users/hotp',
      '/users/view/1',
      '/events/index',
    ]) {
      const answer = await client.get(path);
      if (answer.status === 404) continue; // route owned by another part of the server, not yet present
      expect([path, answer.status, answer.locationPath]).toEqual([path, 302, '/users/totp_new']);
    }
    expect((await client.get('/users/totp_new')).status).toBe(200);
    // REST with the session cookie, and an auth key, are never redirected.
    expect((await client.get('/users/view/me.json')).status).toBe(200);
    const api = lab.client({ Authorization: authKey, Accept: 'application/json' });
    expect((await api.get('/users/view/me')).status).toBe(200);
    const ajax = await client.get('/users/view/me', { 'X-Requested-With': 'XMLHttpRequest' });
    expect(ajax.status).toBe(200);
    expect((await client.get('/users/logout')).locationPath).toBe('/users/login');
  });

  it('lets a user go once enrolled, and exempts roles with perm_skip_otp', async () => {
    lab = await startLab({ 'Security.otp_required': true });
    lab.addUser('soon@lab.test');
    const client = lab.client();
    await logIn(client, 'soon@lab.test');
    const { answer } = await enrolTotp(client, lab.now());
    expect(answer.locationPath).toBe('/users/hotp');
    expect((await client.get('/users/hotp')).status).toBe(200);
    expect((await client.get('/users/view/me')).status).toBe(200);

    const role = lab.server.services.users.createRole('Skipper', { perm_auth: true, perm_skip_otp: true });
    lab.addUser('skip@lab.test', { roleId: role.id });
    const skipper = lab.client();
    await logIn(skipper, 'skip@lab.test');
    expect((await skipper.get('/users/view/me')).status).toBe(200);
  });
});

describe('Security.otp_disabled', () => {
  it('logs TOTP users in with the password alone and closes every OTP page with 403', async () => {
    lab = await startLab({ 'Security.otp_disabled': true });
    const secret = newOtpSecret();
    const { id } = lab.addUser('glass@lab.test', { totp: secret, roleId: 2 });
    const client = lab.client();
    expect((await submitLogin(client, 'glass@lab.test')).locationPath).toBe('/users/routeafterlogin');
    for (const path of ['/users/totp_new', '/users/hotp', '/users/otp', `/users/totp_delete/${id}`]) {
      const answer = await client.get(path);
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.text).toContain('OTP has been disabled on this instance.');
    }
    const api = await client.get(`/users/totp_delete/${id}.json`);
    expect(JSON.parse(api.text)).toEqual({
      name: 'OTP has been disabled on this instance.',
      message: 'OTP has been disabled on this instance.',
      url: `/users/totp_delete/${id}.json`,
    });
    expect((await client.get('/users/view/me')).text).not.toContain('TOTP');
  });
});
