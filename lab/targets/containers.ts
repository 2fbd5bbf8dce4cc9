/**
 * The containers target: the reference server image, MailHog and Mattermost as containers
 * (lab/containers/container-lab.ts). Images: MISP_LAB_MISP_IMAGE, MISP_LAB_MAILHOG_IMAGE,
 * MISP_LAB_MATTERMOST_IMAGE. The engine is checked first, without loading testcontainers, so a
 * missing one costs a second, not the several that testcontainers' own search takes.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LabConfig } from '../cli/options.ts';
import type { StartedLab } from './lab-environment.ts';

export class ContainerEngineError extends Error {}

export async function startContainerLab(_config: LabConfig): Promise<StartedLab> {
  await requireEngine();
  const { startLabContainers } = await import('../containers/container-lab.ts');
  return startLabContainers();
}

/**
 * Fails within a second or two, in one line, when no engine answers: an absent socket is seen
 * before testcontainers tries every strategy it knows (which takes several seconds).
 */
async function requireEngine(): Promise<void> {
  const dockerHost = process.env.DOCKER_HOST;
  const where = dockerHost ? `DOCKER_HOST=${dockerHost}` : 'DOCKER_HOST is unset';
  const fail = (why: string) =>
    new ContainerEngineError(
      `the containers target needs a Docker-API container engine: ${why} (${where}); start Docker, or run ` +
        'scripts/setup-podman.sh and export DOCKER_HOST=unix:///run/podman/podman.sock TESTCONTAINERS_RYUK_DISABLED=true',
    );
  const socket = dockerHost?.startsWith('unix://') ? dockerHost.slice('unix://'.length) : undefined;
  if (socket !== undefined && !existsSync(socket)) throw fail(`the socket ${socket} does not exist`);
  if (!dockerHost && !KNOWN_SOCKETS().some((path) => existsSync(path))) throw fail('no engine socket found');
  const target =
    socket ??
    (dockerHost ? undefined : KNOWN_SOCKETS().find((path) => path.endsWith('.sock') && existsSync(path)));
  if (target && !(await pingUnixSocket(target))) throw fail(`nothing answers on ${target}`);
}

/** GET /_ping on the engine's socket: true when it answers at all within 3 s. */
function pingUnixSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 3_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Where testcontainers looks when DOCKER_HOST is unset. */
const KNOWN_SOCKETS = () => [
  '/var/run/docker.sock',
  join(homedir(), '.testcontainers.properties'),
  join(homedir(), '.docker/run/docker.sock'),
  join(homedir(), '.docker/desktop/docker.sock'),
  ...(process.env.XDG_RUNTIME_DIR ? [join(process.env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
];
