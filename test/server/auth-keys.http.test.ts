/**
 * Advanced auth keys (Security.advanced_authkeys, /auth_keys/add/<user>): shown once, stored as a
 * hash, usable at once, refused when expired or revoked, and only for users one may manage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './support/lab-server.ts';

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({ 'Security.advanced_authkeys': true });
});
afterEach(() => lab.stop());

const api = (key: string) => lab.client({ Authorization: key, Accept: 'application/json' });
const admin = () => api(lab.server.getAdmin().authKey);

describe('/auth_keys/add', () => {
  it('shows the first key of a new user once in the add answer, stored only as a hash', async () => {
    const added = JSON.parse(
      (
        await admin().request('/admin/users/add', {
          json: { email: 'keys@lab.test', org_id: '1', role_id: '3' },
        })
      ).text,
    );
    // MISP 2.5.1 with advanced auth keys shows the first key in the add answer (PyMISP battery).
    expect(added.User.authkey).toMatch(/^[a-zA-Z0-9]{40}$/);
    const first = JSON.parse((await api(added.User.authkey).get('/users/view/me')).text);
    expect(first.User.email).toBe('keys@lab.test');
    const answer = await admin().request(`/auth_keys/add/${added.User.id}`, { json: { comment: 'harness' } });
    expect(answer.status).toBe(200);
    const key = JSON.parse(answer.text).AuthKey;
    expect(key.authkey_raw).toMatch(/^[a-zA-Z0-9]{40}$/);
    expect(key).toMatchObject({
      user_id: String(added.User.id),
      comment: 'harness',
      authkey_start: key.authkey_raw.slice(0, 4),
    });

    const me = JSON.parse((await api(key.authkey_raw).get('/users/view/me')).text);
    expect(me.User.email).toBe('keys@lab.test');
    const stored = JSON.stringify(lab.server.services.db.prepare('SELECT * FROM auth_keys').all());
    expect(stored).not.toContain(key.authkey_raw);
    expect(stored).not.toContain(added.User.authkey);
  });

  it('refuses an expired key and a revoked one', async () => {
    const { id } = lab.addUser('expiring@lab.test');
    const expiresAt = Math.floor(lab.now() / 1000) + 60;
    const key = JSON.parse(
      (await admin().request(`/auth_keys/add/${id}`, { json: { expiration: expiresAt } })).text,
    ).AuthKey;
    expect((await api(key.authkey_raw).get('/users/view/me')).status).toBe(200);
    lab.advance(61_000);
    expect((await api(key.authkey_raw).get('/users/view/me')).status).toBe(403);

    const second = JSON.parse((await admin().request(`/auth_keys/add/${id}`, { json: {} })).text).AuthKey;
    expect((await admin().request(`/auth_keys/delete/${second.id}`, { method: 'POST' })).status).toBe(200);
    expect((await api(second.authkey_raw).get('/users/view/me')).status).toBe(403);
  });

  it('lets a user add keys for themself only, and answers unknown users and bad input as MISP does', async () => {
    const alice = lab.addUser('alice@lab.test');
    const bob = lab.addUser('bob@lab.test');
    expect((await api(alice.authKey).request(`/auth_keys/add/${alice.id}`, { json: {} })).status).toBe(200);
    expect((await api(alice.authKey).request(`/auth_keys/add/${bob.id}`, { json: {} })).status).toBe(404);
    // Real MISP 2.5.1 (CI instance, 2026-12-02): a site admin naming an unknown user fails AuthKey's
    // userExists rule, 403 {"saved": false, "errors": {"user_id": ["User doesn't exists"]}}.
    const unknown = await admin().request('/auth_keys/add/99999', { json: {} });
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.text).errors).toEqual({ user_id: ["User doesn't exists"] });
    const bad = await admin().request(`/auth_keys/add/${bob.id}`, { json: { expiration: 'soon' } });
    expect(bad.status).toBe(403);
    expect(JSON.parse(bad.text).saved).toBe(false);
  });
});
