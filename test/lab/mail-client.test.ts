import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import nodemailer from 'nodemailer';
import { MailClient, parseMailApiKind } from '../../lab/clients/mail.ts';
import { MailService, type StartedMailService } from '../../lab/mail/mail-service.ts';

describe('MailClient on a MailHog API (the lab catcher)', () => {
  let mail: StartedMailService;
  beforeAll(async () => {
    mail = await MailService.start();
  });
  afterAll(() => mail.stop());

  it('reads a message sent over SMTP, decoded, and waits for one that matches', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: mail.getSmtpPort(),
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'misp@lab.test',
      to: 'admin@lab.test',
      subject: 'Événement publié',
      text: 'hello',
    });
    transport.close();
    const client = new MailClient(mail.getHttpUrl());
    const found = await client.waitFor((m) => m.subject === 'Événement publié', 'with the subject');
    expect(found.to).toEqual(['admin@lab.test']);
    expect(found.text.trim()).toBe('hello');
    await client.deleteAll();
    expect(await client.all()).toEqual([]);
  });

  it('says what it saw when nothing matches in time', async () => {
    await expect(new MailClient(mail.getHttpUrl()).waitFor(() => false, 'to nobody', 300)).rejects.toThrow(
      /no mail to nobody within 300 ms/,
    );
  });
});

/**
 * A stand-in answering like Mailpit's REST API (Mailpit itself cannot run on this machine), in the
 * shapes of Mailpit's API docs; the client under it is the `mailpit-api` package.
 */
describe('MailClient on a Mailpit API', () => {
  let server: Server;
  let url = '';
  let deleted: unknown = null;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const send = (body: unknown, type = 'application/json') => {
        res.writeHead(200, { 'content-type': type });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.method === 'GET' && req.url === '/api/v1/messages?start=0&limit=250') {
        return send({
          total: 1,
          unread: 1,
          count: 1,
          start: 0,
          messages: [
            {
              ID: 'abc',
              From: { Name: 'MISP', Address: 'misp@lab.test' },
              To: [{ Name: '', Address: 'admin@lab.test' }],
              Subject: 'Email OTP',
            },
          ],
        });
      }
      if (req.url === '/api/v1/message/abc')
        return send({ ID: 'abc', Text: 'Your code is 123456', HTML: '' });
      if (req.url === '/api/v1/message/abc/raw')
        return send('Subject: Email OTP\r\n\r\nYour code is 123456', 'text/plain');
      if (req.method === 'DELETE' && req.url === '/api/v1/messages') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          deleted = JSON.parse(body);
          send('ok', 'text/plain');
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('maps Mailpit messages to the same shape and deletes all', async () => {
    const client = new MailClient(url, 'mailpit');
    const [message] = await client.all();
    expect(message).toEqual({
      id: 'abc',
      from: 'misp@lab.test',
      to: ['admin@lab.test'],
      subject: 'Email OTP',
      text: 'Your code is 123456',
      raw: 'Subject: Email OTP\r\n\r\nYour code is 123456',
    });
    await client.deleteAll();
    expect(deleted).toEqual({ IDs: [] }); // Mailpit's documented field: no IDs deletes every message
  });

  it('refuses an unknown API kind by name', () => {
    expect(parseMailApiKind('mailpit')).toBe('mailpit');
    expect(() => parseMailApiKind('mailcatcher')).toThrow(/MAIL_API_KIND must be mailhog or mailpit/);
  });
});
