/**
 * Mailpit's REST API (axllent/mailpit) through `mailpit-api`, the maintained TypeScript client:
 * the list gives summaries, so each message's decoded text and raw source are fetched by id.
 * Subjects and addresses arrive decoded. Credentials in the URL become the client's Basic auth.
 */
import { MailpitClient } from 'mailpit-api';
import type { Inbox, ReadMail } from './mail.ts';

const REQUEST_TIMEOUT_MS = 10_000;

export function mailpitInbox(apiUrl: string): Inbox {
  const url = new URL(apiUrl);
  const auth = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/+$/, '');
  // A fresh client per call: its timeout signal covers that call only.
  const client = () =>
    new MailpitClient(base, {
      ...(auth ? { auth } : {}),
      fetchOptions: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
    });
  return {
    async list() {
      const mailpit = client();
      const page = await mailpit.listMessages(0, 250);
      return Promise.all(
        (page.messages ?? []).map(async (summary): Promise<ReadMail> => {
          const message = await mailpit.getMessageSummary(summary.ID);
          return {
            id: summary.ID,
            from: summary.From?.Address ?? '',
            to: (summary.To ?? []).map((a) => a.Address ?? '').filter(Boolean),
            subject: summary.Subject ?? '',
            text: message.Text || message.HTML || '',
            raw: await mailpit.getMessageSource(summary.ID),
          };
        }),
      );
    },
    async deleteAll() {
      // No IDs: Mailpit deletes every message.
      await client().deleteMessages({ IDs: [] });
    },
  };
}
