/**
 * The README's GitHub Actions and GitLab CI examples, as written, against a real MISP 2.5.1
 * (ci-runners.ts runs their lines job by job). The deployments of the README's fleet.yaml:
 *   REAL_MISP_CREDS=/var/tmp/real-misp-2/creds.json[,/var/tmp/real-misp-3/creds.json]
 *     (../shared/real-misp's creds.json: cert-prod is the first, partner-a the second or the first again)
 *   or MISP_URL, MISP_ADMIN_AUTHKEY, MISP_ADMIN_PASSWORD: one MISP plays both.
 * Without them the test is skipped and says so. The verdict is not assumed: each deployment's
 * OTP control is checked against what that MISP answers for its settings, every posture control
 * must have run (passed or failed), the exit codes must follow from them, no secret may be in an
 * artifact, and the MISPs must be unchanged afterwards (the examples are read-only: the posture
 * profile, no --allow-mutations). 5 to 12 minutes here: four posture runs of 1–2.5 minutes, plus the install.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import type { FleetReport } from '../../lab/fleet/rollup.ts';
import {
  snapshotDifferences,
  snapshotTarget,
  type TargetSnapshot,
} from '../../lab/posture/target-snapshot.ts';
import {
  ciSecrets,
  runGithubExample,
  runGitlabExample,
  type CiDeployment,
  type CiRun,
} from './ci-runners.ts';
import { packAndInstall } from './support.ts';

const POSTURE_CONTROLS = Array.from({ length: 8 }, (_, i) => `MISP-POSTURE-00${i + 1}`);

function realMisps(): CiDeployment[] | string {
  const creds = process.env.REAL_MISP_CREDS;
  if (creds) {
    return creds.split(',').map((file) => {
      const c = JSON.parse(readFileSync(file.trim(), 'utf8')) as Record<string, string>;
      return { url: c.url!, authkey: c.authkey!, password: c.adminPassword! };
    });
  }
  const { MISP_URL: url, MISP_ADMIN_AUTHKEY: authkey, MISP_ADMIN_PASSWORD: password } = process.env;
  if (url && authkey && password) return [{ url, authkey, password }];
  return 'no real MISP given: set REAL_MISP_CREDS=creds.json[,creds.json] or MISP_URL, MISP_ADMIN_AUTHKEY and MISP_ADMIN_PASSWORD';
}

const misps = realMisps();
const skipReason = typeof misps === 'string' ? misps : undefined;
const deployments = typeof misps === 'string' ? [] : misps;

let run: CiRun;
let before: TargetSnapshot[] = [];

const client = (d: CiDeployment) =>
  new MispClient({ baseUrl: d.url, authKey: d.authkey, timeoutMs: 120_000 });

/** What the deployment's own settings say control 001 must be (an oracle outside the harness). */
async function otpVerdict(d: CiDeployment): Promise<'passed' | 'failed'> {
  const settings = await client(d).serverSettings();
  expect(settings.status).toBe(200);
  const value = (name: string) => settings.data.finalSettings?.find((s) => s.setting === name)?.value;
  return value('Security.otp_required') === true && value('Security.otp_disabled') !== true
    ? 'passed'
    : 'failed';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function expectVerdict(mergedDir: string, code: number): Promise<void> {
  const report = JSON.parse(readFileSync(join(mergedDir, 'fleet.json'), 'utf8')) as FleetReport;
  expect(report.exitCode).toBe(code);
  expect(report.outside).toEqual([]);
  expect(report.deployments.map((d) => d.name)).toEqual(['cert-prod', 'partner-a']);
  for (const [row, deployment] of [
    [report.deployments[0]!, run.prod],
    [report.deployments[1]!, run.partner],
  ] as const) {
    expect(row.error, row.name).toBeUndefined();
    expect(row.mispVersion).toBe('2.5.1');
    const statuses = POSTURE_CONTROLS.map((id) => row.controls[id]?.status);
    // The matrix in the test's output: what the real MISP gave, control by control.
    process.stderr.write(`${row.name} (${row.url}): exit ${row.exitCode}, ${statuses.join(' ')}\n`);
    for (const status of statuses)
      expect(['passed', 'failed'], `${row.name}: ${statuses.join(',')}`).toContain(status);
    expect(row.exitCode).toBe(statuses.includes('failed') ? 1 : 0);
    expect(
      row.controls['MISP-POSTURE-001']?.status,
      `${row.name}: ${row.controls['MISP-POSTURE-001']?.detail ?? ''}`,
    ).toBe(await otpVerdict(deployment));
  }
  expect(code).toBe(Math.max(...report.deployments.map((d) => d.exitCode)));
  const junit = readFileSync(join(mergedDir, 'junit.xml'), 'utf8');
  const failedControls = report.deployments.flatMap((d) =>
    POSTURE_CONTROLS.filter((id) => d.controls[id]?.status === 'failed'),
  );
  expect(junit.match(/<failure /g)?.length ?? 0).toBe(failedControls.length);
  for (const file of filesUnder(mergedDir).filter((f) => /\.(json|xml|html|txt)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    for (const secret of Object.values(ciSecrets(run))) expect(text.includes(secret), file).toBe(false);
  }
}

// As the PyMISP tests do: without a MISP the whole block is skipped, its title saying why.
const title = `README CI examples against a real MISP 2.5.1${skipReason ? ` (skipped: ${skipReason})` : ''}`;
describe.skipIf(skipReason !== undefined)(title, () => {
  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'misp-lab-ci-real-'));
    run = {
      work,
      installed: packAndInstall(work),
      prod: deployments[0]!,
      partner: deployments[1] ?? deployments[0]!,
    };
    before = await Promise.all(deployments.map((d) => snapshotTarget(client(d))));
  }, 1_800_000);

  // A failed run keeps its workspaces (each deployment's reports and console.log) to be read.
  let keep = false;
  afterEach((context) => {
    if (context.task.result?.state === 'fail') keep = true;
  });
  afterAll(() => {
    if (keep) process.stderr.write(`ci-examples-real-misp: workspaces kept in ${run?.work}\n`);
    else if (run?.work) rmSync(run.work, { recursive: true, force: true });
  }, 300_000);

  it('GitHub Actions: the audit matrix and the verdict job, as written', async () => {
    const verdict = await runGithubExample(run);
    await expectVerdict(verdict.mergedDir, verdict.code);
  }, 1_200_000);

  it('GitLab CI: parallel audit jobs and the verdict job, as written', async () => {
    const verdict = await runGitlabExample(run);
    await expectVerdict(verdict.mergedDir, verdict.code);
  }, 1_200_000);

  it('left every MISP as it was: audit log, settings, users, events, workflows', async () => {
    for (const [index, d] of deployments.entries())
      expect(snapshotDifferences(before[index]!, await snapshotTarget(client(d), before[index]))).toEqual([]);
  }, 300_000);
});
