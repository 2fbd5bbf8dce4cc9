/**
 * Mail as the harness reads it: the MailHog API through the `mailhog` npm client, the same code
 * that reads a real MailHog. Waiting polls until a message matches or the time is up.
 */
import mailhog from 'mailhog';

export interface ReadMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

type MailhogClient = ReturnType<typeof mailhog>;

export class MailClient {
  private readonly client: MailhogClient;

  constructor(private readonly apiUrl: string) {
    const url = new URL(apiUrl);
    this.client = mailhog({
      protocol: url.protocol,
      host: url.hostname,
      port: Number(url.port || 80),
      basePath: '/api',
    });
  }

  async all(): Promise<ReadMail[]> {
    const result = await this.client.messages(0, 250);
    return (result?.items ?? []).map(toReadMail);
  }

  async waitFor(predicate: (mail: ReadMail) => boolean, what: string, timeoutMs = 15_000): Promise<ReadMail> {
    const deadline = Date.now() + timeoutMs;
    let seen: ReadMail[] = [];
    while (Date.now() < deadline) {
      seen = await this.all();
      const found = seen.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    const summary = seen.map((m) => `"${m.subject}" to ${m.to.join(',')}`).join('; ') || 'no mail at all';
    throw new Error(`no mail ${what} within ${timeoutMs} ms (mail API ${this.apiUrl} had: ${summary})`);
  }

  async deleteAll(): Promise<void> {
    await this.client.deleteAll();
  }
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
