// The mail catcher under large mail (issue 10, defect 6): memory stays under its cap because
// older messages move to files, the oldest are dropped past the total cap, and listings keep
// answering with every body intact.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService, type StartedMailService } from '../../../lab/mail/mail-service.ts';
import { MessageStore } from '../../../lab/mail/message-store.ts';
import type { MailHogItem } from '../../../lab/mail/mailhog-item.ts';
import { sendTo } from '../support/smtp-send.ts';

const MB = 1024 * 1024;
let mail: StartedMailService;
beforeAll(async () => {
  mail = await MailService.start({ maxMemoryBytes: 4 * MB, maxTotalBytes: 60 * MB });
});
afterAll(() => mail.stop());

const spillFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('misp-lab-mail-'));

async function sendBig(index: number, bytes: number): Promise<void> {
  await sendTo(mail, {
    from: 'misp@lab.test',
    to: 'admin@lab.test',
    subject: `big ${index}`,
    text: `${index}:`.padEnd(bytes, String(index % 10)),
  });
}

describe('mail catcher memory', () => {
  it(
    'keeps memory under its cap, drops the oldest past the total cap, and still lists every body',
    { timeout: 90_000 },
    async () => {
      const foldersBefore = spillFolders().length;
      for (let i = 0; i < 12; i += 1) await sendBig(i, 1.5 * MB);
      const store = (mail as unknown as { running: { store: MessageStore } }).running.store;
      expect(store.usage.memoryBytes).toBeLessThanOrEqual(4 * MB);
      expect(store.usage.totalBytes).toBeLessThanOrEqual(60 * MB);
      expect(mail.getMessageCount()).toBeLessThan(12);
      expect(mail.getMessageCount()).toBeGreaterThan(3);

      const list = await fetch(`${mail.getHttpUrl()}/api/v1/messages`);
      expect(list.status).toBe(200);
      const items = (await list.json()) as MailHogItem[];
      expect(items.map((item) => item.Content.Headers.Subject?.[0])).toEqual(
        Array.from({ length: items.length }, (_, k) => `big ${11 - k}`),
      );
      expect(items.every((item) => item.Content.Body.length > 1.4 * MB)).toBe(true);

      const paged = (await (await fetch(`${mail.getHttpUrl()}/api/v2/messages?start=1&limit=2`)).json()) as {
        total: number;
        count: number;
        items: MailHogItem[];
      };
      expect([paged.total, paged.count, paged.items.length]).toEqual([items.length, 2, 2]);
      const found = (await (
        await fetch(`${mail.getHttpUrl()}/api/v2/search?kind=containing&query=big%2011`)
      ).json()) as {
        total: number;
      };
      expect(found.total).toBe(1);
      const oldest = items.at(-1)!;
      expect((await fetch(`${mail.getHttpUrl()}/api/v1/messages/${oldest.ID}`)).status).toBe(200);
      expect(spillFolders().length).toBe(foldersBefore + 1);
    },
  );

  it('removes its files on stop', async () => {
    const other = await MailService.start({ maxMemoryBytes: 1 * MB });
    const before = spillFolders().length;
    const store = (other as unknown as { running: { store: MessageStore } }).running.store;
    const raw = Buffer.alloc(2 * MB, 'a');
    for (const id of ['a@x', 'b@x']) store.add({ item: { ID: id } as MailHogItem, raw });
    expect(spillFolders().length).toBe(before + 1);
    await other.stop();
    expect(spillFolders().length).toBe(before);
  });
});
