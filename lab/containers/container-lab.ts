/**
 * The lab on containers (testcontainers), on the host network so that MISP, the harness and the
 * browser use the same URLs (host-network.ts says why). Containers are stopped and removed by
 * stop(), and by a failed start; Ryuk may be unavailable (TESTCONTAINERS_RYUK_DISABLED), so nothing
 * else will. The server image is built from docker/Dockerfile when it is missing and
 * MISP_LAB_MISP_IMAGE is not set.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GenericContainer,
  getContainerRuntimeClient,
  ImageName,
  type StartedTestContainer,
} from 'testcontainers';
import { bootstrapMattermost } from '../chat/bootstrap.ts';
import type { LabEnvironment, StartedLab } from '../targets/lab-environment.ts';
import { DEFAULT_MISP_IMAGE, MispServerContainer } from './misp-server-container.ts';
import { MailHogContainer } from './mailhog-container.ts';
import { MattermostContainer } from './mattermost-container.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TEAM = 'cert';
const CHANNEL = 'misp-alerts';

export async function startLabContainers(): Promise<StartedLab> {
  await ensureMispImage();
  const started: StartedTestContainer[] = [];
  // Every container of this run carries this label, so one that was created but failed to start
  // (testcontainers leaves those behind) is removed too.
  const runLabel = { 'org.misp-compliance-lab.run': randomUUID() };
  const stopAll = async () => {
    for (const container of started.reverse()) {
      await container.stop({ remove: true, removeVolumes: true, timeout: 5_000 }).catch(() => undefined);
    }
    await removeLabelled(runLabel).catch(() => undefined);
  };
  try {
    // allSettled, so that a service that started is stopped even when the other one failed.
    const [mailResult, chatResult] = await Promise.allSettled([
      new MailHogContainer().withHostNetwork().withLabels(runLabel).start(),
      new MattermostContainer().withHostNetwork().withLabels(runLabel).start(),
    ]);
    for (const result of [mailResult, chatResult])
      if (result.status === 'fulfilled') started.push(result.value);
    if (mailResult.status === 'rejected') throw prefixed('mail container', mailResult.reason);
    if (chatResult.status === 'rejected') throw prefixed('chat container', chatResult.reason);
    const [mail, chat] = [mailResult.value, chatResult.value];
    const misp = await new MispServerContainer()
      .withHostNetwork()
      .withSmtp(mail.getSmtpHost(), mail.getSmtpPort())
      .withLabels({ 'org.misp-compliance-lab': 'containers-target', ...runLabel })
      .start();
    started.push(misp);
    // The chat container listens on the host network: its admin gets a password of its own.
    const chatAdminPassword = `${randomBytes(12).toString('base64url')}-Aa1!`;
    const chatSetup = await bootstrapMattermost(chat.getBaseUrl(), {
      adminEmail: 'trainer@lab.test',
      adminUsername: 'trainer',
      adminPassword: chatAdminPassword,
      teamName: TEAM,
      channelName: CHANNEL,
      botUsername: 'misp-bot',
    });
    const environment: LabEnvironment = {
      target: 'containers',
      misp: {
        url: misp.getBaseUrl(),
        adminEmail: misp.getAdminEmail(),
        adminPassword: misp.getAdminPassword(),
        adminAuthKey: misp.getAdminAuthKey(),
        console: consoleFor(misp.getId()),
      },
      mail: { url: mail.getApiUrl(), smtpPort: mail.getSmtpPort(), smtpHost: mail.getSmtpHost() },
      chat: {
        url: chat.getBaseUrl(),
        token: chatSetup.token,
        channelId: chatSetup.channelId,
        webhookUrl: chatSetup.webhookUrl,
        teamName: TEAM,
        channelName: CHANNEL,
        admin: { username: 'trainer', password: chatAdminPassword },
      },
    };
    // The containers hold no handle in this process: without one, `misp-lab up` would exit at once
    // and leave them running. The timer keeps the process alive until stop().
    const keepAlive = setInterval(() => undefined, 60_000);
    return {
      environment,
      stop: async () => {
        clearInterval(keepAlive);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function ensureMispImage(): Promise<void> {
  if (process.env.MISP_LAB_MISP_IMAGE) return;
  const client = await getContainerRuntimeClient();
  if (await client.image.exists(ImageName.fromString(DEFAULT_MISP_IMAGE))) return;
  process.stderr.write(`misp-lab: building ${DEFAULT_MISP_IMAGE} from docker/Dockerfile (once)…\n`);
  await GenericContainer.fromDockerfile(REPO_ROOT, 'docker/Dockerfile').build(DEFAULT_MISP_IMAGE, {
    deleteOnExit: false,
  });
}

function prefixed(what: string, reason: unknown): Error {
  return new Error(`${what}: ${(reason as Error)?.message ?? String(reason)}`, { cause: reason });
}

/**
 * MISP's console as an argv prefix: `docker exec` (or `podman exec`) when a CLI is here, else a
 * small script that execs through the engine's API.
 */
function consoleFor(containerId: string): {
  command: string[];
  env?: Record<string, string>;
  dataDir: string;
} {
  const env = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : undefined;
  // The image's MISP_DATA_DIR (docker/Dockerfile), the volume the console acts on.
  const dataDir = '/var/lib/misp';
  for (const cli of ['docker', 'podman']) {
    try {
      execFileSync(cli, ['--version'], { stdio: 'ignore' });
      return { command: [cli, 'exec', containerId, 'misp-server', 'admin'], env, dataDir };
    } catch {
      // not installed: try the next
    }
  }
  return {
    command: [
      process.execPath,
      '--import',
      'tsx',
      join(REPO_ROOT, 'lab/containers/exec.ts'),
      containerId,
      'misp-server',
      'admin',
    ],
    env,
    dataDir,
  };
}

async function removeLabelled(label: Record<string, string>): Promise<void> {
  const client = await getContainerRuntimeClient();
  const [[name, value]] = Object.entries(label) as [[string, string]];
  const leftovers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${name}=${value}`] },
  });
  for (const info of leftovers)
    await client.container.dockerode.getContainer(info.Id).remove({ force: true, v: true });
}
