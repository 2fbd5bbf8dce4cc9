/**
 * Account features MISP's testlive_security.py exercises, with the answers observed on real MISP
 * 2.5.1 (CI instance, 2026-12-02): the X-Username header, kept auth-key sessions, users/resetauthkey,
 * Security.advanced_authkeys_validity, authKeys/add for an unknown user, admin/users/monitor and the
 * userSettings API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyClient, startLab, type Lab } from './support/lab-server.ts';
import { REGISTRATION_SENT } from '../../server/users/registration-service.ts';

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({ 'Security.advanced_authkeys': true });
});
afterEach(() => lab.stop());

const api = (key: string) => keyClient(lab, key);
const admin = () => keyClient(lab, lab.server.getAdmin().authKey);
const set = (name: string, value: boolean | number) =>
  expect(lab.server.services.settings.editSetting(name, value, { cli: true, force: true }).ok).toBe(true);
async function newKey(userId: number, body: Record<string, unknown> = {}) {
  const answer = await admin().request(`/auth_keys/add/${userId}`, { json: body });
  return { status: answer.status, body: JSON.parse(answer.text) };
}

describe('Security.username_in_response_header', () => {
  it('names the user, with /API/<key id> or /API/default for auth-key clients', async () => {
    const user = lab.addUser('header@lab.test');
    expect((await api(user.authKey).get('/users/view/me')).headers.get('x-username')).toBeNull();
    set('Security.username_in_response_header', true);
    const legacy = await api(user.authKey).get('/users/view/me');
    expect(legacy.headers.get('x-username')).toBe('header@lab.test/API/default');
    const key = (await newKey(user.id)).body.AuthKey;
    const advanced = await api(key.authkey_raw).get('/users/view/me');
    expect(advanced.headers.get('x-username')).toBe(`header@lab.test/API/${key.id}`);
  });
});

describe('Security.authkey_keep_session', () => {
  it('keeps an auth-key login in a session until its key is deleted', async () => {
    const user = lab.addUser('kept@lab.test');
    const key = (await newKey(user.id)).body.AuthKey;
    const client = api(key.authkey_raw);
    await client.get('/users/view/me');
    expect(client.sessionCookie()).toBeUndefined();
    set('Security.authkey_keep_session', true);
    expect((await client.get('/users/view/me')).status).toBe(200);
    expect(client.sessionCookie()).toBeDefined();
    expect((await client.get('/users/view/me')).status).toBe(200);
    await admin().request(`/auth_keys/delete/${key.id}`, { method: 'POST' });
    // Real MISP answers 500 here; the reference server refuses with its 403 instead.
    expect((await client.get('/users/view/me')).status).toBe(403);
  });
});

describe('users/resetauthkey', () => {
  it('"me" ends the key in use and returns one that works, carrying its comment', async () => {
    const user = lab.addUser('reset@lab.test');
    const key = (await newKey(user.id, { comment: 'ci' })).body.AuthKey;
    const answer = await api(key.authkey_raw).request('/users/resetauthkey/me', { json: {} });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body).toMatchObject({ saved: true, success: true, url: `/users/resetauthkey/${user.id}` });
    const fresh = String(body.message).replace('Authkey updated: ', '');
    expect((await api(key.authkey_raw).get('/users/view/me')).status).toBe(403);
    expect((await api(fresh).get('/users/view/me')).status).toBe(200);
    const comments = lab.server.services.db
      .prepare('SELECT comment FROM auth_keys WHERE user_id = ? ORDER BY id')
      .all(user.id) as { comment: string }[];
    expect(comments.at(-1)?.comment).toBe(`Created by resetting auth key ${key.id}\nci`);
  });

  it("is refused for another organisation's user and for GET", async () => {
    const user = lab.addUser('reset-other@lab.test');
    const key = (await newKey(user.id)).body.AuthKey;
    expect((await api(key.authkey_raw).request('/users/resetauthkey/1', { json: {} })).status).toBe(405);
    expect((await api(key.authkey_raw).get('/users/resetauthkey/me')).status).toBe(405);
  });
});

describe('authKeys/add', () => {
  it('caps expirations at Security.advanced_authkeys_validity days and sets one when none is given', async () => {
    set('Security.advanced_authkeys_validity', 365);
    const user = lab.addUser('validity@lab.test');
    const now = Math.floor(lab.now() / 1000);
    expect(Number((await newKey(user.id)).body.AuthKey.expiration)).toBe(now + 365 * 86_400);
    const inRange = now + 300 * 86_400;
    expect(Number((await newKey(user.id, { expiration: inRange })).body.AuthKey.expiration)).toBe(inRange);
    const refused = await newKey(user.id, { expiration: now + 400 * 86_400 });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual({ expiration: ['Maximal key validity is 365 days.'] });
  });

  it('answers an unknown user as real MISP does', async () => {
    const answer = await newKey(9999);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      saved: false,
      name: 'Could not add authKey',
      url: '/auth_keys/add',
      errors: { user_id: ["User doesn't exists"] },
    });
  });
});

describe('admin/users/monitor', () => {
  it('answers 1 when the user was not monitored before, and logs their requests', async () => {
    const user = lab.addUser('watched@lab.test');
    set('Security.user_monitoring_enabled', true);
    const first = await admin().request(`/admin/users/monitor/${user.id}`, { json: { value: 1 } });
    expect(first.text).toBe('1');
    expect((await admin().request(`/admin/users/monitor/${user.id}`, { json: { value: 1 } })).text).toBe('0');
    await api(user.authKey).get('/users/view/me');
    const logged = lab.server.services.db
      .prepare("SELECT change FROM logs WHERE action = 'request' AND user_id = ?")
      .all(user.id);
    expect(logged).toEqual([{ change: 'HTTP method: GET\nTarget: /users/view/me' }]);
  });
});

describe('userSettings', () => {
  it('sets, reads and deletes a setting; another user gets 404', async () => {
    const saved = await admin().request('/userSettings/setSetting', {
      json: { setting: 'publish_alert_filter', value: '{"Tag.name": "x"}' },
    });
    expect(JSON.parse(saved.text).UserSetting).toMatchObject({
      setting: 'publish_alert_filter',
      value: { 'Tag.name': 'x' },
      user_id: '1',
    });
    const other = lab.addUser('settings@lab.test');
    const foreign = await api(other.authKey).request('/userSettings/delete', {
      json: { setting: 'publish_alert_filter', user_id: 1 },
    });
    expect(foreign.status).toBe(404);
    const read = await admin().request('/userSettings/getSetting', {
      json: { setting: 'publish_alert_filter' },
    });
    expect(JSON.parse(read.text).value).toEqual({ 'Tag.name': 'x' });
    const deleted = await admin().request('/userSettings/delete', {
      json: { setting: 'publish_alert_filter' },
    });
    expect(JSON.parse(deleted.text)).toMatchObject({ saved: true, message: 'Setting deleted.' });
    const gone = await admin().request('/userSettings/getSetting', {
      json: { setting: 'publish_alert_filter' },
    });
    expect(gone.status).toBe(404);
    const invalid = await admin().request('/userSettings/setSetting', {
      json: { setting: 'nonsense', value: 1 },
    });
    expect(invalid.status).toBe(405);
  });
});

describe('users/register', () => {
  it('is served only under Security.allow_self_registration and files the request', async () => {
    const visitor = lab.client();
    const closed = await visitor.get('/users/register');
    expect(closed.status).toBe(302);
    expect(closed.locationPath).toBe('/users/login');
    set('Security.allow_self_registration', true);
    const form = await visitor.get('/users/register');
    expect(form.status).toBe(200);
    expect(form.text).toContain('id="UserRegisterForm"');
    const sent = await lab
      .client({ Accept: 'application/json' })
      .request('/users/register', { json: { email: 'newcomer@lab.test', org_name: 'Newcomers' } });
    expect(JSON.parse(sent.text)).toMatchObject({ saved: true, message: REGISTRATION_SENT });
    const inbox = lab.server.services.db.prepare('SELECT title, type, data FROM inbox').all() as {
      title: string;
      type: string;
      data: string;
    }[];
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      title: 'User registration for newcomer@lab.test.',
      type: 'registration',
    });
    expect(JSON.parse(inbox[0]!.data)).toMatchObject({ email: 'newcomer@lab.test', org_name: 'Newcomers' });
  });
});
