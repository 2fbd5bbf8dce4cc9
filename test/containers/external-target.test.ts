/**
 * The external target's safety on a stand-in deployment (the embedded lab on loopback ports):
 * preflight lines and exit 2 within seconds for a dead port, a wrong key, a TLS failure and missing
 * settings; @mutates left out unless asked for; the cleanup ledger refused when left over, and
 * replayed by `misp-lab cleanup`.
 */
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../lab/containers/host-network.ts';
import { startEmbeddedLab } from '../../lab/targets/embedded.ts';
import { mailAndChatVariables, type StartedLab } from '../../lab/targets/lab-environment.ts';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { REPO_ROOT, runCli, type CliRun } from './support.ts';
import { selfSignedCertificate } from '../fleet/tls-front.ts';

let lab: StartedLab;
let admin: MispClient;
let work: string;

function externalEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { misp } = lab.environment;
  return {
    ...process.env,
    MISP_LAB_TARGET: 'external',
    MISP_URL: misp.url,
    MISP_ADMIN_AUTHKEY: misp.adminAuthKey,
    MISP_ADMIN_PASSWORD: misp.adminPassword,
    MISP_ADMIN_EMAIL: misp.adminEmail,
    ...mailAndChatVariables(lab.environment),
    MISP_LAB_LEDGER_FILE: '',
    ...overrides,
  };
}

function expectOneLinePerProblem(run: CliRun, pattern: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  for (const line of lines) expect(line).toMatch(/^misp-lab: /);
  expect(
    lines.some((line) => pattern.test(line)),
    run.stderr,
  ).toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const setSetting = async (name: string, value: unknown) => {
  const answer = await admin.setServerSetting(name, value);
  expect(answer.status, JSON.stringify(answer.data)).toBe(200);
};
const getSetting = async (name: string) => (await admin.getSetting(name)).data.value;

beforeAll(async () => {
  lab = await startEmbeddedLab();
  admin = new MispClient({
    baseUrl: lab.environment.misp.url,
    authKey: lab.environment.misp.adminAuthKey,
  });
  work = mkdtempSync(join(tmpdir(), 'misp-lab-external-'));
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('external target preflight', () => {
  it('a dead port: one line naming MISP_URL, exit 2', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(
      ['check', '--reports-dir', join(work, 'r1')],
      externalEnv({ MISP_URL: dead }),
      60_000,
    );
    expectOneLinePerProblem(run, new RegExp(`cannot reach MISP at ${dead} \\(connect ECONNREFUSED`));
  });

  it('a wrong auth key: HTTP 403 and what key to use, exit 2', async () => {
    const run = await runCli(
      ['check', '--reports-dir', join(work, 'r2')],
      externalEnv({ MISP_ADMIN_AUTHKEY: 'x'.repeat(40) }),
      60_000,
    );
    expectOneLinePerProblem(run, /refused MISP_ADMIN_AUTHKEY \(HTTP 403\)/);
  });

  it('a certificate nobody trusts: TLS verification failed and MISP_CA_FILE, exit 2', async () => {
    const { key, cert } = selfSignedCertificate(work);
    const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      res.end('{}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const run = await runCli(
        ['check', '--reports-dir', join(work, 'r3')],
        externalEnv({ MISP_URL: `https://127.0.0.1:${port}` }),
        60_000,
      );
      expectOneLinePerProblem(
        run,
        /TLS verification failed for MISP at https:\/\/127\.0\.0\.1:\d+ .*MISP_CA_FILE/,
      );
    } finally {
      server.close();
    }
  });

  it('settings the scenarios need are named, one line each, exit 2', async () => {
    const run = await runCli(['check', '--reports-dir', join(work, 'r4')], externalEnv(), 60_000);
    expectOneLinePerProblem(run, /preflight: Plugin\.Workflow_enable is off/);
    expect(run.stderr).toMatch(/preflight: Plugin\.Action_services_enable is off/);
  });

  it('a fit deployment passes the preflight and runs the smoke scenario', async () => {
    await setSetting('Plugin.Workflow_enable', true);
    await setSetting('Plugin.Action_services_enable', true);
    const reports = join(work, 'r5');
    const run = await runCli(['check', '--tags', '@lab', '--reports-dir', reports], externalEnv(), 180_000);
    // The smoke scenario passed; every other control was left out, so the run is not a full pass (3).
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as {
      controls: { id: string; status: string }[];
    };
    expect(report.controls.find((c) => c.id === 'LAB-SMOKE-001')?.status).toBe('passed');
    expect(run.stderr).toContain('@mutates scenarios are left out');
    expect(existsSync(join(reports, 'cleanup-ledger.ndjson'))).toBe(false);
  }, 200_000);
});

describe('external target safety', () => {
  it('leaves @mutates scenarios out unless --allow-mutations', async () => {
    const count = async (args: string[]) => {
      const run = await runCli(
        ['check', '--dry-run', '--reports-dir', join(work, 'r6'), ...args],
        externalEnv(),
        60_000,
      );
      return Number(/(\d+) scenarios?/.exec(run.stdout)?.[1] ?? NaN);
    };
    const safe = await count([]);
    const all = await count(['--allow-mutations']);
    const mutating = readFileSync(join(REPO_ROOT, 'features/workflows/example-b-ids-flag.feature'), 'utf8');
    expect(mutating).toMatch(/@mutates/);
    expect(safe).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(safe);
  }, 120_000); // two dry runs, each a Node start with the whole suite loaded

  it('refuses to start over a ledger a crashed run left, and cleanup replays it', async () => {
    const reports = join(work, 'r7');
    mkdirSync(reports, { recursive: true });
    const ledger = join(reports, 'cleanup-ledger.ndjson');
    const before = await getSetting('MISP.org');
    await setSetting('MISP.org', 'Changed by a crashed run');
    writeFileSync(ledger, `${JSON.stringify({ kind: 'setting', name: 'MISP.org', previous: before })}\n`);

    const refused = await runCli(['check', '--reports-dir', reports], externalEnv(), 60_000);
    expectOneLinePerProblem(
      refused,
      /lists changes of a run that did not finish: run `misp-lab cleanup --ledger /,
    );

    const cleaned = await runCli(['cleanup', '--ledger', ledger], externalEnv(), 60_000);
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(cleaned.stdout).toContain('1 of 1 changes undone');
    expect(await getSetting('MISP.org')).toBe(before);
    expect(existsSync(ledger)).toBe(false);
    expect(existsSync(join(reports, 'cleanup-ledger.done.ndjson'))).toBe(true);
  }, 120_000);

  it('cleanup without a ledger or with a broken one: one line, exit 2', async () => {
    const missing = await runCli(['cleanup', '--ledger', join(work, 'none.ndjson')], externalEnv(), 30_000);
    expectOneLinePerProblem(missing, /no ledger at /);
    const broken = join(work, 'broken.ndjson');
    writeFileSync(broken, '{"kind":"setting","name":"MISP.org","previous":"x"}\n{"kind":"sett');
    expectOneLinePerProblem(
      await runCli(['cleanup', '--ledger', broken], externalEnv(), 30_000),
      /line 2 is not JSON/,
    );
  });
});
