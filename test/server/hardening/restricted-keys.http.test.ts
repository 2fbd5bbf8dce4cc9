/**
 * Auth-key restrictions (issue 10, defect 2), checked against what real MISP 2.5.1 answered
 * (fixtures/misp-samples/auth-key-restrictions.json): read-only keys lose every permission but
 * perm_auth and perm_audit, allowed_ips are stored and enforced, expirations may be date strings.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../support/lab-server.ts';

const REAL = JSON.parse(
  readFileSync(new URL('../../../fixtures/misp-samples/auth-key-restrictions.json', import.meta.url), 'utf8'),
);

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({ 'Security.advanced_authkeys': true });
});
afterEach(() => lab.stop());

const api = (key: string) => lab.client({ Authorization: key, Accept: 'application/json' });
const admin = () => api(lab.server.getAdmin().authKey);

async function addKey(body: Record<string, unknown>) {
  const answer = await admin().request('/auth_keys/add/1', { json: body });
  return { status: answer.status, body: JSON.parse(answer.text) };
}

describe('restricted auth keys', () => {
  it('stores read_only, allowed_ips and a date-string expiration as MISP does', async () => {
    const { status, body } = await addKey(REAL.add_with_restrictions.request);
    expect(status).toBe(200);
    expect(body.AuthKey).toMatchObject(REAL.add_with_restrictions.AuthKey);
  });

  it('a read-only key reads but cannot add events, change settings or add keys', async () => {
    const key = (await addKey({ read_only: 1 })).body.AuthKey.authkey_raw as string;
    const ro = api(key);
    const add = await ro.request('/events/add', { json: { Event: { info: 'ro', distribution: 0 } } });
    expect(add.status).toBe(403);
    expect(JSON.parse(add.text)).toEqual(REAL.read_only_key['POST /events/add'].body);
    const setting = await ro.request('/servers/serverSettingsEdit/MISP.footermidleft', {
      json: { value: 'x' },
    });
    expect(setting.status).toBe(403);
    expect((await ro.request('/auth_keys/add/1', { json: {} })).status).toBe(403);
    const me = await ro.get('/users/view/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text).Role.perm_add).toBe(true);
    expect(lab.server.services.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('refuses a key from an address outside allowed_ips with MISP’s 403, and logs it', async () => {
    const outside = (await addKey({ allowed_ips: ['10.0.0.0/8'] })).body.AuthKey.authkey_raw as string;
    const answer = await api(outside).get('/users/view/me');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual(REAL['allowed_ips_10.0.0.0/8_from_127.0.0.1'].body);
    const inside = (await addKey({ allowed_ips: '10.0.0.0/8, 127.0.0.1' })).body.AuthKey
      .authkey_raw as string;
    expect((await api(inside).get('/users/view/me')).status).toBe(200);
    const logged = lab.server.services.db
      .prepare(
        "SELECT title FROM logs WHERE action = 'auth_fail' AND title LIKE 'Login attempt from not allowed IP%'",
      )
      .all();
    expect(logged).toHaveLength(1);
  });

  it('refuses invalid ranges and expirations with MISP’s validation answers', async () => {
    const cidr = await addKey(REAL.add_bad_cidr.request);
    expect(cidr).toEqual({ status: 403, body: REAL.add_bad_cidr.body });
    const expiration = await addKey(REAL.add_bad_expiration.request);
    expect(expiration.status).toBe(403);
    expect(expiration.body.errors).toEqual(REAL.add_bad_expiration.body.errors);
  });

  it('a key whose date-string expiration has passed fails authentication', async () => {
    const { body } = await addKey({ expiration: '2020-01-01' });
    expect(body.AuthKey.expiration).toBe(REAL['expired_key_2020-01-01'].expiration);
    const answer = await api(body.AuthKey.authkey_raw).get('/users/view/me');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).message).toBe(REAL['expired_key_2020-01-01'].message);
  });
});
