/** MailHog's API through the `mailhog` npm client, the same code that reads a real MailHog. */
import mailhog from 'mailhog';
import type { Inbox, ReadMail } from './mail.ts';

export function mailhogInbox(apiUrl: string): Inbox {
  const url = new URL(apiUrl);
  const client = mailhog({
    protocol: url.protocol,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    basePath: '/api',
    // A lab on a shared network protects its mail API; the URL then carries the credentials.
    ...(url.username
      ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }
      : {}),
  });
  return {
    async list() {
      const result = await client.messages(0, 250);
      return (result?.items ?? []).map(toReadMail);
    },
    async deleteAll() {
      await client.deleteAll();
    },
  };
}

function toReadMail(item: Record<string, unknown>): ReadMail {
  const message = item as {
    ID: string;
    subject?: string;
    from?: string;
    to?: string;
    text?: string;
    html?: string;
    Raw?: { Data?: string; To?: string[] };
    Decoded?: { subject?: string; text?: string };
  };
  return {
    id: message.ID,
    from: message.from ?? '',
    to: message.Raw?.To ?? (message.to ? message.to.split(/,\s*/) : []),
    // The mailhog client keeps "_" from RFC 2047 words; our capture server adds decoded fields.
    subject: message.Decoded?.subject ?? message.subject ?? '',
    text: message.Decoded?.text ?? message.text ?? message.html ?? '',
    raw: message.Raw?.Data ?? '',
  };
}
