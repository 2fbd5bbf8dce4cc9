/**
 * The typed MISP client and the cleanup ledger against the reference server: what a scenario
 * creates through the client (a setting, a role, a user in it, an event) is undone by the ledger
 * through the same client, newest first, and every exchange lands in the transcript.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CleanupLedger } from '../../lab/clients/cleanup-ledger.ts';
import { HttpTranscript } from '../../lab/clients/http-transcript.ts';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { startLab, type Lab } from '../server/support/lab-server.ts';

let lab: Lab;
let admin: MispClient;
const transcript = new HttpTranscript();

beforeEach(async () => {
  lab = await startLab();
  const { authKey } = lab.addUser('client-admin@lab.test', { roleId: 1 });
  admin = new MispClient({ baseUrl: lab.url, authKey, transcript });
});

afterEach(async () => {
  await lab.stop();
});

it('creates through named methods and the ledger undoes it all through the same client', async () => {
  const ledger = new CleanupLedger();
  const before = (await admin.getSetting('Security.otp_required')).data.value;
  ledger.record({ kind: 'setting', name: 'Security.otp_required', previous: before });
  const saved = await admin.setServerSetting('Security.otp_required', !before);
  expect(saved.status).toBe(200);
  expect(saved.data.saved).toBe(true);

  const role = await admin.addRole({
    name: 'client-test',
    permission: '1',
    perm_auth: true,
    perm_skip_otp: true,
  });
  expect(role.status).toBe(200);
  const roleId = String(role.data.Role?.id);
  ledger.record({ kind: 'role', id: roleId, name: 'client-test' });

  const user = await admin.addUser({
    email: 'client-user@lab.test',
    password: 'Lab-Client-Passw0rd-9a',
    change_pw: false,
    role_id: roleId,
  });
  expect(user.status).toBe(200);
  const userId = String(user.data.User?.id);
  ledger.record({ kind: 'user', id: userId, email: 'client-user@lab.test' });

  const event = await admin.addEvent({
    info: 'client test',
    threat_level_id: '4',
    analysis: '0',
    distribution: '0',
  });
  expect(event.status).toBe(200);
  const eventId = String(event.data.Event?.id);
  ledger.record({ kind: 'event', id: eventId });
  expect((await admin.getEvent(eventId)).data.Event?.info).toBe('client test');

  expect(await ledger.undo(admin)).toEqual([]);
  expect((await admin.getSetting('Security.otp_required')).data.value).toBe(before);
  expect((await admin.getEvent(eventId)).status).toBe(404);
  expect((await admin.getUser(userId)).status).toBe(404);
  expect(transcript.exchanges.map((e) => `${e.method} ${e.url}`)).toContain(
    `POST /admin/roles/delete/${roleId}`,
  );
});

it('never throws on an HTTP status: a wrong key is a 403 to assert on', async () => {
  const stranger = new MispClient({ baseUrl: lab.url, authKey: 'A'.repeat(40) });
  expect((await stranger.getMe()).status).toBe(403);
  expect((await new MispClient({ baseUrl: lab.url }).heartbeat()).status).toBe(200);
});
