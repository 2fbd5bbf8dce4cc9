/**
 * The user JSON and pages, admin TOTP deletion (REST and UI), org-admin limits, user creation
 * by REST with a usable auth key, and bad input answered in MISP's shapes (spec §1.5, §4.6).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOtpSecret } from '../../server/auth/otp.ts';
import { logIn, startLab, type Lab } from './support/lab-server.ts';
import { flashes, readForm, textOf } from './support/web-client.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../fixtures/misp-samples/users-view-me.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(async () => {
  await lab.stop();
});

function adminApi() {
  return lab.client({ Authorization: lab.server.getAdmin().authKey, Accept: 'application/json' });
}

describe('/users/view/me', () => {
  it('answers the JSON shape of a real MISP 2.5.1, key for key', async () => {
    const secret = newOtpSecret();
    const { authKey } = lab.addUser('shape@lab.test', { totp: secret, hotpCounter: 3 });
    const api = lab.client({ Authorization: authKey, Accept: 'application/json' });
    const me = JSON.parse((await api.get('/users/view/me')).text);
    expect(Object.keys(me)).toEqual(Object.keys(sample));
    for (const part of ['User', 'Role', 'Organisation'])
      expect(Object.keys(me[part])).toEqual(Object.keys(sample[part]!));
    expect(me.UserSetting).toEqual([]);
    expect(me.User).toMatchObject({
      totp: '*****',
      totp_is_set: '1',
      hotp_counter: '3',
      password: '*****',
      org_id: '1',
    });
    expect(typeof me.User.id).toBe('string');
    expect(me.Role).toMatchObject({
      name: 'User',
      perm_skip_otp: false,
      permission: '3',
      permission_description: 'publish',
    });
    const admin = JSON.parse((await adminApi().get('/users/view/me.json')).text);
    expect(admin.User).toMatchObject({ totp: '*****', totp_is_set: '0', hotp_counter: null });
    expect(admin.Role.perm_site_admin).toBe(true);
  });

  it('shows the TOTP row with Generate, or View paper tokens and Delete', async () => {
    const { id } = lab.addUser('row@lab.test', { roleId: 2 });
    const client = lab.client();
    await logIn(client, 'row@lab.test');
    let page = await client.get('/users/view/me');
    expect(page.text).toMatch(/<span class="label label-important label-padding">No<\/span>/);
    expect(page.text).toContain('<a href="/users/totp_new" id="totpGenerateLink">Generate</a>');
    lab.server.services.users.update(id, { totp: newOtpSecret(), hotp_counter: 0 });
    page = await client.get('/users/view/me');
    expect(page.text).toMatch(/<span class="label label-success label-padding">Yes<\/span>/);
    expect(page.text).toContain(`href="/users/hotp/${id}"`);
    expect(textOf(page.text, 'totpDeleteLink')).toBe('Delete');
  });

  it('hides other users from a non-admin (404 "Invalid user or not authorised.")', async () => {
    const { authKey } = lab.addUser('nosy@lab.test');
    const api = lab.client({ Authorization: authKey, Accept: 'application/json' });
    const answer = await api.get('/users/view/1');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).message).toBe('Invalid user or not authorised.');
  });
});

describe('/users/totp_delete/<id>', () => {
  it('deletes by REST with MISP’s exact answer, keeping hotp_counter', async () => {
    const { id } = lab.addUser('lost@lab.test', { totp: newOtpSecret(), hotpCounter: 7 });
    const answer = await adminApi().request(`/users/totp_delete/${id}`, { method: 'POST' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      saved: true,
      success: true,
      name: 'User TOTP deleted.',
      message: 'User TOTP deleted.',
      url: `/users/totp_delete/${id}`,
      id: String(id),
    });
    expect(lab.server.services.users.findById(id)).toMatchObject({ totp: null, hotp_counter: 7 });
    const [log] = lab.server.services.logs.list({ action: 'update', title: 'TOTP deleted' });
    expect(log?.title).toBe(`User (${id}): lost@lab.test TOTP deleted`);
  });

  it('deletes from the confirm page, then flashes on the user index', async () => {
    const { id } = lab.addUser('phone@lab.test', { totp: newOtpSecret() });
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const confirm = await admin.get(`/users/totp_delete/${id}`);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.text, 'genericModalLabel')).toBe('Delete user TOTP');
    expect(confirm.text).toContain('Are you sure you want to delete the TOTP of the user?.');
    const form = readForm(confirm.text, 'UserTotpDeleteForm');
    expect(form.fields['data[_Token][key]']).toMatch(/^[0-9a-f]{40}$/);
    const done = await admin.request(form.action, { form: form.fields });
    expect(done.locationPath).toBe('/admin/users/index');
    const index = await admin.get('/admin/users/index');
    expect(flashes(index.text)).toEqual(['User TOTP deleted']);
    expect(lab.server.services.users.findById(id)?.totp).toBeNull();
  });

  it('answers unknown ids, wrong methods and missing CSRF tokens as MISP does', async () => {
    const unknown = await adminApi().request('/users/totp_delete/999', { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({
      name: 'Invalid user',
      message: 'Invalid user',
      url: '/users/totp_delete/999',
    });
    const text = await adminApi().request('/users/totp_delete/abc', { method: 'POST' });
    expect(text.status).toBe(404);
    expect((await adminApi().request('/users/totp_delete/1', { method: 'PUT' })).status).toBe(405);
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    expect((await admin.request('/users/totp_delete/1', { form: { _method: 'POST' } })).status).toBe(400);
  });

  it('limits org admins to their own organisation’s non-site-admin users', async () => {
    const other = lab.server.services.users.createOrg('OTHER');
    const outsider = lab.addUser('outsider@lab.test', { orgId: other.id, totp: newOtpSecret() });
    const colleague = lab.addUser('colleague@lab.test', { totp: newOtpSecret() });
    const orgAdmin = lab.addUser('orgadmin@lab.test', { roleId: 2 });
    const api = lab.client({ Authorization: orgAdmin.authKey, Accept: 'application/json' });
    expect((await api.request(`/users/totp_delete/${outsider.id}`, { method: 'POST' })).status).toBe(404);
    expect((await api.request('/users/totp_delete/1', { method: 'POST' })).status).toBe(404);
    expect((await api.request(`/users/totp_delete/${colleague.id}`, { method: 'POST' })).status).toBe(200);
    const plain = lab.client({ Authorization: colleague.authKey, Accept: 'application/json' });
    expect((await plain.request(`/users/totp_delete/${orgAdmin.id}`, { method: 'POST' })).status).toBe(403);
  });
});

describe('/admin/users', () => {
  it('adds a user by REST, returning its new auth key once, which then works', async () => {
    const answer = await adminApi().request('/admin/users/add', {
      json: { email: 'made@lab.test', org_id: '1', role_id: '3', password: 'Another-Strong-Pass-1' },
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body.User.email).toBe('made@lab.test');
    expect(body.User.authkey).toMatch(/^[A-Za-z0-9]{40}$/);
    const viaKey = lab.client({ Authorization: body.User.authkey, Accept: 'application/json' });
    expect(JSON.parse((await viaKey.get('/users/view/me')).text).User.email).toBe('made@lab.test');
    const again = JSON.parse((await adminApi().get(`/admin/users/view/${body.User.id}`)).text);
    expect(again.User.authkey).toBeUndefined();
  });

  it('refuses a duplicate email and malformed JSON in MISP’s shapes', async () => {
    const duplicate = await adminApi().request('/admin/users/add', { json: { email: 'admin@admin.test' } });
    expect(duplicate.status).toBe(403);
    expect(JSON.parse(duplicate.text)).toEqual({
      saved: false,
      name: 'Could not add User',
      message: 'Could not add User',
      url: '/admin/users/add',
      errors: { email: ['An account with this email address already exists.'] },
    });
    const broken = await adminApi().request('/admin/users/add', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    expect(broken.status).toBe(405);
    expect(JSON.parse(broken.text).name).toMatch(/^Invalid JSON input/);
  });

  it('lists users with a TOTP column and without the secret in JSON', async () => {
    lab.addUser('listed@lab.test', { totp: newOtpSecret() });
    const list = JSON.parse((await adminApi().get('/admin/users/index')).text) as Array<{
      User: Record<string, unknown>;
    }>;
    const listed = list.find((u) => u.User.email === 'listed@lab.test')!;
    expect(listed.User.totp).toBeUndefined();
    expect(listed.User.totp_is_set).toBe('1');
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const page = await admin.get('/admin/users/index');
    // MISP 2.5.1's column: a header titled TOTP with the mobile icon, a check per user.
    expect(page.text).toMatch(
      /<th class="pagination_link" data-field="User\.totp"\s+title="TOTP">\s*<i class="fa fa-mobile"><\/i>/,
    );
    expect(page.text).toMatch(/class="short user-totp" data-totp="1">\s*<i class="fa fa-check green"/);
  });

  it('shows "Delete TOTP token" on the edit page, edits and deletes users', async () => {
    const { id } = lab.addUser('edit@lab.test', { totp: newOtpSecret() });
    const admin = lab.client();
    await logIn(admin, 'admin@admin.test');
    const edit = await admin.get(`/admin/users/edit/${id}`);
    expect(textOf(edit.text, 'deleteTotpButton')).toBe('Delete TOTP token');
    const saved = await admin.submitForm(`/admin/users/edit/${id}`, 'UserAdminEditForm', {
      'data[User][email]': 'edited@lab.test',
    });
    expect(saved.locationPath).toBe('/admin/users/index');
    expect(lab.server.services.users.findById(id)?.email).toBe('edited@lab.test');
    const removed = await adminApi().request(`/admin/users/delete/${id}`, { method: 'POST' });
    expect(JSON.parse(removed.text)).toMatchObject({ saved: true, name: 'User deleted.', id: String(id) });
    expect(lab.server.services.users.findById(id)).toBeUndefined();
  });
});
