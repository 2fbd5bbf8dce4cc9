/**
 * The package from another repository, and the README's CI examples as written. A tarball of this
 * checkout is installed into an empty project (`npm pack`, `npm install`), then the GitHub Actions
 * and GitLab CI snippets are taken from the README and their `run:` / `script:` lines executed job
 * by job, the artifacts handed on as each CI system does, against reference servers standing in
 * for the deployments (as installed: the posture profile fails on them, exit 1). Minutes long
 * (the install): `npm run test:distribution`, a step of .ci/run, not `npm test`.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startReferenceFleet, type ReferenceFleet } from '../../lab/fleet/reference-fleet.ts';
import type { FleetReport } from '../../lab/fleet/rollup.ts';
import {
  packAndInstall,
  readmeSnippet,
  REPO_ROOT,
  shell,
  workspace,
  type InstalledPackage,
} from './support.ts';

let work: string;
let installed: InstalledPackage;
let fleet: ReferenceFleet;
/** What the CI system's secret store holds. */
let secrets: Record<string, string>;
/** A runner's environment: no MISP_* of this machine, npm served from its cache. */
let runner: NodeJS.ProcessEnv;

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

function writeFleetYaml(dir: string): void {
  const [prod, partner] = fleet.deployments;
  writeFileSync(
    join(dir, 'fleet.yaml'),
    `deployments:
  - name: cert-prod
    url: ${prod!.url}
    authkey_env: PROD_MISP_AUTHKEY
    tags: [prod]
  - name: partner-a
    url: ${partner!.url}
    authkey_env: PARTNER_A_AUTHKEY
    password_env: PARTNER_A_PASSWORD
    tags: [partner]
`,
  );
}

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
  for (const secret of Object.values(secrets))
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).not.toContain(secret);
  return report;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'misp-lab-distribution-'));
  installed = packAndInstall(work);
  fleet = await startReferenceFleet(2);
  const [prod, partner] = fleet.deployments;
  secrets = {
    PROD_MISP_AUTHKEY: prod!.authkey,
    PARTNER_A_AUTHKEY: partner!.authkey,
    PARTNER_A_PASSWORD: partner!.password,
  };
  runner = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MISP_'))),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}, 1_800_000);

afterAll(async () => {
  await fleet?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 300_000); // six workspaces of node_modules to remove

describe('the installed package', () => {
  it('runs from node_modules/.bin: --version, and a check of an external target', async () => {
    const version = await shell('npx misp-lab --version', installed.project, runner);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.output.trim()).toBe(`misp-lab ${pkg.version}`);
    const [prod] = fleet.deployments;
    const run = await shell(
      'npx misp-lab check --target external --profile posture --reports-dir out',
      installed.project,
      { ...runner, MISP_URL: prod!.url, MISP_ADMIN_AUTHKEY: prod!.authkey },
    );
    expect(run.code, run.output).toBe(1);
    const report = JSON.parse(readFileSync(join(installed.project, 'out/compliance.json'), 'utf8'));
    expect(report.run.mispVersion).toBe('2.5.1');
    expect(report.controls.find((c: { id: string }) => c.id === 'MISP-POSTURE-001').status).toBe('failed');
  }, 300_000);
});

interface GithubStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

describe('README: GitHub Actions', () => {
  it('the audit matrix and the verdict job, as written', async () => {
    const workflow = parse(readmeSnippet(README, '### GitHub Actions')) as {
      env: Record<string, string>;
      jobs: Record<
        string,
        { env?: Record<string, string>; strategy?: { matrix: { shard: string[] } }; steps: GithubStep[] }
      >;
    };
    const expression = (text: string, matrix: Record<string, string>, jobIndex: number) =>
      text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
        if (name.startsWith('secrets.')) return secrets[name.slice('secrets.'.length)] ?? '';
        if (name.startsWith('matrix.')) return matrix[name.slice('matrix.'.length)] ?? '';
        if (name === 'strategy.job-index') return String(jobIndex);
        throw new Error(`the test does not know the expression ${name}`);
      });
    const artifacts = join(work, 'gh-artifacts');
    const runJob = async (name: string, matrix: Record<string, string>, jobIndex: number) => {
      const job = workflow.jobs[name]!;
      const dir = workspace(installed, join(work, `gh-${name}-${jobIndex}`));
      writeFleetYaml(dir);
      const env: NodeJS.ProcessEnv = { ...runner };
      for (const [key, value] of Object.entries({ ...workflow.env, ...job.env }))
        env[key] = expression(String(value), matrix, jobIndex);
      env.MISP_LAB_PACKAGE = installed.tarball;
      let last = 0;
      for (const step of job.steps) {
        const uses = step.uses?.split('@')[0];
        const input = (key: string) => expression(String(step.with?.[key] ?? ''), matrix, jobIndex);
        if (step.run) {
          const run = await shell(expression(step.run, matrix, jobIndex), dir, env);
          last = run.code;
          if (run.code !== 0) break; // a failing step fails the job; `if: always()` steps still run
          continue;
        }
        if (uses === 'actions/upload-artifact') {
          expect(existsSync(join(dir, input('path'))), `${name}: ${input('path')}`).toBe(true);
          cpSync(join(dir, input('path')), join(artifacts, input('name')), { recursive: true });
        } else if (uses === 'actions/download-artifact') {
          const prefix = input('pattern').replace(/\*$/, '');
          for (let i = 0; i < 8; i += 1)
            if (existsSync(join(artifacts, `${prefix}${i}`)))
              cpSync(join(artifacts, `${prefix}${i}`), join(dir, input('path'), `${prefix}${i}`), {
                recursive: true,
              });
        } else if (uses === 'mikepenz/action-junit-report') {
          expect(existsSync(join(dir, input('report_paths')))).toBe(true);
        }
      }
      return { dir, last };
    };
    const shards = workflow.jobs.audit!.strategy!.matrix.shard;
    expect(shards).toEqual(['1/2', '2/2']);
    for (const [index, shard] of shards.entries()) {
      const { last } = await runJob('audit', { shard }, index);
      expect(last).toBe(0);
    }
    const verdict = await runJob('verdict', {}, 0);
    expectMergedFleet(join(verdict.dir, 'merged'), verdict.last);
  }, 900_000);
});

describe('README: GitLab CI', () => {
  it('parallel audit jobs and the verdict job, as written', async () => {
    const pipeline = parse(readmeSnippet(README, '### GitLab CI')) as Record<string, unknown> & {
      variables: Record<string, string>;
    };
    type Job = {
      parallel?: number;
      script: string[];
      artifacts: { paths: string[]; reports?: { junit?: string } };
    };
    const audit = pipeline['misp-audit'] as Job;
    const verdictJob = pipeline['misp-verdict'] as Job;
    const store = join(work, 'gl-artifacts');
    const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
      ...runner,
      ...pipeline.variables,
      ...secrets, // masked CI/CD variables reach every job as variables
      MISP_LAB_PACKAGE: installed.tarball,
      ...extra,
    });
    const runScript = async (job: Job, dir: string, jobEnv: NodeJS.ProcessEnv) => {
      let last = 0;
      for (const line of job.script) {
        last = (await shell(line, dir, jobEnv)).code;
        if (last !== 0) break;
      }
      return last;
    };
    expect(audit.parallel).toBe(2);
    for (let index = 1; index <= audit.parallel!; index += 1) {
      const dir = workspace(installed, join(work, `gl-audit-${index}`));
      writeFleetYaml(dir);
      const code = await runScript(
        audit,
        dir,
        env({ CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(audit.parallel) }),
      );
      expect(code).toBe(0);
      // GitLab extracts every needed job's artifacts at the same paths in the next job's checkout.
      for (const path of audit.artifacts.paths)
        cpSync(join(dir, path), join(store, path), { recursive: true });
    }
    const dir = workspace(installed, join(work, 'gl-verdict'));
    writeFleetYaml(dir);
    cpSync(store, dir, { recursive: true });
    const code = await runScript(verdictJob, dir, env({}));
    const junit = verdictJob.artifacts.reports?.junit;
    expect(junit && existsSync(join(dir, junit))).toBe(true);
    expectMergedFleet(join(dir, 'merged'), code);
  }, 900_000);
});
