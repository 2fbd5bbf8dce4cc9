/**
 * What the reference server does with the settings the posture audit judges, as real MISP 2.5.1
 * answered on a hardened instance (fixtures/misp-samples/posture-observations.json): the policy
 * applied with Security.csp_enforce, no caching with Security.disable_browser_cache, the password
 * length of Security.password_policy_length, serverSettings.json's workers, and auth_keys/edit.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { startLab, type Lab } from './support/lab-server.ts';

let lab: Lab;
let admin: MispClient;

beforeEach(async () => {
  lab = await startLab();
  admin = new MispClient({ baseUrl: lab.url, authKey: lab.addUser('keys@lab.test', { roleId: 1 }).authKey });
});
afterEach(async () => {
  await lab.stop();
});

it('enforces the policy and forbids caching when told to, as MISP 2.5.1 does', async () => {
  const before = await fetch(`${lab.url}/users/login`);
  expect(before.headers.get('content-security-policy-report-only')).toContain("default-src 'self'");
  expect(before.headers.get('content-security-policy')).toBeNull();
  expect(before.headers.get('expires')).toBeNull();
  await admin.setServerSetting('Security.csp_enforce', true);
  await admin.setServerSetting('Security.disable_browser_cache', true);
  const after = await fetch(`${lab.url}/users/login`);
  expect(after.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(after.headers.get('content-security-policy-report-only')).toBeNull();
  expect(after.headers.get('cache-control')).toBe(
    'no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
  );
  expect(after.headers.get('expires')).toBe('Mon, 26 Jul 1997 05:00:00 GMT');
});

it('applies Security.password_policy_length to new passwords', async () => {
  await admin.setServerSetting('Security.password_policy_length', 14);
  const short = await admin.addUser({ email: 'short@lab.test', password: 'Abcdefgh-123', change_pw: false });
  expect(short.status).toBe(403);
  expect(JSON.stringify(short.data)).toContain('Password must be 14 characters minimum');
  const long = await admin.addUser({ email: 'long@lab.test', password: 'Abcdefgh-12345', change_pw: false });
  expect(long.status).toBe(200);
});

it('lists live workers only while background jobs are on', async () => {
  await admin.setServerSetting('MISP.background_jobs', true);
  expect((await admin.serverSettings()).data.workers?.default).toEqual({
    ok: true,
    workers: [{ alive: true }],
  });
  await admin.setServerSetting('MISP.background_jobs', false);
  expect((await admin.serverSettings()).data.workers?.default).toEqual({ ok: false, workers: [] });
});

it('edits only the restrictions sent, answering as MISP 2.5.1', async () => {
  expect((await admin.addAuthKey('1')).status).toBe(200);
  const keys = (await admin.authKeys()).data;
  const id = String(keys[0]!.AuthKey!.id);
  const answer = await admin.editAuthKey(id, { expiration: '2030-02-01' });
  expect(answer.status).toBe(200);
  const body = answer.data as { AuthKey: Record<string, unknown>; User: Record<string, unknown> };
  expect(body.AuthKey.expiration).toBe(Date.UTC(2030, 1, 1) / 1000);
  expect(Object.keys(body.User).sort()).toEqual(['id', 'org_id']);
  const listed = (await admin.authKeys()).data.find((k) => String(k.AuthKey?.id) === id);
  expect(listed?.AuthKey?.expiration).toBe(String(Date.UTC(2030, 1, 1) / 1000));
  expect(listed?.AuthKey?.read_only).toBe(keys[0]!.AuthKey!.read_only);
  const missing = await admin.editAuthKey('999999', { expiration: '2030-02-01' });
  expect(missing.status).toBe(404);
  expect(missing.data).toMatchObject({ message: 'Invalid AuthKey.' });
});
