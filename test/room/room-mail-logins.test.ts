/**
 * A room on a network: every attendee has a login of their own that reads their mailbox only,
 * on the mail API and pages alike, and their chat channel only; the trainer's reads all. Each
 * attendee's bot token reads their channel only. Another
 * attendee's message answers 404 like an unknown id (a 403 would confirm it exists), lists and
 * searches leave it out, the live stream does not carry it, and only the trainer may clear the
 * catcher. A wrong or missing login answers 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Room, type Credentials } from '../../lab/room/room.ts';
import { parseRoster } from '../../lab/room/roster.ts';
import { senderAddress, type AttendeeLab } from '../../lab/room/attendee-lab.ts';
import { createBoardApp } from '../../lab/room/board-server.ts';
import { sendTo } from '../lab/support/smtp-send.ts';

let room: Room;
let ada: AttendeeLab;
let bruno: AttendeeLab;
let mailUrl: string;

const basic = ({ username, password }: Credentials) => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});
const get = (path: string, login?: Credentials) =>
  fetch(`${mailUrl}${path}`, { headers: login ? basic(login) : {} });
const subjects = async (path: string, login: Credentials) => {
  const answer = (await (await get(path, login)).json()) as
    | Array<{ Content: { Headers: { Subject: string[] } } }>
    | { items: Array<{ Content: { Headers: { Subject: string[] } } }> };
  const items = Array.isArray(answer) ? answer : answer.items;
  return items.map((item) => item.Content.Headers.Subject[0]).sort();
};

beforeAll(async () => {
  room = await Room.start({
    attendees: parseRoster('Ada <ada@room.test>\nBruno <bruno@room.test>'),
    host: '0.0.0.0',
  });
  [ada, bruno] = room.attendees as [AttendeeLab, AttendeeLab];
  mailUrl = `http://127.0.0.1:${room.mail.getHttpPort()}`;
  for (const lab of [ada, bruno])
    await sendTo(room.mail, {
      from: senderAddress(lab.attendee),
      to: lab.attendee.email,
      subject: `For ${lab.attendee.name}`,
      text: 'a workflow notification',
    });
}, 30_000);
afterAll(() => room?.stop());

describe('mail logins in a room on the network', () => {
  it('gives each attendee a login of their own, on their hand-out, distinct from the trainer', async () => {
    const adaLogin = room.loginFor(ada)!;
    const brunoLogin = room.loginFor(bruno)!;
    expect(adaLogin.username).toBe(ada.attendee.id);
    expect(new Set([adaLogin.password, brunoLogin.password, room.trainer.password]).size).toBe(3);
    expect(room.mailCredentials).toEqual(room.trainer);
    const board = createBoardApp(room);
    const handout = await board.request(`/handouts/${ada.attendee.id}/en.html`, {
      headers: basic(room.trainer),
    });
    const html = await handout.text();
    expect(html).toContain(`${adaLogin.username} / ${adaLogin.password}`);
    expect(html).not.toContain(brunoLogin.password);
  });

  it('shows an attendee only their own mail, whatever they ask for', async () => {
    const adaLogin = room.loginFor(ada)!;
    expect(await subjects('/api/v1/messages', adaLogin)).toEqual(['For Ada']);
    expect(await subjects('/api/v2/messages', adaLogin)).toEqual(['For Ada']);
    expect(await subjects(`/api/v2/search?kind=to&query=${bruno.attendee.email}`, adaLogin)).toEqual([]);
    // Bruno's mailbox asked for on the page: still Ada's mail, never Bruno's.
    const page = await (await get(`/?address=${encodeURIComponent(bruno.attendee.email)}`, adaLogin)).text();
    expect(page).not.toContain('For Bruno');
    const mine = await (await get('/', adaLogin)).text();
    expect(mine).toContain('For Ada');
  });

  it("answers another attendee's message id as unknown, and lets only the trainer clear the catcher", async () => {
    const adaLogin = room.loginFor(ada)!;
    const all = (await (await get('/api/v1/messages', room.trainer)).json()) as Array<{
      ID: string;
      Content: { Headers: { Subject: string[] } };
    }>;
    expect(all.map((item) => item.Content.Headers.Subject[0]).sort()).toEqual(['For Ada', 'For Bruno']);
    const brunos = all.find((item) => item.Content.Headers.Subject[0] === 'For Bruno')!.ID;
    for (const path of [
      `/api/v1/messages/${brunos}`,
      `/api/v1/messages/${brunos}/download`,
      `/view/${brunos}`,
    ])
      expect((await get(path, adaLogin)).status, path).toBe(404);
    const deleteAs = (login: Credentials, path: string) =>
      fetch(`${mailUrl}${path}`, { method: 'DELETE', headers: basic(login) });
    expect((await deleteAs(adaLogin, `/api/v1/messages/${brunos}`)).status).toBe(404);
    expect((await deleteAs(adaLogin, '/api/v1/messages')).status).toBe(403);
    expect(await subjects('/api/v1/messages', room.trainer)).toEqual(['For Ada', 'For Bruno']);
  });

  it('refuses a missing login, a wrong password, and one attendee name with another password', async () => {
    const adaLogin = room.loginFor(ada)!;
    const brunoLogin = room.loginFor(bruno)!;
    expect((await get('/api/v1/messages')).status).toBe(401);
    expect((await get('/api/v1/messages', { ...adaLogin, password: 'wrong' })).status).toBe(401);
    expect((await get('/api/v1/messages', { ...adaLogin, password: brunoLogin.password })).status).toBe(401);
  });

  it('streams an attendee only their own new mail', async () => {
    const adaLogin = room.loginFor(ada)!;
    const controller = new AbortController();
    const stream = await fetch(`${mailUrl}/api/v1/events`, {
      headers: basic(adaLogin),
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received.push(decoder.decode(value));
        if (received.join('').includes('Second for Ada')) return;
      }
    })();
    for (const [lab, subject] of [
      [bruno, 'Second for Bruno'],
      [ada, 'Second for Ada'],
    ] as const)
      await sendTo(room.mail, {
        from: senderAddress(lab.attendee),
        to: lab.attendee.email,
        subject,
        text: '.',
      });
    await reading;
    controller.abort();
    expect(received.join('')).toContain('Second for Ada');
    expect(received.join('')).not.toContain('Second for Bruno');
  });
});

describe('chat logins in a room on the network', () => {
  const chatUrl = () => `http://127.0.0.1:${room.chat.getPort()}`;
  const page = (lab: AttendeeLab, login?: Credentials) =>
    fetch(room.chatPageFor(lab).replace(/^http:\/\/[^/]+/, chatUrl()), {
      headers: login ? basic(login) : {},
    });

  it("shows an attendee their own channel's page and answers another's as missing", async () => {
    const adaLogin = room.loginFor(ada)!;
    expect((await page(ada)).status).toBe(401);
    expect((await page(ada, adaLogin)).status).toBe(200);
    expect((await page(bruno, adaLogin)).status).toBe(404);
    expect((await page(bruno, room.trainer)).status).toBe(200);
    const index = await (await fetch(`${chatUrl()}/`, { headers: basic(adaLogin) })).text();
    expect(index).toContain('MISP alerts · Ada');
    expect(index).not.toContain('MISP alerts · Bruno');
  });

  it("gives each attendee a bot of their own whose token cannot read another's channel", async () => {
    const posts = (lab: AttendeeLab, token: string) =>
      fetch(`${chatUrl()}/api/v4/channels/${lab.options.chat.channelId}/posts`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await posts(ada, ada.options.chat.botToken)).status).toBe(200);
    expect((await posts(bruno, ada.options.chat.botToken)).status).toBe(403);
  });
});
