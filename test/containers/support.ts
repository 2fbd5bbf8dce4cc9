/** Shared by the container tests: runs the misp-lab CLI and tells whether an engine is reachable. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Why the container tests cannot run here, or null when an engine socket is reachable. */
export function noEngineReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const host = env.DOCKER_HOST;
  if (!host)
    return existsSync('/var/run/docker.sock')
      ? null
      : 'no container engine: DOCKER_HOST unset and /var/run/docker.sock missing (run scripts/setup-podman.sh)';
  if (host.startsWith('unix://') && !existsSync(host.slice('unix://'.length)))
    return `no container engine: ${host} is missing (run scripts/setup-podman.sh)`;
  return null;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Asynchronous on purpose: a lab served by this very process must keep answering meanwhile. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/misp-lab.mjs'), ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
