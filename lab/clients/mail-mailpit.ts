/**
 * Mailpit's REST API (axllent/mailpit): the list gives summaries, so each message's decoded text
 * and raw source are fetched by id. Subjects and addresses arrive decoded.
 */
import type { Inbox, ReadMail } from './mail.ts';

interface MailpitAddress {
  Name?: string;
  Address?: string;
}

interface MailpitSummary {
  ID: string;
  From?: MailpitAddress;
  To?: MailpitAddress[];
  Subject?: string;
}

export function mailpitInbox(apiUrl: string): Inbox {
  const base = apiUrl.replace(/\/+$/, '');
  const request = async (path: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (!response.ok)
      throw new Error(`Mailpit ${init?.method ?? 'GET'} ${path} answered HTTP ${response.status}`);
    return response;
  };
  return {
    async list() {
      const page = (await (await request('/api/v1/messages?limit=250')).json()) as {
        messages?: MailpitSummary[];
      };
      return Promise.all(
        (page.messages ?? []).map(async (summary): Promise<ReadMail> => {
          const message = (await (
            await request(`/api/v1/message/${encodeURIComponent(summary.ID)}`)
          ).json()) as {
            Text?: string;
            HTML?: string;
          };
          const raw = await (await request(`/api/v1/message/${encodeURIComponent(summary.ID)}/raw`)).text();
          return {
            id: summary.ID,
            from: summary.From?.Address ?? '',
            to: (summary.To ?? []).map((a) => a.Address ?? '').filter(Boolean),
            subject: summary.Subject ?? '',
            text: message.Text ?? message.HTML ?? '',
            raw,
          };
        }),
      );
    },
    async deleteAll() {
      await request('/api/v1/messages', {
        method: 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: [] }),
      });
    },
  };
}
