/**
 * Hostile or clumsy requests to the identity and settings endpoints: every one gets a clear 3xx/4xx
 * answer, never a 500, and the server keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startLab, type Lab } from './support/lab-server.ts';
import type { WebClient } from './support/web-client.ts';

let lab: Lab;
let api: WebClient;
let browser: WebClient;
beforeAll(async () => {
  lab = await startLab();
  api = lab.client({ Authorization: lab.server.getAdmin().authKey, Accept: 'application/json' });
  browser = lab.client();
  await logIn(browser, 'admin@admin.test');
});
afterAll(async () => {
  await lab.stop();
});

const REQUESTS: Array<[string, string, unknown?]> = [
  ['GET', '/users/view/%E0%A4%A'],
  ['GET', '/users/view/-1'],
  ['GET', '/users/view/99999999999999999999'],
  ['GET', '/admin/users/view/'],
  ['GET', '/admin/users/edit/1.5'],
  ['POST', '/admin/users/edit/1', { User: { email: ['x'], role_id: { a: 1 }, org_id: 'abc' } }],
  ['POST', '/admin/users/add', { User: 'not an object' }],
  ['POST', '/admin/users/add', [1, 2, 3]],
  ['POST', '/admin/users/add', 42],
  ['POST', '/admin/users/delete/abc'],
  ['GET', '/admin/users/delete/1'],
  ['POST', '/users/totp_delete/'],
  ['POST', '/users/totp_delete/1/extra/named:param'],
  ['POST', '/users/login', { User: { email: { $ne: 1 }, password: null } }],
  ['POST', '/users/otp', { User: { otp: { code: 1 } } }],
  ['POST', '/users/totp_new', { User: { otp: [123456] } }],
  ['GET', '/servers/serverSettingsEdit'],
  ['GET', '/servers/serverSettingsEdit/Security.otp_required/1/1'],
  ['POST', '/servers/serverSettingsEdit/Security.otp_required', { Server: { value: true, force: { x: 1 } } }],
  ['POST', '/servers/serverSettingsEdit/SecureAuth.amount', { value: 'lots' }],
  ['GET', '/servers/getSetting/'],
  ['GET', '/servers/serverSettings/NoSuchTab'],
  ['POST', '/admin/logs/index', { page: -3, limit: 'all', model_id: '1 OR 1=1' }],
  ['GET', '/admin/logs/index/page:0/limit:99999999999'],
];

describe('bad input', () => {
  it('never answers 500, over REST or from a browser session', async () => {
    for (const [method, path, json] of REQUESTS) {
      for (const client of [api, browser]) {
        const answer = await client.request(path, { method, json });
        expect([method, path, answer.status < 500]).toEqual([method, path, true]);
      }
    }
    expect((await api.get('/users/view/me')).status).toBe(200);
  });

  it('answers REST errors as JSON objects with name, message and url', async () => {
    const answer = await api.request('/admin/users/delete/abc', { method: 'POST' });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({
      name: 'Invalid user',
      message: 'Invalid user',
      url: '/admin/users/delete/abc',
    });
    const wrongMethod = await api.get('/admin/users/delete/1');
    expect(wrongMethod.status).toBe(405);
  });
});
