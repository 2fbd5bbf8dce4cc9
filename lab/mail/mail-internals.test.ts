// The pure parts of the mail service, fed the odd input real senders (and attackers) produce.
import { describe, expect, it } from 'vitest';
import { EventStreams } from './event-stream.ts';
import { buildMailHogItem } from './mailhog-item.ts';
import { MessageStore } from './message-store.ts';
import { parseContent, parseMimeBody } from './mime-content.ts';

describe('mail service: parsing untrusted messages the MailHog way', () => {
  it('splits nested multiparts, ignoring preamble and epilogue, with LF-only line ends too', () => {
    const message = [
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble to ignore',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'plain',
      '--inner--',
      '--outer',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="a.bin"',
      '',
      'AAEC',
      '--outer--',
      'epilogue to ignore',
    ].join('\n');
    const content = parseContent(message);
    const mime = parseMimeBody(content);
    expect(mime?.Parts.map((part) => part.Headers['Content-Type']?.[0])).toEqual([
      'multipart/alternative; boundary=inner',
      'application/octet-stream',
    ]);
    expect(mime?.Parts[0]?.MIME?.Parts.map((part) => part.Body)).toEqual(['plain']);
    expect(mime?.Parts[1]?.Body).toBe('AAEC');
    expect(parseMimeBody(parseContent('Content-Type: text/plain\r\n\r\n--x'))).toBeNull();
  });

  it('keeps odd headers as plain entries and treats a message without blank line as body', () => {
    const content = parseContent('__proto__: polluted\r\nconstructor: x\r\nno colon line\r\n\r\nbody');
    expect(Object.getPrototypeOf(content.Headers)).toBe(Object.prototype);
    expect(Object.entries(content.Headers)).toEqual([
      ['__proto__', ['polluted']],
      ['constructor', ['x']],
    ]);
    expect(parseContent('just text, no headers')).toMatchObject({
      Headers: {},
      Body: 'just text, no headers',
    });
  });

  it('maps source routes and the null sender like MailHog', () => {
    const decoded = { subject: '', from: '', to: '', text: '', html: '' };
    const item = buildMailHogItem(
      Buffer.from('Subject: x\r\n\r\nbody\r\n'),
      {
        mailFrom: '',
        rcptTo: ['@relay.example:user@org.example'],
        helo: 'client.example',
      },
      decoded,
    );
    expect(item.From).toEqual({ Relays: null, Mailbox: '', Domain: '', Params: '' });
    expect(item.To).toEqual([
      { Relays: ['@relay.example'], Mailbox: 'user', Domain: 'org.example', Params: '' },
    ]);
    expect(item.Content.Headers['Message-ID']).toEqual([item.ID]);
    expect(item.Content.Headers['Received']?.[0]).toMatch(
      /^from client\.example by mailhog\.example \(MailHog\)/,
    );
  });
});

describe('mail service: event streams', () => {
  it('drops the subscription of an event stream whose client went away', async () => {
    const store = new MessageStore(10);
    const streams = new EventStreams(store);
    const body = streams.open().body as ReadableStream<Uint8Array>;
    expect(streams.openCount).toBe(1);
    await body.cancel();
    expect(streams.openCount).toBe(0);
    const raw = Buffer.from('Subject: later\r\n\r\nx');
    const decoded = { subject: 'later', from: '', to: '', text: 'x', html: '' };
    store.add({
      item: buildMailHogItem(raw, { mailFrom: 'a@b.example', rcptTo: [], helo: 'h' }, decoded),
      raw,
    });
    expect(store.count).toBe(1);
  });
});
