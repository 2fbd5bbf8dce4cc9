/**
 * The package from another repository, and the README's CI examples as written. A tarball of this
 * checkout is installed into an empty project (`npm pack`, `npm install`), then the GitHub Actions
 * and GitLab CI snippets are taken from the README and their `run:` / `script:` lines executed job
 * by job (ci-runners.ts), the artifacts handed on as each CI system does, against reference
 * servers standing in for the deployments (as installed: the posture profile fails on them,
 * exit 1). ci-examples-real-misp.test.ts runs the same against a real MISP. Minutes long (the
 * install): `npm run test:distribution`, a step of .ci/run, not `npm test`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceFleet, type ReferenceFleet } from '../../lab/fleet/reference-fleet.ts';
import type { FleetReport } from '../../lab/fleet/rollup.ts';
import { ciSecrets, runGithubExample, runGitlabExample, runnerEnv, type CiRun } from './ci-runners.ts';
import { packAndInstall, REPO_ROOT, shell } from './support.ts';

let run: CiRun;
let fleet: ReferenceFleet;

function expectMergedFleet(dir: string, code: number): FleetReport {
  const report = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as FleetReport;
  expect(report.exitCode).toBe(code);
  expect(code).toBe(1);
  expect(report.outside).toEqual([]);
  expect(report.deployments.map((d) => [d.name, d.exitCode])).toEqual([
    ['cert-prod', 1],
    ['partner-a', 1],
  ]);
  expect(report.deployments[0]!.controls['MISP-POSTURE-001']).toMatchObject({
    status: 'failed',
    detail: expect.stringMatching(/OTP is not mandatory/),
  });
  for (const secret of Object.values(ciSecrets(run)))
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).not.toContain(secret);
  return report;
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'misp-lab-distribution-'));
  const installed = packAndInstall(work);
  fleet = await startReferenceFleet(2);
  const [prod, partner] = fleet.deployments;
  run = {
    work,
    installed,
    prod: { url: prod!.url, authkey: prod!.authkey, password: prod!.password },
    partner: { url: partner!.url, authkey: partner!.authkey, password: partner!.password },
  };
}, 1_800_000);

afterAll(async () => {
  await fleet?.stop();
  if (run?.work) rmSync(run.work, { recursive: true, force: true });
}, 300_000); // six workspaces of node_modules to remove

describe('the installed package', () => {
  it('runs from node_modules/.bin: --version, and a check of an external target', async () => {
    const runner = runnerEnv();
    const version = await shell('npx misp-lab --version', run.installed.project, runner);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.output.trim()).toBe(`misp-lab ${pkg.version}`);
    const check = await shell(
      'npx misp-lab check --target external --profile posture --reports-dir out',
      run.installed.project,
      { ...runner, MISP_URL: run.prod.url, MISP_ADMIN_AUTHKEY: run.prod.authkey },
    );
    expect(check.code, check.output).toBe(1);
    const report = JSON.parse(readFileSync(join(run.installed.project, 'out/compliance.json'), 'utf8'));
    expect(report.run.mispVersion).toBe('2.5.1');
    expect(report.controls.find((c: { id: string }) => c.id === 'MISP-POSTURE-001').status).toBe('failed');
  }, 300_000);
});

describe('README: GitHub Actions', () => {
  it('the audit matrix and the verdict job, as written', async () => {
    const verdict = await runGithubExample(run);
    expectMergedFleet(verdict.mergedDir, verdict.code);
  }, 900_000);
});

describe('README: GitLab CI', () => {
  it('parallel audit jobs and the verdict job, as written', async () => {
    const verdict = await runGitlabExample(run);
    expectMergedFleet(verdict.mergedDir, verdict.code);
  }, 900_000);
});
