/** Shared by the container tests: runs the misp-lab CLI and tells whether an engine is reachable. */
import { spawnSync } from 'node:child_process';
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

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): CliRun {
  const started = Date.now();
  const result = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/misp-lab.mjs'), ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}
