// The embedded mail service, driven like the real MailHog: mail goes in over real SMTP
// (nodemailer), comes out through the `mailhog` npm client and plain HTTP.
import { createServer, type AddressInfo } from 'node:net';
import mailhog from 'mailhog';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailService, type StartedMailService } from '../../lab/mail/mail-service.ts';
import { sendTo as send } from './support/smtp-send.ts';
import type { MailHogItem } from '../../lab/mail/mailhog-item.ts';

const SUBJECT = 'Grüße aus Köln — Bestätigung_nötig';

function clientFor(service: StartedMailService) {
  return mailhog({ host: '127.0.0.1', port: service.getHttpPort() });
}

async function getJson<T>(service: StartedMailService, path: string): Promise<T> {
  const response = await fetch(service.getHttpUrl() + path);
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** The `mailhog` client's items are this service's items with getters added. */
function asItem(message: unknown): MailHogItem {
  return message as MailHogItem;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('mail service: MailHog API over captured SMTP mail', () => {
  let mail: StartedMailService;

  beforeAll(async () => {
    mail = await MailService.start();
  });
  afterAll(() => mail.stop());
  beforeEach(() => mail.clear());

  it('captures a multipart text+html message with an RFC 2047 subject in MailHog item shape', async () => {
    const info = await send(mail, {
      from: 'Jürgen Müller <alerts@misp.example>',
      to: 'Analyst One <analyst@org.example>',
      envelope: { from: 'bounce@misp.example', to: ['analyst@org.example', 'audit@org.example'] },
      subject: SUBJECT,
      text: 'Event 42 was published.\nPlease review: größer als erwartet.',
      html: '<p>Event <b>42</b> was published.</p>',
    });

    const items = await getJson<MailHogItem[]>(mail, '/api/v1/messages');
    expect(items).toHaveLength(1);
    const [item] = items as [MailHogItem];
    expect(info.response).toBe(`250 Ok: queued as ${item.ID}`);
    expect(item.ID).toMatch(/^[\w-]+@mailhog\.example$/);
    expect(item.From).toEqual({ Relays: null, Mailbox: 'bounce', Domain: 'misp.example', Params: '' });
    expect(item.To).toEqual([
      { Relays: null, Mailbox: 'analyst', Domain: 'org.example', Params: '' },
      { Relays: null, Mailbox: 'audit', Domain: 'org.example', Params: '' },
    ]);
    expect(item.Raw).toMatchObject({
      From: 'bounce@misp.example',
      To: ['analyst@org.example', 'audit@org.example'],
    });
    expect(item.Raw.Helo).not.toBe('');
    expect(new Date(item.Created).toISOString()).toBe(item.Created);

    // Headers stay as sent: the subject is still an RFC 2047 encoded word.
    expect(item.Content.Headers['Subject']?.[0]).toMatch(/^=\?UTF-8\?Q\?/);
    expect(item.Content.Headers['Content-Type']?.[0]).toMatch(/^multipart\/alternative; boundary=/);
    expect(item.Content.Headers['Return-Path']).toEqual(['<bounce@misp.example>']);
    expect(item.Content.MIME).toBeNull();
    expect(item.Content.Size).toBe(Buffer.byteLength(item.Raw.Data));
    expect(item.Raw.Data).toContain(item.Content.Body);

    const parts = item.MIME?.Parts ?? [];
    expect(parts.map((part) => part.Headers['Content-Type']?.[0])).toEqual([
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(parts[0]?.Headers['Content-Transfer-Encoding']).toEqual(['quoted-printable']);
    expect(parts[0]?.Body).toContain('gr=C3=B6=C3=9Fer'); // still encoded
    expect(parts.every((part) => part.MIME === null)).toBe(true);

    expect(item.Decoded).toEqual({
      subject: SUBJECT,
      from: '"Jürgen Müller" <alerts@misp.example>',
      to: '"Analyst One" <analyst@org.example>',
      text: 'Event 42 was published.\nPlease review: größer als erwartet.',
      html: '<p>Event <b>42</b> was published.</p>',
    });
  });

  it('serves the mailhog npm client: messages, decoded text and html, attachments', async () => {
    await send(mail, { from: 'a@misp.example', to: 'first@org.example', subject: 'First', text: 'one' });
    await send(mail, {
      from: 'b@misp.example',
      to: 'second@org.example',
      subject: 'Second',
      text: 'zwei – two',
      html: '<p>zwei – two</p>',
      attachments: [{ filename: 'report.txt', content: 'attached evidence' }],
    });

    const result = await clientFor(mail).messages();
    expect(result).toMatchObject({ total: 2, count: 2, start: 0 });
    const [newest, oldest] = result?.items ?? [];
    expect(oldest?.subject).toBe('First');
    expect(oldest?.text).toBe('one');
    expect(newest?.subject).toBe('Second');
    expect(newest?.attachments.map((attachment) => attachment.name)).toEqual(['report.txt']);
    // multipart/mixed holds the text+html alternative as a nested MIME body.
    const nested = newest?.MIME.Parts[0] as unknown as MailHogItem['Content'];
    expect(nested.MIME?.Parts.map((part) => part.Headers['Content-Type']?.[0])).toEqual([
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(mail.getMessageCount()).toBe(2);
  });

  it('searches by from, to and content, newest first, like MailHog', async () => {
    const client = clientFor(mail);
    await send(mail, {
      from: 'misp@misp.example',
      to: 'alice@org.example',
      subject: 'Alpha',
      text: 'IOC 10.0.0.1',
    });
    await send(mail, { from: 'misp@misp.example', to: 'bob@org.example', subject: 'Beta', text: 'nothing' });
    await send(mail, { from: 'other@else.example', to: 'Alice@Org.example', subject: SUBJECT, text: 'x' });

    const fromMisp = await client.search('MISP@misp.example', 'from');
    expect(fromMisp?.items.map((item) => item.subject)).toEqual(['Beta', 'Alpha']);
    const toAlice = await client.search('alice@org', 'to');
    expect(toAlice?.total).toBe(2);
    expect(asItem(await client.latestTo('alice@org.example')).Decoded.subject).toBe(SUBJECT);
    expect((await client.latestTo('bob@org.example'))?.subject).toBe('Beta');
    expect((await client.search('ioc 10.0.0.1', 'containing'))?.items.map((item) => item.subject)).toEqual([
      'Alpha',
    ]);
    // Extension: content search also sees decoded text, so a non-ASCII subject is findable.
    expect(asItem(await client.latestContaining('Grüße aus Köln')).To[0]?.Mailbox).toBe('Alice');
    expect(await client.search('nobody@nowhere', 'to')).toMatchObject({ total: 0, count: 0, items: [] });

    const paged = await getJson<{ total: number; count: number; start: number; items: MailHogItem[] }>(
      mail,
      '/api/v2/search?kind=from&query=misp%40misp.example&start=1&limit=5',
    );
    expect(paged).toMatchObject({ total: 2, count: 1, start: 1 });
    expect(paged.items[0]?.Decoded.subject).toBe('Alpha');
  });

  it('pages /api/v2/messages with start and limit, and refuses bad values with 400', async () => {
    for (const subject of ['m1', 'm2', 'm3'])
      await send(mail, { from: 'a@x.example', to: 'b@x.example', subject });
    const page = await getJson<{ total: number; count: number; start: number; items: MailHogItem[] }>(
      mail,
      '/api/v2/messages?start=1&limit=1',
    );
    expect(page).toMatchObject({ total: 3, count: 1, start: 1 });
    expect(page.items[0]?.Decoded.subject).toBe('m2');
    const beyond = await getJson<{ count: number; items: unknown[] }>(mail, '/api/v2/messages?start=7');
    expect(beyond).toMatchObject({ count: 0, items: [] });

    for (const query of ['start=-1', 'start=abc', 'limit=0', 'limit=2.5']) {
      const response = await fetch(`${mail.getHttpUrl()}/api/v2/messages?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toMatch(/^mail service: (start|limit) must be a/);
    }
    const badKind = await fetch(`${mail.getHttpUrl()}/api/v2/search?kind=subject&query=x`);
    expect(badKind.status).toBe(400);
    expect(await badKind.text()).toContain('kind must be one of from, to, containing');
  });

  it('serves v1 message, raw .eml download and 404 for unknown ids', async () => {
    const raw = [
      'From: Sender <sender@misp.example>',
      'To: rcpt@org.example',
      'Subject: =?UTF-8?B?UmFwcG9ydCDDvGJlciBFcmVpZ25pcw==?=',
      'X-Long: first part',
      '\tsecond part',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Körper des Berichts').toString('base64'),
      '',
    ].join('\r\n');
    await send(mail, { envelope: { from: 'sender@misp.example', to: ['rcpt@org.example'] }, raw });
    const [listed] = await getJson<MailHogItem[]>(mail, '/api/v1/messages');
    const id = encodeURIComponent(listed?.ID ?? '');

    const item = await getJson<MailHogItem>(mail, `/api/v1/messages/${id}`);
    // As on MailHog, the line break before the DATA terminator is not part of the message data.
    expect(item.Raw.Data).toBe(raw.slice(0, -2));
    expect(item.Content.Headers['X-Long']).toEqual(['first part\tsecond part']);
    expect(item.Content.Body).toBe(Buffer.from('Körper des Berichts').toString('base64'));
    expect(item.MIME).toBeNull();
    expect(item.Decoded).toMatchObject({ subject: 'Rapport über Ereignis', text: 'Körper des Berichts' });

    const download = await fetch(`${mail.getHttpUrl()}/api/v1/messages/${id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('message/rfc822');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${item.ID}.eml"`);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe(raw);

    for (const path of ['/api/v1/messages/nope', '/api/v1/messages/nope/download', '/view/nope']) {
      expect((await fetch(mail.getHttpUrl() + path)).status, path).toBe(404);
    }
    const deleteUnknown = await fetch(`${mail.getHttpUrl()}/api/v1/messages/nope`, { method: 'DELETE' });
    expect(deleteUnknown.status).toBe(404);
    expect(await deleteUnknown.text()).toContain('no message with id "nope"');
  });

  it('captures a message without headers and with invalid UTF-8, and still serves it', async () => {
    const raw = Buffer.concat([
      Buffer.from('no header block here '),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.from('\r\n'),
    ]);
    await send(mail, { envelope: { from: 'odd@misp.example', to: ['rcpt@org.example'] }, raw });
    const [item] = await getJson<MailHogItem[]>(mail, '/api/v1/messages');
    expect(item?.Content.Headers).toMatchObject({ 'Return-Path': ['<odd@misp.example>'] });
    expect(item?.Content.Body).toMatch(/^no header block here /);
    const download = await fetch(
      `${mail.getHttpUrl()}/api/v1/messages/${encodeURIComponent(item?.ID ?? '')}/download`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(raw);
    expect((await fetch(mail.getHttpUrl() + '/')).status).toBe(200);
  });

  it('deletes one message and all messages through the mailhog client', async () => {
    const client = clientFor(mail);
    for (const to of ['one@org.example', 'two@org.example', 'three@org.example']) {
      await send(mail, { from: 'a@misp.example', to, subject: to, text: 'x' });
    }
    const two = await client.latestTo('two@org.example');
    expect((await client.deleteMessage(two?.ID ?? '')).statusCode).toBe(200);
    expect((await client.messages())?.items.map((item) => item.subject)).toEqual([
      'three@org.example',
      'one@org.example',
    ]);
    expect((await client.deleteAll()).statusCode).toBe(200);
    expect(await client.messages()).toMatchObject({ total: 0, count: 0 });
    expect(mail.getMessageCount()).toBe(0);
  });

  it('shows an escaped inbox page and a decoded view of one message', async () => {
    await send(mail, {
      from: '"<b>Evil</b>" <evil@attacker.example>',
      to: 'victim@org.example',
      subject: '<script>alert(1)</script> Köln',
      text: 'Click <img src=x onerror=alert(2)> & more',
      html: '<script>alert(3)</script>',
    });
    const inbox = await fetch(mail.getHttpUrl() + '/');
    expect(inbox.headers.get('content-type')).toMatch(/^text\/html/);
    expect(inbox.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await inbox.text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Köln');
    expect(page).toContain('&lt;b&gt;Evil&lt;/b&gt;');
    // The page's one script is its own live refresh, allowed by the nonce in its policy.
    const nonce = /'nonce-([^']+)'/.exec(inbox.headers.get('content-security-policy')!)![1];
    const ownScript = new RegExp(`<script nonce="${nonce!.replace(/[+/=]/g, '\\$&')}">[\\s\\S]*?</script>`);
    expect(page).toMatch(ownScript);
    expect(page.replace(ownScript, '')).not.toMatch(/<script|<b>Evil/);
    const viewLink = /href="(\/view\/[^"]+)"/.exec(page)?.[1] ?? '';
    expect(page).toMatch(/href="\/api\/v1\/messages\/[^"]+\/download"/);

    const view = await (await fetch(mail.getHttpUrl() + viewLink.replaceAll('&amp;', '&'))).text();
    expect(view).toContain('Click &lt;img src=x onerror=alert(2)&gt; &amp; more');
    expect(view).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(view).not.toMatch(/<script|<img/);
  });
});

describe('mail service: events, limits and lifecycle', () => {
  it('streams each new message on /api/v1/events and ends the stream on stop()', async () => {
    const mail = await MailService.start();
    try {
      const response = await fetch(`${mail.getHttpUrl()}/api/v1/events`);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const events = new EventReader(reader);

      await send(mail, { from: 'a@misp.example', to: 'watcher@org.example', subject: 'Live', text: 'now' });
      const item = JSON.parse(String(await events.nextData())) as MailHogItem;
      const [stored] = await getJson<MailHogItem[]>(mail, '/api/v1/messages');
      expect(item).toEqual(stored);
      expect(item.Decoded.subject).toBe('Live');

      await mail.stop();
      expect(await events.nextData()).toBeUndefined();
    } finally {
      await mail.stop();
    }
  });

  it('refuses a message over the size limit with SMTP 552 and stores nothing', async () => {
    const mail = await MailService.start({ maxMessageBytes: 2048 });
    try {
      const error = await send(mail, {
        from: 'a@misp.example',
        to: 'b@org.example',
        text: 'x'.repeat(10_000),
      }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toMatch(/552|size/i);
      expect(mail.getMessageCount()).toBe(0);
      await send(mail, { from: 'a@misp.example', to: 'b@org.example', text: 'small' });
      expect(mail.getMessageCount()).toBe(1);
    } finally {
      await mail.stop();
    }
  });

  it('keeps at most maxMessages, dropping the oldest', async () => {
    const mail = await MailService.start({ maxMessages: 2 });
    try {
      for (const subject of ['old', 'middle', 'new'])
        await send(mail, { from: 'a@x.example', to: 'b@x.example', subject });
      const items = await getJson<MailHogItem[]>(mail, '/api/v1/messages');
      expect(items.map((item) => item.Decoded.subject)).toEqual(['new', 'middle']);
    } finally {
      await mail.stop();
    }
  });

  it('rejects a port in use with a clear error and leaves nothing bound behind', async () => {
    const first = await MailService.start();
    try {
      await expect(MailService.start({ smtpPort: first.getSmtpPort() })).rejects.toThrow(
        `mail service: SMTP port ${first.getSmtpPort()} is already in use`,
      );
      const smtpPort = await freePort();
      await expect(MailService.start({ smtpPort, httpPort: first.getHttpPort() })).rejects.toThrow(
        `mail service: HTTP port ${first.getHttpPort()} is already in use`,
      );
      // The SMTP listener of the failed start was closed again.
      const retry = await MailService.start({ smtpPort });
      await retry.stop();
      await expect(MailService.start({ smtpPort: 70000 })).rejects.toThrow(/smtpPort must be an integer/);
    } finally {
      await first.stop();
    }
  });

  it('stop() frees both ports, is idempotent, and a new service can start on them', async () => {
    const first = await MailService.start();
    const smtpPort = first.getSmtpPort();
    const httpPort = first.getHttpPort();
    expect(first.getHttpUrl()).toBe(`http://127.0.0.1:${httpPort}`);
    await send(first, { from: 'a@x.example', to: 'b@x.example', subject: 'before' });
    await fetch(`${first.getHttpUrl()}/api/v2/messages`); // leaves a keep-alive connection open
    await Promise.all([first.stop(), first.stop()]);
    await first.stop();

    const second = await MailService.start({ smtpPort, httpPort });
    try {
      expect(second.getSmtpPort()).toBe(smtpPort);
      expect(second.getHttpPort()).toBe(httpPort);
      await send(second, { from: 'a@x.example', to: 'b@x.example', subject: 'after' });
      const items = await getJson<MailHogItem[]>(second, '/api/v1/messages');
      expect(items.map((item) => item.Decoded.subject)).toEqual(['after']);
    } finally {
      await second.stop();
    }
  });
});

/** Reads server-sent events; nextData() gives the data of the next event, undefined once the stream ends. */
class EventReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async nextData(): Promise<string | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart());
        if (data.length > 0) return data.join('\n');
        continue; // a comment or keep-alive
      }
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }
}
