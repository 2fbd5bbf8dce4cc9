/**
 * The README's GitHub Actions and GitLab CI examples, run as the CI systems run them: the
 * snippets are taken from the README, their `run:` / `script:` lines executed job by job in
 * fresh workspaces, the artifacts handed on as each system does. Whoever calls says which
 * deployments the inventory names (reference servers, or a real MISP) and judges the verdict.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { readmeSnippet, REPO_ROOT, shell, workspace, type InstalledPackage } from './support.ts';

/** A deployment of the README's fleet.yaml: cert-prod (a key) and partner-a (a key and a password). */
export interface CiDeployment {
  url: string;
  authkey: string;
  password: string;
}

export interface CiRun {
  work: string;
  installed: InstalledPackage;
  prod: CiDeployment;
  partner: CiDeployment;
}

export interface CiVerdict {
  /** The folder the verdict job merged the shards into. */
  mergedDir: string;
  /** The verdict job's exit code: the pipeline's gate. */
  code: number;
}

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** What the CI system's secret store holds. */
export function ciSecrets(run: CiRun): Record<string, string> {
  return {
    PROD_MISP_AUTHKEY: run.prod.authkey,
    PARTNER_A_AUTHKEY: run.partner.authkey,
    PARTNER_A_PASSWORD: run.partner.password,
  };
}

/** A runner's environment: no MISP_* of this machine, npm served from its cache. */
export function runnerEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MISP_'))),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/** The README's fleet.yaml, with the URLs of the deployments this run stands in for. */
function writeFleetYaml(dir: string, run: CiRun): void {
  writeFileSync(
    join(dir, 'fleet.yaml'),
    `deployments:
  - name: cert-prod
    url: ${run.prod.url}
    authkey_env: PROD_MISP_AUTHKEY
    tags: [prod]
  - name: partner-a
    url: ${run.partner.url}
    authkey_env: PARTNER_A_AUTHKEY
    password_env: PARTNER_A_PASSWORD
    tags: [partner]
`,
  );
}

interface GithubStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** The audit matrix, then the verdict job; every audit job must succeed (its `|| echo`). */
export async function runGithubExample(run: CiRun): Promise<CiVerdict> {
  const workflow = parse(readmeSnippet(README, '### GitHub Actions')) as {
    env: Record<string, string>;
    jobs: Record<
      string,
      { env?: Record<string, string>; strategy?: { matrix: { shard: string[] } }; steps: GithubStep[] }
    >;
  };
  const secrets = ciSecrets(run);
  const expression = (text: string, matrix: Record<string, string>, jobIndex: number) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
      if (name.startsWith('secrets.')) return secrets[name.slice('secrets.'.length)] ?? '';
      if (name.startsWith('matrix.')) return matrix[name.slice('matrix.'.length)] ?? '';
      if (name === 'strategy.job-index') return String(jobIndex);
      throw new Error(`the test does not know the expression ${name}`);
    });
  const artifacts = join(run.work, 'gh-artifacts');
  const runJob = async (name: string, matrix: Record<string, string>, jobIndex: number) => {
    const job = workflow.jobs[name]!;
    const dir = workspace(run.installed, join(run.work, `gh-${name}-${jobIndex}`));
    writeFleetYaml(dir, run);
    const env: NodeJS.ProcessEnv = runnerEnv();
    for (const [key, value] of Object.entries({ ...workflow.env, ...job.env }))
      env[key] = expression(String(value), matrix, jobIndex);
    env.MISP_LAB_PACKAGE = run.installed.tarball;
    let last = 0;
    for (const step of job.steps) {
      const uses = step.uses?.split('@')[0];
      const input = (key: string) => expression(String(step.with?.[key] ?? ''), matrix, jobIndex);
      if (step.run) {
        const ran = await shell(expression(step.run, matrix, jobIndex), dir, env);
        last = ran.code;
        if (ran.code !== 0) break; // a failing step fails the job; `if: always()` steps still run
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
  return { mergedDir: join(verdict.dir, 'merged'), code: verdict.last };
}

interface GitlabJob {
  parallel?: number;
  script: string[];
  artifacts: { paths: string[]; reports?: { junit?: string } };
}

/** `parallel` audit jobs, then the verdict job; GitLab's JUnit report must be there. */
export async function runGitlabExample(run: CiRun): Promise<CiVerdict> {
  const pipeline = parse(readmeSnippet(README, '### GitLab CI')) as Record<string, unknown> & {
    variables: Record<string, string>;
  };
  const audit = pipeline['misp-audit'] as GitlabJob;
  const verdictJob = pipeline['misp-verdict'] as GitlabJob;
  const store = join(run.work, 'gl-artifacts');
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...runnerEnv(),
    ...pipeline.variables,
    ...ciSecrets(run), // masked CI/CD variables reach every job as variables
    MISP_LAB_PACKAGE: run.installed.tarball,
    ...extra,
  });
  const runScript = async (job: GitlabJob, dir: string, jobEnv: NodeJS.ProcessEnv) => {
    let last = 0;
    for (const line of job.script) {
      last = (await shell(line, dir, jobEnv)).code;
      if (last !== 0) break;
    }
    return last;
  };
  expect(audit.parallel).toBe(2);
  for (let index = 1; index <= audit.parallel!; index += 1) {
    const dir = workspace(run.installed, join(run.work, `gl-audit-${index}`));
    writeFleetYaml(dir, run);
    const code = await runScript(
      audit,
      dir,
      env({ CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(audit.parallel) }),
    );
    expect(code).toBe(0);
    // GitLab extracts every needed job's artifacts at the same paths in the next job's checkout.
    for (const path of audit.artifacts.paths) cpSync(join(dir, path), join(store, path), { recursive: true });
  }
  const dir = workspace(run.installed, join(run.work, 'gl-verdict'));
  writeFleetYaml(dir, run);
  cpSync(store, dir, { recursive: true });
  const code = await runScript(verdictJob, dir, env({}));
  const junit = verdictJob.artifacts.reports?.junit;
  expect(junit && existsSync(join(dir, junit))).toBe(true);
  return { mergedDir: join(dir, 'merged'), code };
}
