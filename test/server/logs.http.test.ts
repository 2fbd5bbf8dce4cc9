/** /admin/logs/index (spec Appendix A, misp-samples/admin-logs-index.json): filters, order, access. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logIn, startLab, submitLogin, type Lab } from './support/lab-server.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../fixtures/misp-samples/admin-logs-index.json', import.meta.url), 'utf8'),
) as Array<{ Log: Record<string, string> }>;

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  await submitLogin(lab.client(), 'admin@admin.test', 'wrong');
  await submitLogin(lab.client(), 'admin@admin.test');
  await submitLogin(lab.client(), 'nobody@lab.test', 'wrong');
});
afterEach(async () => {
  await lab.stop();
});

const api = () => lab.client({ Authorization: lab.server.getAdmin().authKey, Accept: 'application/json' });

describe('/admin/logs/index', () => {
  it('answers JSON oldest first in the sample’s shape, filtered by named parameters', async () => {
    const all = JSON.parse((await api().get('/admin/logs/index')).text) as typeof sample;
    expect(Object.keys(all[0]!.Log)).toEqual(Object.keys(sample[0]!.Log));
    const ids = all.map((e) => Number(e.Log.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const fails = JSON.parse(
      (await api().get('/admin/logs/index/model:User/action:login_fail.json')).text,
    ) as typeof sample;
    expect(fails.map((e) => e.Log.title)).toEqual([
      'Failed login attempt using username admin@admin.test from IP: 127.0.0.1.',
      'Failed login attempt using username nobody@lab.test from IP: 127.0.0.1.',
    ]);
    expect(fails[0]!.Log).toMatchObject({ model_id: '1', user_id: '1', email: 'admin@admin.test' });
    const byId = JSON.parse(
      (await api().get('/admin/logs/index/model_id:1/action:login')).text,
    ) as typeof sample;
    expect(byId).toHaveLength(1);
  });

  it('keeps the lines created since a moment with created: (seconds back, unix time, date), as MISP 2.5.1 does', async () => {
    const count = async (path: string) => (JSON.parse((await api().get(path)).text) as typeof sample).length;
    const all = await count('/admin/logs/index');
    expect(all).toBeGreaterThan(0);
    lab.advance(600_000);
    await submitLogin(lab.client(), 'admin@admin.test', 'wrong');
    // Observed on real MISP: created:<n>s|m|h|d is "at or after now minus that" (resolveTimeDelta).
    expect(await count('/admin/logs/index/created:300s.json')).toBe(1);
    expect(await count('/admin/logs/index/created:5m.json')).toBe(1);
    expect(await count('/admin/logs/index/created:1h.json')).toBe(all + 1);
    expect(await count(`/admin/logs/index/created:${Math.floor(lab.now() / 1000) + 1}.json`)).toBe(0);
    expect(await count('/admin/logs/index/created:soon.json')).toBe(0);
  });

  it('takes filters as a POSTed JSON body and ignores junk types', async () => {
    const posted = JSON.parse(
      (await api().request('/admin/logs/index', { json: { action: 'login', limit: 10 } })).text,
    );
    expect(posted).toHaveLength(1);
    expect(posted[0].Log.title).toBe('User (1): admin@admin.test');
    const junk = await api().request('/admin/logs/index', { json: { action: ['x'], model_id: 'abc' } });
    expect(junk.status).toBe(200);
    expect(JSON.parse(junk.text)).toEqual([]);
  });

  it('shows the newest line first on the page and refuses plain users', async () => {
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const page = await admin.get('/admin/logs/index/action:login');
    const ids = [...page.text.matchAll(/data-log-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(2);
    expect(ids[0]).toBeGreaterThan(ids[1]!);
    const { authKey } = lab.addUser('plain@lab.test');
    const plain = lab.client({ Authorization: authKey, Accept: 'application/json' });
    expect((await plain.get('/admin/logs/index')).status).toBe(403);
  });

  it('shows org admins only their organisation’s lines', async () => {
    const other = lab.server.services.users.createOrg('OTHER');
    const { authKey } = lab.addUser('audit@other.test', { orgId: other.id, roleId: 2 });
    await submitLogin(lab.client(), 'audit@other.test', 'wrong');
    const orgAdmin = lab.client({ Authorization: authKey, Accept: 'application/json' });
    const seen = JSON.parse((await orgAdmin.get('/admin/logs/index')).text) as typeof sample;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.Log.org === 'OTHER')).toBe(true);
  });

  it('says the top bar’s log filter presets are not kept here instead of listing every line', async () => {
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const page = await admin.get('/logs/index/filter:auth_issues');
    expect(page.status).toBe(404);
    expect(page.text).toContain(
      'The log filter preset &#34;auth_issues&#34; is not available on the reference server.',
    );
    expect(page.text).not.toContain('data-log-id=');
  });
});
