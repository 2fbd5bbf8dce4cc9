/**
 * One `misp-lab check --target external` per deployment, a bounded number at a time. Each runs in
 * its own process: the external target reads its deployment from the environment, Cucumber keeps
 * global state, and a deployment that hangs or crashes must not take the others down. The child
 * gets this process's environment without any MISP_* variable, plus its own deployment's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedactor } from '../reporting/redaction.ts';
import type { ResolvedDeployment } from './inventory.ts';

const BIN = fileURLToPath(new URL('../../bin/misp-lab.mjs', import.meta.url));
/** A deployment that takes longer is stopped and reported as a tool failure (exit 2). */
export const DEFAULT_DEPLOYMENT_TIMEOUT_MS = 60 * 60 * 1000;

export interface FleetRunOptions {
  /** Where each deployment's reports go: <reportsDir>/deployments/<name>. */
  reportsDir: string;
  concurrency: number;
  profile: string;
  tags?: string;
  waiversFile?: string;
  timeZone?: string;
  timeoutMs?: number;
  /** One line as each deployment finishes. */
  onFinished?: (run: DeploymentRun, done: number, total: number) => void;
}

export interface DeploymentRun {
  name: string;
  exitCode: number;
  durationMs: number;
  /** The child's folder, relative to the fleet's reports folder. */
  reportsDir: string;
  /** Set when the child did not end on its own (timeout, signal, could not start). */
  error?: string;
}

export function deploymentDir(name: string): string {
  return join('deployments', name);
}

export async function runFleet(
  deployments: ResolvedDeployment[],
  options: FleetRunOptions,
): Promise<DeploymentRun[]> {
  const results: DeploymentRun[] = new Array(deployments.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < deployments.length) {
      const index = next++;
      const run = await runDeployment(deployments[index]!, options);
      results[index] = run;
      options.onFinished?.(run, ++done, deployments.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, deployments.length) }, worker));
  return results;
}

function runDeployment(deployment: ResolvedDeployment, options: FleetRunOptions): Promise<DeploymentRun> {
  const relative = deploymentDir(deployment.name);
  const dir = join(options.reportsDir, relative);
  mkdirSync(dir, { recursive: true });
  const args = [
    BIN,
    'check',
    '--target',
    'external',
    '--profile',
    options.profile,
    '--reports-dir',
    dir,
    ...(options.tags ? ['--tags', options.tags] : []),
    ...(options.waiversFile ? ['--waivers', options.waiversFile] : []),
    ...(options.timeZone ? ['--timezone', options.timeZone] : []),
  ];
  const redact = createRedactor([deployment.authkey, deployment.password]);
  const started = performance.now();
  return new Promise((resolve) => {
    const output: Buffer[] = [];
    const child = spawn(process.execPath, args, {
      env: childEnvironment(deployment, process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = `stopped after ${Math.round((options.timeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS) / 1000)} s`;
      child.kill('SIGTERM');
    }, options.timeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS);
    const finish = (code: number | null, signal: string | null, startError?: Error) => {
      clearTimeout(timer);
      const text = redact(Buffer.concat(output).toString('utf8'));
      writeFileSync(join(dir, 'console.log'), text);
      if (startError) error = `could not start misp-lab check: ${startError.message}`;
      else if (code === null && !error) error = `misp-lab check ended by ${signal}`;
      // The child's own one-line reason (e.g. a preflight problem) is the row's explanation.
      const reason = error ?? (code === 2 ? lastErrorLine(text) : undefined);
      resolve({
        name: deployment.name,
        exitCode: error ? 2 : (code ?? 2),
        durationMs: performance.now() - started,
        reportsDir: relative,
        ...(reason ? { error: reason } : {}),
      });
    };
    child.once('error', (e) => finish(null, null, e));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** This process's environment without any MISP_* variable (another deployment's), plus this deployment's. */
export function childEnvironment(deployment: ResolvedDeployment, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('MISP_')));
  return {
    ...clean,
    MISP_URL: deployment.url,
    MISP_ADMIN_AUTHKEY: deployment.authkey,
    ...(deployment.password ? { MISP_ADMIN_PASSWORD: deployment.password } : {}),
    ...(deployment.adminEmail ? { MISP_ADMIN_EMAIL: deployment.adminEmail } : {}),
    ...(deployment.caFile ? { MISP_CA_FILE: deployment.caFile } : {}),
    ...(deployment.insecureTls ? { MISP_INSECURE_TLS: '1' } : {}),
    // The parent's lab settings that are not about one deployment still apply.
    ...(env.MISP_LAB_SKIP_PREFLIGHT ? { MISP_LAB_SKIP_PREFLIGHT: env.MISP_LAB_SKIP_PREFLIGHT } : {}),
  };
}

function lastErrorLine(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.startsWith('misp-lab: '));
  return lines.length > 0 ? lines.map((l) => l.slice('misp-lab: '.length)).join('; ') : undefined;
}
