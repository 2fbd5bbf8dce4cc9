/**
 * The classroom: two attendees' labs side by side. Attendee A does the workshop's steps through
 * her own MISP (web forms where the slides use pages, the typed client elsewhere); the board's
 * read-only ticks follow her and stay empty for B, neither lab sees the other's settings or
 * workflows, and a reset starts A afresh while B keeps running.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { MattermostClient } from '../../lab/chat/mattermost-client.ts';
import { Room } from '../../lab/room/room.ts';
import { reachableAddresses } from '../../lab/url-host.ts';
import { parseRoster } from '../../lab/room/roster.ts';
import { createBoardApp } from '../../lab/room/board-server.ts';
import { BoardState, type BoardSnapshot } from '../../lab/room/board-state.ts';
import type { AttendeeLab } from '../../lab/room/attendee-lab.ts';
import type { TickId } from '../../lab/room/workshop-ticks.ts';
import { snapshotDifferences, snapshotTarget } from '../../lab/posture/target-snapshot.ts';
import { hotp, totpNow } from '../server/support/lab-server.ts';
import { readForm, WebClient } from '../server/support/web-client.ts';

const graph = (name: string) =>
  readFileSync(new URL(`../../fixtures/workflows/${name}.json`, import.meta.url), 'utf8');

let room: Room;
let board: ReturnType<typeof createBoardApp>;
let ada: AttendeeLab;
let bruno: AttendeeLab;

beforeAll(async () => {
  room = await Room.start({
    attendees: parseRoster('Ada Lovelace <ada@room.test>\nBruno Souza, bruno@room.test\n'),
  });
  [ada, bruno] = room.attendees as [AttendeeLab, AttendeeLab];
  // Refresh 0: every read below sees the step just done (the page itself re-reads every 2 s).
  board = createBoardApp(room, new BoardState(room, 0));
}, 30_000);
afterAll(async () => {
  await room?.stop();
});

const trainerAuth = () => ({
  authorization: `Basic ${Buffer.from(`${room.trainer.username}:${room.trainer.password}`).toString('base64')}`,
});

async function ticks(lab: AttendeeLab): Promise<Record<TickId, boolean>> {
  const answer = await board.request('/api/board.json', { headers: trainerAuth() });
  expect(answer.status).toBe(200);
  const snapshot = (await answer.json()) as BoardSnapshot;
  const row = snapshot.attendees.find((r) => r.id === lab.attendee.id)!;
  return Object.fromEntries(Object.entries(row.ticks).map(([id, tick]) => [id, tick.done])) as Record<
    TickId,
    boolean
  >;
}

const NOTHING: Record<TickId, boolean> = {
  totpEnrolled: false,
  paperTokensSeen: false,
  otpRequired: false,
  recoveryDone: false,
  exampleA: false,
  exampleB: false,
  notificationReceived: false,
};

const client = (lab: AttendeeLab) =>
  new MispClient({ baseUrl: lab.localUrl, authKey: lab.credentials.authKey });

async function logIn(web: WebClient, lab: AttendeeLab, code?: string) {
  const form = readForm((await web.get('/users/login')).text, 'UserLoginForm');
  const first = await web.request(form.action, {
    form: {
      ...form.fields,
      'data[User][email]': lab.credentials.email,
      'data[User][password]': lab.credentials.password,
    },
  });
  if (code === undefined) return first;
  const otp = readForm((await web.get('/users/otp')).text, 'UserOtpForm');
  return web.request(otp.action, { form: { ...otp.fields, 'data[User][otp]': code } });
}

describe('a room of two attendees', () => {
  it('gives each attendee a MISP of their own where they are site admin', async () => {
    expect(ada.url).not.toBe(bruno.url);
    const me = await client(ada).getMe();
    expect(me.data.User?.email).toBe('ada@room.test');
    expect(me.data.User?.role_id).toBe('1');
    expect((await client(bruno).getMe()).data.User?.email).toBe('bruno@room.test');
    // The auth key of one lab opens nothing in the other.
    const crossed = new MispClient({ baseUrl: bruno.localUrl, authKey: ada.credentials.authKey });
    expect((await crossed.getMe()).status).toBe(403);
    expect(await ticks(ada)).toEqual(NOTHING);
  });

  it('ticks each step Ada does on the board, and none for Bruno', async () => {
    const web = new WebClient(ada.localUrl);
    expect((await logIn(web, ada)).locationPath).toBe('/users/routeafterlogin');
    const page = await web.get('/users/totp_new');
    const secret = /<pre>([A-Z2-7]+)<\/pre>/.exec(page.text)![1]!;
    const enrol = readForm(page.text, 'UserTotpNewForm');
    const enrolled = await web.request(enrol.action, {
      form: { ...enrol.fields, 'data[User][otp]': await totpNow(secret, Date.now()) },
    });
    expect(enrolled.locationPath).toBe('/users/hotp');
    expect(await ticks(ada)).toMatchObject({ totpEnrolled: true, paperTokensSeen: false });

    // A paper token at the next login: the one trace of the paper tokens MISP keeps.
    const again = new WebClient(ada.localUrl);
    expect((await logIn(again, ada, await hotp(secret, 0))).locationPath).toBe('/users/routeafterlogin');
    expect(await ticks(ada)).toMatchObject({ paperTokensSeen: true });

    const misp = client(ada);
    expect((await misp.setServerSetting('Security.otp_required', true)).status).toBe(200);
    const colleague = await misp.addUser({
      email: 'colleague@room.test',
      password: 'Colleague-Pass-123',
      change_pw: false,
      role_id: '3',
    });
    expect((await misp.deleteTotp(String(colleague.data.User!.id))).status).toBe(200);
    expect(await ticks(ada)).toMatchObject({ otpRequired: true, recoveryDone: true, exampleA: false });

    // Examples A and B chained on event-publish, as the slides end.
    await misp.setServerSetting('Plugin.Workflow_enable', true);
    await misp.getPath('/workflows/editor/event-publish'); // creates the trigger's workflow (HTTP 500, as MISP)
    const chained = JSON.parse(graph('example-a-and-b')) as Record<
      string,
      { data: { id: string; module_type: string } }
    >;
    for (const node of Object.values(chained)) {
      if (node.data.module_type !== 'trigger') await misp.toggleWorkflowModule(node.data.id, true, false);
    }
    await misp.toggleWorkflowModule('event-publish', true, true);
    const workflow = (await misp.workflowsIndex()).data.find(
      (row) => row.Workflow?.trigger_id === 'event-publish',
    )!;
    const saved = await misp.editWorkflow(String(workflow.Workflow!.id), {
      name: 'Examples A and B',
      description: '',
      data: JSON.stringify(chained),
    });
    expect(saved.status).toBe(200);
    expect(await ticks(ada)).toMatchObject({ exampleA: false, exampleB: false });

    const red = await misp.addEvent({
      info: 'tlp:red shared',
      distribution: '1',
      threat_level_id: '1',
      analysis: '0',
    });
    await misp.attachTagToObject(red.data.Event!.uuid, 'tlp:red');
    await misp.publish(red.data.Event!.id, { background: false });
    expect((await misp.getEvent(red.data.Event!.id)).data.Event?.published).toBe(false);
    const ours = await misp.addEvent({
      info: 'datetime',
      distribution: '0',
      threat_level_id: '1',
      analysis: '0',
    });
    await misp.addAttribute(ours.data.Event!.id, {
      type: 'datetime',
      category: 'Other',
      value: '2026-12-01T10:00:00+00:00',
      to_ids: true,
    });
    await misp.publish(ours.data.Event!.id, { background: false });
    expect(await ticks(ada)).toMatchObject({ exampleA: true, exampleB: true, notificationReceived: false });

    await new MattermostClient(room.chat.getBaseUrl()).postToIncomingWebhook(ada.options.chat.webhookUrl, {
      text: 'Event published',
    });
    expect(await ticks(ada)).toEqual(Object.fromEntries(Object.keys(NOTHING).map((id) => [id, true])));
    expect(await ticks(bruno)).toEqual(NOTHING);
  });

  it("reads Ada's lab without changing it (the posture audit's no-write proof)", async () => {
    const before = await snapshotTarget(client(ada));
    await ticks(ada);
    await ticks(ada);
    expect(snapshotDifferences(before, await snapshotTarget(client(ada)))).toEqual([]);
  });

  it("keeps Ada's settings and workflows out of Bruno's lab", async () => {
    const other = client(bruno);
    expect((await other.getSetting('Security.otp_required')).data.value).toBe(false);
    expect((await other.getSetting('Plugin.Workflow_enable')).data.value).toBe(false);
    const workflows = await other.workflowsIndex();
    expect(JSON.stringify(workflows.data)).not.toContain('Examples A and B');
    expect((await other.eventsIndex()).data).toEqual([]);
  });

  it('resets one lab from the board while the other keeps running', async () => {
    const refused = await board.request(`/api/attendees/${ada.attendee.id}/reset`, {
      method: 'POST',
      headers: trainerAuth(),
    });
    expect(refused.status).toBe(403);
    const brunoSetting = await client(bruno).setServerSetting('Security.otp_issuer', 'Bruno was here');
    expect(brunoSetting.status).toBe(200);
    const reset = await board.request(`/api/attendees/${ada.attendee.id}/reset`, {
      method: 'POST',
      headers: { ...trainerAuth(), 'x-requested-by': 'board' },
    });
    expect(await reset.json()).toEqual({ reset: [ada.attendee.id] });
    // Same URL and credentials (the hand-out stays right), an empty MISP behind them.
    const misp = client(ada);
    expect((await misp.getMe()).data.User?.email).toBe('ada@room.test');
    expect((await misp.getSetting('Security.otp_required')).data.value).toBe(false);
    const after = await ticks(ada);
    expect({ ...after, notificationReceived: false }).toEqual(NOTHING);
    // Chat posts before the reset belong to the old lab.
    expect(after.notificationReceived).toBe(false);
    expect((await client(bruno).getSetting('Security.otp_issuer')).data.value).toBe('Bruno was here');
  });

  it("delivers a webhook post to that attendee's channel only", async () => {
    // Bruno's channel, hook and bot token were made with Mattermost's own Client4.
    expect(bruno.options.chat.channelId).not.toBe(ada.options.chat.channelId);
    await new MattermostClient(room.chat.getBaseUrl()).postToIncomingWebhook(bruno.options.chat.webhookUrl, {
      text: 'Event published',
    });
    expect((await ticks(bruno)).notificationReceived).toBe(true);
    expect((await ticks(ada)).notificationReceived).toBe(false);
  });

  it('keeps the board behind the trainer credentials', async () => {
    expect((await board.request('/api/board.json')).status).toBe(401);
    expect((await board.request('/')).status).toBe(401);
    const page = await board.request('/', { headers: trainerAuth() });
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
  });
});

describe('a room on the network (--host 0.0.0.0)', () => {
  it("gives out this machine's reachable address, never 0.0.0.0, and puts the mail page behind credentials", async () => {
    const networked = await Room.start({ attendees: parseRoster('Ada <ada@room.test>'), host: '0.0.0.0' });
    try {
      const [lab] = networked.attendees as [AttendeeLab];
      const address = reachableAddresses('0.0.0.0')[0]!;
      expect(lab.url).toBe(`http://${address}:${new URL(lab.url).port}`);
      expect(networked.mailPageFor(lab)).not.toContain('0.0.0.0');
      expect(networked.chatPageFor(lab)).not.toContain('0.0.0.0');
      const mailUrl = `http://127.0.0.1:${networked.mail.getHttpPort()}`;
      expect((await fetch(`${mailUrl}/`)).status).toBe(401);
      const { username, password } = networked.mailCredentials!;
      const authorised = await fetch(`${mailUrl}/`, {
        headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
      });
      expect(authorised.status).toBe(200);
    } finally {
      await networked.stop();
    }
  }, 30_000);
});
