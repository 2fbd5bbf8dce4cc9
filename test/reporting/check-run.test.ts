/**
 * `misp-lab check` end to end on the embedded lab, as a CI user sees it: a failing start wipes
 * the older green and leaves an exit-2 record; a partial selection is exit 3 with the reason per
 * control in the console, compliance.json, junit.xml and both HTML pages; three shards merge
 * into the verdict one run gives.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../lab/reporting/report-model.ts';
import { readPickles } from '../../lab/reporting/tag-selection.ts';

interface AllureResult {
  status: string;
  statusDetails?: { message?: string };
  labels: { name: string; value: string }[];
  links: { name: string; type: string }[];
}

const BIN = join(import.meta.dirname, '../../bin/misp-lab.mjs');
const NOTIFY = '@control:MISP-NOTIFY-001 or @control:MISP-NOTIFY-002 or @control:MISP-NOTIFY-003';

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json', NO_COLOR: '1', GITHUB_ACTIONS: '', ...env },
    timeout: 300_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const json = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;
const verdictOf = (r: ComplianceReport) => ({
  exitCode: r.exitCode,
  controls: r.controls.map((c) => [c.id, c.status, c.scenarios.map((s) => s.status)]),
});
const junit = (dir: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(readFileSync(join(dir, 'junit.xml'), 'utf8')) as {
    testsuites: { testsuite: { '@name': string; testcase: Record<string, unknown>[] }[] };
  };

describe('a run that fails to start', () => {
  it('leaves an exit-2 record, never the previous green', () => {
    const dir = mkdtempSync(join(tmpdir(), 'misp-lab-failed-start-'));
    writeFileSync(join(dir, 'compliance.json'), JSON.stringify({ exitCode: 0, controls: [] }));
    writeFileSync(join(dir, 'junit.xml'), '<testsuites tests="27" failures="0"/>');
    writeFileSync(join(dir, 'compliance-report.en.pdf'), '%PDF- old green');
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(join(dir, 'README.md'), 'kept');
    const run = cli(['check', '--profile', 'nope', '--reports-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^misp-lab: .*nope/);
    const record = json(dir) as ComplianceReport & { error: string };
    expect(record.exitCode).toBe(2);
    expect(record.error).toMatch(/nope/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<error message="[^"]*nope/);
    expect(existsSync(join(dir, 'compliance-report.en.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'allure-results'))).toBe(false);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('kept');
  });
});

describe('a partial run and a matrix of shards', () => {
  const root = mkdtempSync(join(tmpdir(), 'misp-lab-check-'));
  const whole = join(root, 'whole');
  let run: ReturnType<typeof cli>;

  beforeAll(() => {
    run = cli(['check', '--tags', NOTIFY, '--reports-dir', whole, '--timezone', 'America/Sao_Paulo']);
  }, 300_000);

  it('prints one line per scenario and exits 3 with the reason per control', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^\[1\/4\] MISP-NOTIFY-00\d .+ … passed \d+\.\d s$/m);
    expect(run.stdout).toMatch(/^\[4\/4\] /m);
    expect(run.stdout).not.toMatch(/^\.{10}/m);
    expect(run.stdout).toContain(`- not run: not selected (--tags ${NOTIFY})`);
    expect(run.stdout).toMatch(
      /Target: the reference server of this lab \(embedded\) simulating MISP 2\.5\.1/,
    );
    expect(run.stdout).toContain('(exit 3)');
  });

  it('gives the same reasons in compliance.json, junit.xml and both HTML pages', () => {
    const report = json(whole);
    expect(report.exitCode).toBe(3);
    const auth = report.controls.find((c) => c.id === 'MISP-AUTH-001')!;
    expect(auth.status).toBe('not-run');
    expect(auth.notRunReasons).toEqual([
      { code: 'not-selected', detail: NOTIFY, reason: `not selected (--tags ${NOTIFY})` },
    ]);
    expect(report.controls.find((c) => c.id === 'MISP-NOTIFY-001')?.status).toBe('passed');

    const suites = junit(whole).testsuites.testsuite;
    expect(suites.map((s) => s['@name'])).toEqual([
      'Authentication',
      'Workflows',
      'Notifications',
      'Deployment posture',
      'Lab',
    ]);
    const authCase = suites[0]!.testcase.find((c) => String(c['@name']).startsWith('MISP-AUTH-001'))!;
    expect(authCase['@classname']).toBe('MISP-AUTH-001');
    expect((authCase.skipped as Record<string, string>)['@message']).toBe(`not selected (--tags ${NOTIFY})`);
    const props = (authCase.properties as { property: { '@name': string; '@value': string }[] }).property;
    expect(props.find((p) => p['@name'] === 'severity')?.['@value']).toBe('high');
    expect(props.find((p) => p['@name'] === 'mapping.nist-800-53')?.['@value']).toMatch(/IA-2/);

    const en = readFileSync(join(whole, 'compliance-report.en.html'), 'utf8');
    const pt = readFileSync(join(whole, 'compliance-report.pt-BR.html'), 'utf8');
    expect(en).toContain(`not selected (--tags ${NOTIFY})`);
    expect(pt).toContain(`não selecionado (--tags ${NOTIFY})`);
    expect(en).toContain('simulating MISP 2.5.1: not a real MISP');
    expect(pt).toContain('simulando o MISP 2.5.1: não é um MISP real');
    expect(pt).toContain('America/Sao_Paulo');
  });

  it('labels the Allure results from the catalogue and the run, the scenarios left out included', () => {
    const results = join(whole, 'allure-results');
    const parsed = readdirSync(results)
      .filter((n) => n.endsWith('-result.json'))
      .map((n) => JSON.parse(readFileSync(join(results, n), 'utf8')) as AllureResult);
    const mail = parsed.find((r) => r.labels.some((l) => l.value === 'MISP-NOTIFY-002'))!;
    expect(mail.labels).toEqual(
      expect.arrayContaining([
        { name: 'epic', value: 'Notifications' },
        { name: 'severity', value: 'normal' },
        { name: 'controlId', value: 'MISP-NOTIFY-002' },
      ]),
    );
    expect(mail.links).toContainEqual(expect.objectContaining({ name: 'MISP-NOTIFY-002', type: 'tms' }));
    // Every scenario of the suite has a result: the ones the selection ran, and the rest as skipped.
    const leftOut = parsed.filter((r) => r.status === 'skipped');
    const ran = parsed.filter((r) => r.status !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    expect(leftOut.length).toBe(readPickles('features').length - ran.length);
    // Left out by the selection, or (posture's scenarios) outside the default profile's scope.
    const isPosture = (r: AllureResult) => r.labels.some((l) => /^MISP-POSTURE-/.test(l.value));
    expect(leftOut.filter(isPosture).length).toBeGreaterThan(0);
    for (const r of leftOut)
      expect(r.statusDetails?.message).toMatch(
        isPosture(r)
          ? /^out of the scope of the profile default \(not @posture\)/
          : /^not selected \(--tags /,
      );
    expect(leftOut.find((r) => !isPosture(r))?.statusDetails?.message).toBe(
      `not selected (--tags ${NOTIFY})`,
    );
    expect(readFileSync(join(results, 'environment.properties'), 'utf8')).toMatch(/^Run\\ id=/m);
    expect(JSON.parse(readFileSync(join(results, 'executor.json'), 'utf8')).reportName).toMatch(
      /^MISP compliance /,
    );
    expect(existsSync(join(whole, 'allure-report', 'index.html'))).toBe(true);
  });

  it('three shards merge into the verdict of the one run', () => {
    const shards = join(root, 'shards');
    for (const i of [1, 2, 3]) {
      const shard = cli(['check', '--tags', NOTIFY, '--reports-dir', shards, '--shard', `${i}/3`]);
      expect(shard.code, shard.stderr).toBe(3);
      expect(
        json(join(shards, `shard-${i}-of-3`)).controls.some((c) =>
          c.notRunReasons?.some((r) => r.code === 'other-shard'),
        ),
      ).toBe(true);
    }
    const merged = join(root, 'merged');
    const merge = cli([
      'report',
      'merge',
      ...[1, 2, 3].map((i) => join(shards, `shard-${i}-of-3`)),
      '--reports-dir',
      merged,
      '--no-pdf',
    ]);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(3);
    expect(verdictOf(json(merged))).toEqual(verdictOf(json(whole)));
    expect(json(merged).controls.some((c) => c.notRunReasons?.some((r) => r.code === 'other-shard'))).toBe(
      false,
    );
    for (const file of [
      'junit.xml',
      'compliance-report.pt-BR.html',
      'cucumber-report.html',
      'evidence/manifest.json',
    ])
      expect(existsSync(join(merged, file)), file).toBe(true);
    const again = cli([
      'report',
      'merge',
      join(shards, 'shard-1-of-3'),
      join(shards, 'shard-1-of-3'),
      '--reports-dir',
      merged,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/ran in both/);
  }, 600_000);
});

describe('an external run', () => {
  it('names the version the deployment reports and leaves @mutates out with that reason', async () => {
    // A second lab stands in for the deployment: the external target reaches it like any MISP.
    const lab = spawn(process.execPath, [BIN, 'up', '--json'], {
      env: { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json' },
    });
    try {
      const first = await new Promise<string>((resolve) =>
        createInterface({ input: lab.stdout }).once('line', resolve),
      );
      const up = JSON.parse(first) as {
        misp: Record<string, string>;
        mail: { url: string; smtpPort: number };
        chat: Record<string, string>;
      };
      const dir = mkdtempSync(join(tmpdir(), 'misp-lab-external-'));
      const run = cli(['check', '--target', 'external', '--tags', '@lab', '--reports-dir', dir], {
        MISP_URL: up.misp.url!,
        MISP_ADMIN_AUTHKEY: up.misp.adminAuthKey!,
        MISP_ADMIN_PASSWORD: up.misp.adminPassword!,
        MISP_ADMIN_EMAIL: up.misp.adminEmail!,
        MAIL_API_URL: up.mail.url,
        MAIL_SMTP_HOST: '127.0.0.1',
        MAIL_SMTP_PORT: String(up.mail.smtpPort),
        MATTERMOST_URL: up.chat.url!,
        MATTERMOST_TOKEN: up.chat.token!,
        MATTERMOST_CHANNEL_ID: up.chat.channelId!,
        MATTERMOST_WEBHOOK_URL: up.chat.webhookUrl!,
        // The stand-in lab has workflows off; the preflight is tested in test/containers.
        MISP_LAB_SKIP_PREFLIGHT: '1',
      });
      expect(run.code, run.stderr).toBe(3);
      const report = json(dir);
      expect(report.run).toMatchObject({ target: 'external', mispVersion: '2.5.1' });
      expect(readFileSync(join(dir, 'compliance-report.en.html'), 'utf8')).toContain(
        'a real MISP deployment, version 2.5.1 (as the deployment reports it)',
      );
      const mutating = report.controls.find((c) => c.id === 'MISP-AUTH-004')!;
      expect(mutating.notRunReasons?.map((r) => r.code)).toEqual(['mutates-left-out']);
    } finally {
      lab.kill('SIGTERM');
    }
  }, 300_000);
});

describe('evidence of a browser scenario', () => {
  it('has a screenshot after every outcome step, captioned with the step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'misp-lab-step-shots-'));
    const run = cli(['check', '--tags', '@control:MISP-AUTH-002', '--reports-dir', dir]);
    expect(run.code, run.stderr).toBe(3);
    const manifest = JSON.parse(readFileSync(join(dir, 'evidence/manifest.json'), 'utf8')) as {
      files: { path: string; caption: string; mediaType: string }[];
    };
    const captions = manifest.files
      .filter((f) => f.path.includes('MISP-AUTH-002') && f.mediaType === 'image/png')
      .map((f) => f.caption);
    const outcomes = [
      '"alice"\'s 50 paper tokens are the HOTP codes 0 to 49 of the scanned secret',
      'MISP refuses the one-time password',
      '"alice" is logged in',
      'MISP asks for paper token 1',
    ];
    for (const step of outcomes) expect(captions).toContain(`screenshot at step "${step}"`);
    // The final page as well, and no screenshot after a step that only acts.
    expect(captions).toContain('screenshot in a hook (before or after the steps)');
    expect(captions.filter((c) => c.includes('logs in with her password'))).toEqual([]);
    for (const file of manifest.files.filter((f) => f.mediaType === 'image/png'))
      expect(existsSync(join(dir, file.path)), file.path).toBe(true);
  }, 300_000);
});
