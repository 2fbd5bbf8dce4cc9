/**
 * The quality bar of the compliance report: the HTML renders in a real Chromium without console
 * errors, its numbers are the JSON's numbers, the PDFs exist, and no planted secret (password,
 * auth key, TOTP secret) survives in any file the reporting writes, trace zips included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../lab/browser.ts';
import { writeComplianceReports, type ComplianceSummary } from '../../lab/reporting/compliance.ts';
import { loadCatalogue } from '../../lab/reporting/catalogue.ts';
import { messages } from '../../lab/reporting/i18n.ts';
import type { ComplianceReport } from '../../lab/reporting/report-model.ts';
import { escapeXml as esc } from '../../lab/reporting/svg-charts.ts';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { readZip, writeZip } from '../../lab/reporting/zip-redact.ts';
import type { LabEnvironment } from '../../lab/targets/lab-environment.ts';
import { reportsDirWith } from './synthetic-run.ts';

const PASSWORD = 'Correct-Horse-Battery-9';
const AUTH_KEY = 'Zq8PLm3vXw7TnB2kRj5sYd9fHc4gUa6eQo1iWt0p';
const TOTP_SECRET =
  'JBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNB';
const SECRETS = [PASSWORD, AUTH_KEY, TOTP_SECRET, encodeURIComponent(PASSWORD)];

const environment: LabEnvironment = {
  target: 'embedded',
  misp: {
    url: 'http://127.0.0.1:1',
    adminEmail: 'admin@admin.test',
    adminPassword: PASSWORD,
    adminAuthKey: AUTH_KEY,
  },
  mail: { url: 'http://127.0.0.1:2', smtpPort: 3, smtpHost: '127.0.0.1' },
  chat: {
    url: 'http://127.0.0.1:4',
    token: 'chat-token-123456',
    channelId: 'c',
    webhookUrl: 'http://127.0.0.1:4/hooks/h',
    teamName: 't',
    channelName: 'c',
  },
};

// A trace as Playwright writes it: the login POST body travels inside a deflated entry.
const trace = await writeZip([
  {
    name: 'trace.network',
    data: Buffer.from(
      `{"postData":"data[User][email]=a@b.test&data[User][password]=${encodeURIComponent(PASSWORD)}"}\n`,
    ),
  },
  { name: 'resources/page.html', data: Buffer.from(`<pre>${TOTP_SECRET}</pre>`) },
]);

// What a streaming zip writer makes: zip64 records and data descriptors (sizes after the data).
const zip64Trace = await new Promise<Buffer>((resolve) => {
  const zip = new yazl.ZipFile();
  zip.addReadStream(Readable.from([Buffer.from(`{"password":"${PASSWORD}"}`)]), 'trace.trace', {
    forceZip64Format: true,
  });
  zip.end({ forceZip64Format: true, comment: '' });
  const chunks: Buffer[] = [];
  zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
  zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
});

const exampleA = JSON.parse(readFileSync('fixtures/workflows/example-a.json', 'utf8')) as Record<
  string,
  { pos_x?: number; pos_y?: number }
>;
/** The same graph saved again by another scenario: the nodes moved, the meaning did not. */
const movedExampleA = JSON.stringify({
  Workflow: {
    name: 'Publish guard (saved)',
    data: Object.fromEntries(
      Object.entries(exampleA).map(([id, node]) => [
        id,
        { ...node, pos_x: (node.pos_x ?? 0) + 40, pos_y: 7 },
      ]),
    ),
  },
});

const savedExampleA = JSON.stringify({
  Workflow: {
    name: 'Publish guard (saved)',
    data: JSON.parse(readFileSync('fixtures/workflows/example-a.json', 'utf8')),
  },
});

let dir: string;
let summary: ComplianceSummary;
let browser: Browser;

beforeAll(async () => {
  dir = reportsDirWith([
    {
      name: 'Enrolment shows QR and secret',
      description: 'pt-BR: O cadastro mostra o QR e o segredo',
      tags: ['@auth', '@control:MISP-AUTH-001'],
      attempts: ['passed'],
      attachments: [
        {
          mediaType: 'text/plain',
          fileName: 'http-transcript.txt',
          body: `POST /users/login\nAuthorization: ${AUTH_KEY}\n\ndata[User][password]=${PASSWORD}`,
        },
        {
          mediaType: 'text/html',
          fileName: 'totp-page.html',
          body: `<p>otpauth://totp/x?issuer=ORG&secret=${TOTP_SECRET}</p>`,
        },
        { mediaType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
      ],
    },
    {
      name: 'Login needs the OTP',
      description: 'pt-BR: O login exige o OTP',
      tags: ['@flaky', '@control:MISP-AUTH-003'],
      attempts: ['failed', 'passed'],
      attachments: [
        {
          mediaType: 'application/json',
          fileName: 'user.json',
          body: JSON.stringify({ authkey: AUTH_KEY, password: PASSWORD }),
        },
      ],
    },
    {
      name: 'Brute force locks the login',
      description: 'pt-BR: A força bruta bloqueia o login',
      tags: ['@control:MISP-AUTH-010'],
      attempts: ['failed'],
      error: `Expected 403 for ${environment.misp.adminEmail} with password ${PASSWORD}, got 200`,
      attachments: [
        {
          mediaType: 'message/rfc822',
          fileName: 'mail.eml',
          body: Buffer.from(`Subject: key\r\n\r\nYour key is ${AUTH_KEY}\r\n`),
        },
        { mediaType: 'application/zip', fileName: 'playwright-trace.zip', body: trace },
        { mediaType: 'application/zip', fileName: 'zip64-trace.zip', body: zip64Trace },
        { mediaType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
      ],
    },
    {
      name: 'An auth key bypasses OTP',
      description: 'pt-BR: Uma chave de API ignora o OTP',
      tags: ['@control:MISP-AUTH-011'],
      attempts: ['passed'],
    },
    {
      name: 'Publish is blocked',
      description: 'pt-BR: A publicação é barrada',
      tags: ['@control:MISP-WF-002'],
      attempts: ['passed'],
      // As the workflow steps attach what MISP kept after a save.
      attachments: [
        { mediaType: 'application/json', fileName: 'saved-workflow-event-publish.json', body: savedExampleA },
      ],
    },
    {
      name: 'Publish is blocked again',
      description: 'pt-BR: A publicação é barrada de novo',
      tags: ['@control:MISP-WF-002'],
      attempts: ['passed'],
      attachments: [
        { mediaType: 'application/json', fileName: 'saved-workflow-event-publish.json', body: movedExampleA },
      ],
    },
  ]);
  summary = await writeComplianceReports({ reportsDir: dir, environment, allure: false, colour: false });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('compliance report', () => {
  it('decides the run: one failure, one finding, one flaky scenario apart from failures', () => {
    const report = summary.report as ComplianceReport;
    expect(summary.exitCode).toBe(1);
    expect(summary.problems).toEqual([]);
    expect(report.totals).toMatchObject({ failed: 1, finding: 1, passed: 3 });
    expect(report.flaky.map((s) => s.name)).toEqual(['Login needs the OTP']);
    expect(report.controls.find((c) => c.id === 'MISP-AUTH-003')?.status).toBe('passed');
  });

  for (const locale of ['en', 'pt-BR']) {
    it(`renders compliance-report.${locale}.html without console errors, showing the JSON's numbers`, async () => {
      const json = JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
      await page.goto(pathToFileURL(join(dir, `compliance-report.${locale}.html`)).href);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('[data-exit-code]').getAttribute('data-exit-code')).toBe(
        String(json.exitCode),
      );
      for (const [status, count] of Object.entries(json.totals))
        expect(await page.locator(`[data-total="${status}"]`).innerText()).toBe(String(count));
      expect(await page.locator('[data-total="scenarios"]').innerText()).toBe(String(json.scenarios.total));
      expect(await page.locator('tr[data-control]').count()).toBe(json.controls.length);
      for (const c of json.controls)
        expect(await page.locator(`tr[data-control="${c.id}"]`).getAttribute('data-status')).toBe(c.status);
      for (const [area, counts] of Object.entries(json.byArea))
        for (const [status, count] of Object.entries(counts)) {
          const segment = page.locator(`.chart-area rect[data-area="${area}"][data-status="${status}"]`);
          if (count === 0) expect(await segment.count()).toBe(0);
          else expect(await segment.getAttribute('data-count')).toBe(String(count));
        }
      expect(await page.locator('[data-flaky]').getAttribute('data-flaky')).toBe(String(json.flaky.length));
      expect(await page.locator('svg.workflow').count()).toBe(1);
      expect(await page.locator('.workflow-box h3').innerText()).toBe('Publish guard (saved)');
      // Laid out by dagre: every parameter is on the page in full, every connection is drawn.
      const graph = JSON.parse(savedExampleA).Workflow.data as Record<
        string,
        {
          data: { indexed_params?: Record<string, unknown> };
          outputs?: Record<string, { connections: unknown[] }>;
        }
      >;
      const params = (
        await page
          .locator('svg.workflow text.param')
          .evaluateAll((els) => els.map((e) => e.textContent ?? ''))
      ).join(' ');
      for (const node of Object.values(graph))
        for (const [k, v] of Object.entries(node.data.indexed_params ?? {}))
          if (typeof v === 'string' && v !== '') expect(params).toContain(`${k}: ${v}`);
      const connections = Object.values(graph).flatMap((n) =>
        Object.values(n.outputs ?? {}).flatMap((o) => o.connections),
      );
      expect(await page.locator('svg.workflow path.edge').count()).toBe(connections.length);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('has every control of the catalogue in both languages, remediation included', () => {
    for (const c of loadCatalogue().controls)
      for (const field of ['titlePtBr', 'rationalePtBr', 'remediation', 'remediationPtBr'] as const)
        expect(c[field], `${c.id} ${field}`).toMatch(/\S{3}/);
  });

  it('words the pt-BR page in Portuguese: no English text of the catalogue or of the report', () => {
    const pt = readFileSync(join(dir, 'compliance-report.pt-BR.html'), 'utf8');
    const report = summary.report as ComplianceReport;
    const english = [
      ...report.controls.flatMap((c) => [c.title, c.rationale, c.remediation ?? '']),
      ...report.controls.flatMap((c) => c.scenarios.map((sc) => sc.name)),
      ...Object.values(messages('en')).filter((v): v is string => typeof v === 'string' && v.includes(' ')),
      ...Object.values(messages('en').verdict),
      messages('en').targetLabel(report.run.target, report.run.mispVersion),
    ].filter((text) => text.length > 12);
    for (const text of english) expect(pt.includes(esc(text)), text).toBe(false);
    expect(pt).toContain(esc(report.controls.find((c) => c.id === 'MISP-AUTH-010')!.remediationPtBr!));
    expect(pt).toContain('O cadastro mostra o QR e o segredo: aprovado');
    // Plurals by Intl: "1 cenário", "2 tentativas".
    expect(pt).toMatch(/>1 cenário( ·|<)/);
    expect(pt).not.toMatch(/\b1 cenários\b/);
  });

  it('prints both PDFs', () => {
    for (const locale of ['en', 'pt-BR']) {
      const pdf = readFileSync(join(dir, `compliance-report.${locale}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      // Headings become bookmarks; the document is tagged for readers.
      expect(pdf.includes('/Outlines')).toBe(true);
      expect(pdf.includes('/StructTreeRoot')).toBe(true);
    }
  });

  it('writes evidence per control with a SHA-256 manifest that matches the files', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'evidence', 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; control: string }[];
    };
    const { createHash } = await import('node:crypto');
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('evidence/MISP-AUTH-001/01-enrolment-shows-qr-and-secret/http-transcript.txt');
    expect(paths).toContain('evidence/MISP-AUTH-010/01-brute-force-locks-the-login/mail.eml');
    expect(paths).toContain('evidence/MISP-AUTH-010/01-brute-force-locks-the-login/playwright-trace.zip');
    for (const f of manifest.files)
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, f.path)))
          .digest('hex'),
      ).toBe(f.sha256);
    // The manifest is hashed itself, in sha256sum's format, and names the run and the tool.
    const digest = createHash('sha256')
      .update(readFileSync(join(dir, 'evidence', 'manifest.json')))
      .digest('hex');
    expect(readFileSync(join(dir, 'evidence', 'manifest.json.sha256'), 'utf8')).toBe(
      `${digest}  manifest.json\n`,
    );
    expect(manifest).toMatchObject({
      runId: summary.report!.runId,
      tool: expect.stringMatching(/^misp-compliance-lab /),
    });
    // An attachment without a name is named and captioned after its step, not "attachment-02".
    const shot = manifest.files.find(
      (f) => f.path.startsWith('evidence/MISP-AUTH-010/') && f.path.endsWith('.png'),
    )!;
    expect(shot.path).toMatch(/\/04-screenshot-the-check-of-scenario-2-runs\.png$/);
    expect((shot as { caption?: string }).caption).toBe('screenshot at step "the check of scenario 2 runs"');
    const zip64 = await readZip(
      readFileSync(join(dir, 'evidence/MISP-AUTH-010/01-brute-force-locks-the-login/zip64-trace.zip')),
    );
    expect(zip64.map((e) => e.data.toString())).toEqual(['{"password":"[REDACTED]"}']);
  });

  it('leaves no secret in any file it wrote, trace zips included', async () => {
    const written = filesUnder(dir).filter((f) => !f.endsWith('cucumber-messages.ndjson'));
    expect(written.length).toBeGreaterThan(10);
    for (const file of written) {
      const contents: Buffer[] = [readFileSync(file)];
      if (file.endsWith('.zip')) contents.push(...(await readZip(readFileSync(file))).map((e) => e.data));
      for (const content of contents)
        for (const secret of SECRETS)
          expect(content.includes(secret), `${secret} in ${relative(dir, file)}`).toBe(false);
    }
    const transcript = readFileSync(
      join(dir, 'evidence/MISP-AUTH-001/01-enrolment-shows-qr-and-secret/http-transcript.txt'),
      'utf8',
    );
    expect(transcript).toContain('POST /users/login');
    expect(transcript).toContain('[REDACTED]');
  });

  it('draws a graph saved twice once, naming both scenarios in the language of the page', () => {
    const pt = readFileSync(join(dir, 'compliance-report.pt-BR.html'), 'utf8');
    const en = readFileSync(join(dir, 'compliance-report.en.html'), 'utf8');
    for (const page of [pt, en]) expect(page.match(/<div class="workflow-box">/g)).toHaveLength(1);
    expect(pt).toContain(
      esc('gravado nos cenários "A publicação é barrada" e "A publicação é barrada de novo".'),
    );
    expect(en).toContain(
      esc('the save in the scenarios "Publish is blocked" and "Publish is blocked again".'),
    );
  });
});
