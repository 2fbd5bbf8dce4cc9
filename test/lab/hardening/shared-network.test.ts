// A lab on a shared network (issue 10, defects 7 and 8): `up --host 0.0.0.0` prints addresses
// people can open and says what is open; the mail API needs the lab's generated credentials; one
// lab per data folder. Everything here listens on loopback only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLab } from '../../../lab/cli/up.ts';
import { mailhogInbox } from '../../../lab/clients/mail-mailhog.ts';
import { MailService } from '../../../lab/mail/mail-service.ts';
import type { StartedLab } from '../../../lab/targets/lab-environment.ts';
import { startMispServer } from '../../../server/app.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
const dataDir = () => {
  const folder = mkdtempSync(join(tmpdir(), 'misp-lab-lock-'));
  folders.push(folder);
  return folder;
};

describe('one lab per data folder', () => {
  it('refuses a second server on the same folder, with a clear message, and keeps the first one’s admin', async () => {
    const folder = dataDir();
    const first = await startMispServer({ dataDir: folder });
    await expect(startMispServer({ dataDir: folder })).rejects.toThrow(
      /data folder .* is in use by another lab \(pid \d+\)/,
    );
    const me = await fetch(`${first.getUrl()}/users/view/me.json`, {
      headers: { Authorization: first.getAdmin().authKey },
    });
    expect(me.status).toBe(200);
    await first.stop();
    const again = await startMispServer({ dataDir: folder });
    await again.stop();
  });

  it('takes over a lock whose process is gone', async () => {
    const folder = dataDir();
    writeFileSync(join(folder, 'misp.lock'), '999999999\n');
    const server = await startMispServer({ dataDir: folder });
    await server.stop();
  });
});

describe('mail API credentials', () => {
  it('asks for the lab’s Basic credentials, which the harness client takes from the URL', async () => {
    const mail = await MailService.start({ credentials: { username: 'lab', password: 's3cret' } });
    try {
      expect((await fetch(`${mail.getHttpUrl()}/api/v2/messages`)).status).toBe(401);
      expect((await fetch(`${mail.getHttpUrl()}/`)).status).toBe(401);
      const url = new URL(mail.getHttpUrl());
      url.username = 'lab';
      url.password = 's3cret';
      expect(await mailhogInbox(url.toString()).list()).toEqual([]);
    } finally {
      await mail.stop();
    }
  });
});

describe('misp-lab up on a wildcard address', () => {
  const lab = (listenHost: string): StartedLab => ({
    stop: async () => undefined,
    environment: {
      target: 'embedded',
      listenHost,
      misp: { url: 'http://127.0.0.1:8080', adminEmail: 'a@b', adminPassword: 'p', adminAuthKey: 'k' },
      mail: { url: 'http://lab:pw@127.0.0.1:8081', smtpPort: 8082, smtpHost: listenHost },
      chat: {
        url: 'http://127.0.0.1:8083',
        token: 't',
        channelId: 'c',
        webhookUrl: 'http://127.0.0.1:8083/hooks/h',
        teamName: 'cert',
        channelName: 'misp-alerts',
        admin: { username: 'trainer', password: 'generated' },
      },
    },
  });

  it('prints reachable addresses, never 0.0.0.0, and what is open', () => {
    const text = describeLab(lab('0.0.0.0'), 1);
    expect(text).not.toMatch(/http:\/\/0\.0\.0\.0/);
    expect(text).toContain('Open to anyone on the network');
    expect(text).toContain('user lab / password pw');
    expect(text).toContain('admin trainer / generated');
  });

  it('says nothing about the network on loopback', () => {
    expect(describeLab(lab('127.0.0.1'), 1)).not.toContain('Open to anyone');
  });
});
