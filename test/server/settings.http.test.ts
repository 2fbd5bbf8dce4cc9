/**
 * Settings over HTTP (spec §2.3): REST serverSettingsEdit with its answer shapes and the
 * (bool)trim() quirk, getSetting in the sample's shape, the page with MISP's tabs and the
 * inline editor's AJAX form and forced save, site-admin only.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logIn, startLab, type Lab } from './support/lab-server.ts';
import { readForm } from './support/web-client.ts';

const sample = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/misp-samples/${name}`, import.meta.url), 'utf8'));

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(async () => {
  await lab.stop();
});

const api = () => lab.client({ Authorization: lab.server.getAdmin().authKey, Accept: 'application/json' });
const edit = (name: string, body: unknown) =>
  api().request(`/servers/serverSettingsEdit/${name}`, { json: body });

describe('REST', () => {
  it('edits a setting with the sample answer and reads it back with getSetting', async () => {
    const answer = await edit('Security.otp_issuer', { value: 'LAB MISP' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual(sample('serverSettingsEdit.json'));
    const read = JSON.parse((await api().get('/servers/getSetting/Security.otp_issuer')).text);
    expect(read.value).toBe('LAB MISP');
    const otpRequired = JSON.parse((await api().get('/servers/getSetting/Security.otp_required')).text);
    expect(otpRequired).toEqual(sample('getSetting-otp_required.json'));
    expect(Object.keys(otpRequired)).toEqual(Object.keys(sample('getSetting-otp_required.json')));
  });

  it('casts like (bool)trim(): JSON false is false, the string "false" is true', async () => {
    await edit('Security.otp_required', { value: false });
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(false);
    await edit('Security.otp_required', { Server: { value: 'false' } });
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(true);
    await edit('Security.otp_required', { value: 0, force: true });
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(false);
  });

  it('answers unknown settings, bad bodies and ***** as MISP does', async () => {
    const unknown = await edit('Security.nope', { value: true });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({
      name: 'Setting Security.nope is invalid.',
      message: 'Setting Security.nope is invalid.',
      url: '/servers/serverSettingsEdit/Security.nope',
    });
    for (const body of [{}, { value: null }, { value: [1] }, { value: { a: 1 } }, ['x']]) {
      const bad = await edit('Security.otp_required', body);
      expect(bad.status).toBe(403);
      expect(JSON.parse(bad.text)).toEqual({
        saved: false,
        name: 'Could not serverSettingsEdit Server',
        message: 'Could not serverSettingsEdit Server',
        url: '/servers/serverSettingsEdit',
        errors: 'Invalid input. Expected: {"value": "new_setting"}',
      });
    }
    const noChange = await edit('Security.otp_issuer', { value: ' ***** ' });
    expect(JSON.parse(noChange.text)).toMatchObject({ saved: false, errors: 'No change.' });
    const broken = await api().request('/servers/serverSettingsEdit/Security.otp_required', {
      method: 'POST',
      body: 'value=true',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(405);
    expect((await api().get('/servers/getSetting/Nope.nope')).status).toBe(404);
  });

  it('runs the beforeHook even when forced, and refuses failing tests unless forced', async () => {
    lab.server.services.settings.editSetting('LinOTPAuth.enabled', true, { cli: true });
    const hooked = await edit('Security.otp_required', { value: true, force: true });
    expect(hooked.status).toBe(403);
    expect(JSON.parse(hooked.text).errors).toBe(
      'The TOTP and LinOTPAuth should not be used at the same time.',
    );
    const empty = await edit('Security.otp_issuer', { value: '' });
    expect(JSON.parse(empty.text).errors).toBe('Value not set.');
    expect((await edit('Security.otp_issuer', { value: '', force: 1 })).status).toBe(200);
  });

  it('lists all settings and refuses non site admins', async () => {
    const all = JSON.parse((await api().get('/servers/serverSettings.json')).text);
    const entry = all.finalSettings.find((s: { setting: string }) => s.setting === 'Security.otp_required');
    expect(entry).toMatchObject({ type: 'boolean', value: false, tab: 'Security' });
    const { authKey } = lab.addUser('user@lab.test', { roleId: 2 });
    const orgAdmin = lab.client({ Authorization: authKey, Accept: 'application/json' });
    expect(
      (await orgAdmin.request('/servers/serverSettingsEdit/Security.otp_required', { json: { value: true } }))
        .status,
    ).toBe(403);
    expect((await orgAdmin.get('/servers/getSetting/Security.otp_required')).status).toBe(403);
  });
});

describe('page and inline editor', () => {
  it('opens the editor of a value and saves it forced, as the UI does', async () => {
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const pageHtml = (await admin.get('/servers/serverSettings/Security')).text;
    // MISP 2.5.1's tab bar: the current tab is the blue button.
    expect(pageHtml).toMatch(
      /class="btn btn-small btn-primary"\s+href="\/servers\/serverSettings\/Security"[^>]*>\s*Security\s*<\/a\s*>/,
    );
    const cell =
      /<td id="(setting_general_(\d+))_solid"[^>]*data-setting="Security\.otp_required"[^>]*>([^<]*)<\/td>/.exec(
        pageHtml,
      );
    expect(cell?.[3]).toBe('false');
    const [, base, k] = cell!;
    const fragment = await admin.get(`/servers/serverSettingsEdit/Security.otp_required/${k}`, {
      'X-Requested-With': 'XMLHttpRequest',
    });
    expect(fragment.status).toBe(200);
    const form = readForm(fragment.text, `${base}_form`);
    expect(form.action).toBe(`/servers/serverSettingsEdit/Security.otp_required/${k}/1`);
    expect(fragment.text).toMatch(
      new RegExp(`<select name="data\\[Server\\]\\[value\\]" class="inline-input" id="${base}_field">`),
    );
    expect(fragment.text).toMatch(/<option value="0"[^>]*>false<\/option>/);
    expect(fragment.text).toMatch(/<option value="1"\s*>true<\/option>/);
    const saved = await admin.request(form.action, {
      form: { ...form.fields, 'data[Server][value]': '1' },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(JSON.parse(saved.text)).toEqual({ saved: true, success: 'Field updated.' });
    expect(lab.server.services.settings.get('Security.otp_required')).toBe(true);
    // Now otp_required is on and the admin has no TOTP: only AJAX requests escape the enrolment redirect.
    const page = await admin.get('/servers/serverSettings/Security');
    expect(page.locationPath).toBe('/users/totp_new');
    const row = await admin.get(`/servers/serverSettingsReloadSetting/Security.otp_required/${k}`, {
      'X-Requested-With': 'XMLHttpRequest',
    });
    expect(row.text).toMatch(new RegExp(`id="${base}_solid"[^>]*>true</td>`));
    const [log] = lab.server.services.logs.list({ action: 'serverSettingsEdit' });
    expect(log).toMatchObject({
      title: 'Server setting changed',
      change: 'Security.otp_required (false) => (true)',
      email: 'admin@admin.test',
    });
  });

  it('answers UI failures as {saved:false, errors} with status 200 and black-holes posts without token', async () => {
    lab.server.services.settings.editSetting('LinOTPAuth.enabled', true, { cli: true });
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const fragment = await admin.get('/servers/serverSettingsEdit/Security.otp_required/5', {
      'X-Requested-With': 'XMLHttpRequest',
    });
    const id = /id="(setting_general_5_form)"/.exec(fragment.text)![1]!;
    const form = readForm(fragment.text, id);
    const refused = await admin.request(form.action, {
      form: { ...form.fields, 'data[Server][value]': '1' },
    });
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toEqual({
      saved: false,
      errors: 'The TOTP and LinOTPAuth should not be used at the same time.',
    });
    const noToken = await admin.request(form.action, { form: { 'data[Server][value]': '1' } });
    expect(noToken.status).toBe(400);
  });
});
