/** The roster's validation (one line, exit 2) and the hand-outs in both languages. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generatedRoster, parseRoster, RosterError } from '../../lab/room/roster.ts';
import { renderHandout, type HandoutFacts } from '../../lab/room/handout.ts';
import { decodeQrPng } from '../../steps/clients/otp.ts';
import { findChromium, launchChromium } from '../../lab/browser.ts';
import { handoutPdf } from '../../lab/room/handout.ts';

const run = promisify(execFile);

describe('roster', () => {
  it('reads "Name <email>" and "Name, email" lines, skipping blanks and comments', () => {
    const roster = parseRoster(
      '# room 3\nAda Lovelace <Ada@Example.org>\n\n"Souza, Bruno", bruno@example.org\n',
    );
    expect(roster).toEqual([
      { id: 'a01', name: 'Ada Lovelace', email: 'ada@example.org' },
      { id: 'a02', name: 'Souza, Bruno', email: 'bruno@example.org' },
    ]);
  });

  it.each([
    ['Ada <not-an-address>', 'roster line 1: "not-an-address" is not an e-mail address'],
    ['ada@example.org', 'roster line 1: a name is missing ("Name <email>")'],
    [
      'Ada <ada@example.org>\n\nAda again, ADA@example.org',
      'roster line 3: ADA@example.org is already on line 1',
    ],
    ['# nobody\n', 'roster: no attendees (one "Name <email>" a line)'],
  ])('refuses %j with one line', (text, message) => {
    expect(() => parseRoster(text)).toThrow(new RosterError(message));
  });

  it('numbers generated attendees and bounds their count', () => {
    expect(generatedRoster(2).map((a) => a.email)).toEqual(['attendee1@room.lab', 'attendee2@room.lab']);
    expect(() => generatedRoster(0)).toThrow(RosterError);
    expect(() => generatedRoster(61)).toThrow(RosterError);
  });

  it('makes misp-lab up exit 2 with one line on a bad roster, before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-'));
    const file = join(dir, 'room.txt');
    writeFileSync(file, 'Ada <ada@example.org>\nBruno <bruno>\n');
    const failure = await run(process.execPath, ['bin/misp-lab.mjs', 'up', '--roster', file]).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe(`misp-lab: ${file} line 2: "bruno" is not an e-mail address\n`);
    const count = await run(process.execPath, ['bin/misp-lab.mjs', 'up', '--attendees', 'many']).catch(
      (e) => e,
    );
    expect(count.code).toBe(2);
    expect(count.stderr).toBe('misp-lab: --attendees must be a whole number, got "many"\n');
  }, 30_000);
});

const FACTS: HandoutFacts = {
  name: 'Ada Lovelace',
  mispUrl: 'http://192.0.2.10:24010',
  email: 'ada@example.org',
  password: 'S3cret-<pass>',
  authKey: 'k'.repeat(40),
  mailUrl: 'http://192.0.2.10:24001/?address=ada%40example.org',
  mailCredentials: { username: 'a01', password: 'mail-pass' },
  chatUrl: 'http://192.0.2.10:24003/channels/room/misp-a01',
  chatServerUrl: 'http://192.0.2.10:24003',
  channelId: 'channel-id-a01',
  webhookUrl: 'http://127.0.0.1:24003/hooks/abc',
  botToken: 'bot-token',
};

describe('hand-out', () => {
  it.each([
    ['en', 'Your MISP lab', 'Password', 'Scan to open your MISP', 'http://192.0.2.10:24010/lab/help'],
    [
      'pt-BR',
      'Seu laboratório MISP',
      'Senha',
      'Leia para abrir o seu MISP',
      'http://192.0.2.10:24010/lab/help?lang=pt-BR',
    ],
  ] as const)(
    'in %s names the URLs and credentials, links the help page and carries a QR of the MISP URL',
    async (locale, title, password, scan, help) => {
      const html = await renderHandout(FACTS, locale);
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(`${title}: Ada Lovelace`);
      expect(html).toContain(`<dt>${password}</dt><dd><code>S3cret-&#60;pass&#62;</code></dd>`);
      expect(html).toContain('href="http://192.0.2.10:24010"');
      expect(html).toContain('a01 / mail-pass');
      // What the Mattermost module's params ask for, named as the editor labels them.
      for (const [label, value] of [
        ['Mattermost Hostname', 'http://192.0.2.10:24003'],
        ['Channel Id', 'channel-id-a01'],
        ['Bot Access Token', 'bot-token'],
      ])
        expect(html).toMatch(new RegExp(`<dt>${label}[^<]*</dt><dd><code>${value}</code></dd>`));
      expect(html).toContain(scan);
      expect(html).toContain(`href="${help}"`);
      expect(html).toMatch(/<div class="qr" data-qr="http:\/\/192\.0\.2\.10:24010"><svg [^>]*viewBox/);
    },
  );

  const chromium = (() => {
    try {
      return findChromium();
    } catch {
      return undefined;
    }
  })();
  it.skipIf(!chromium)(
    'prints to a PDF (skipped without a Chromium: it prints the page)',
    async () => {
      const pdf = await handoutPdf(await renderHandout(FACTS, 'pt-BR'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5_000);
    },
    30_000,
  );

  it.skipIf(!chromium)(
    'shows a QR code a phone reads as the MISP URL (skipped without a Chromium)',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.setContent(await renderHandout(FACTS, 'en'));
        expect(decodeQrPng(await page.locator('.qr svg').screenshot())).toBe(FACTS.mispUrl);
      } finally {
        await browser.close();
      }
    },
    30_000,
  );
});
