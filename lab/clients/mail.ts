/**
 * Mail as the harness reads it, from the catcher MISP delivers to: MailHog through the `mailhog`
 * npm client (the lab's own catcher speaks MailHog's API), or Mailpit, MailHog's maintained
 * successor, through its REST API. Waiting polls until a message matches or the time is up.
 */
import { mailhogInbox } from './mail-mailhog.ts';
import { mailpitInbox } from './mail-mailpit.ts';

export interface ReadMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

export type MailApiKind = 'mailhog' | 'mailpit';

/** One catcher's API: the newest messages (decoded) and a way to empty it. */
export interface Inbox {
  list(): Promise<ReadMail[]>;
  deleteAll(): Promise<void>;
}

function noInbox(): Inbox {
  const refuse = () => Promise.reject(new Error('this run has no mail API (MAIL_API_URL is not set)'));
  return { list: refuse, deleteAll: refuse };
}

export class MailClient {
  private readonly inbox: Inbox;

  constructor(
    private readonly apiUrl: string,
    kind: MailApiKind = 'mailhog',
  ) {
    // A posture audit has no mail catcher: any use then says so instead of failing at start.
    this.inbox = !apiUrl ? noInbox() : kind === 'mailpit' ? mailpitInbox(apiUrl) : mailhogInbox(apiUrl);
  }

  all(): Promise<ReadMail[]> {
    return this.inbox.list();
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

  deleteAll(): Promise<void> {
    return this.inbox.deleteAll();
  }
}

export function parseMailApiKind(value: string | undefined): MailApiKind {
  if (value === undefined || value === '' || value === 'mailhog') return 'mailhog';
  if (value === 'mailpit') return 'mailpit';
  throw new Error(`MAIL_API_KIND must be mailhog or mailpit, got "${value}"`);
}
