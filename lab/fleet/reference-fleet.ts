/**
 * Stand-ins for a fleet, for the tests and the benchmark: N reference servers in this process
 * (in-memory databases, settings as a workshop deployment has them so the external target's
 * preflight passes), one mail catcher and one chat server shared by all, and the inventory that
 * names them. Each deployment's auth key is in its own environment variable, as in a CERT's CI.
 */
import { writeFileSync } from 'node:fs';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { startEmbeddedLab } from '../targets/embedded.ts';
import { mailAndChatVariables } from '../targets/lab-environment.ts';

export interface ReferenceFleet {
  /** name, url, the variable holding the key, and the key itself. */
  deployments: {
    name: string;
    url: string;
    authkeyEnv: string;
    authkey: string;
    passwordEnv: string;
    password: string;
  }[];
  /** The shared mail and chat services plus every deployment's secret, for the `check` process. */
  environment: Record<string, string>;
  /** Writes an inventory of the fleet's first `count` deployments (default all) to `file`. */
  writeInventory(file: string, count?: number): void;
  stop(): Promise<void>;
}

const DEPLOYMENT_SETTINGS = {
  'MISP.background_jobs': true,
  'Plugin.Workflow_enable': true,
  'Plugin.Action_services_enable': true,
};

/** `portBase` 0 picks free ports; else the shared services on base..base+3, servers from base+4. */
export async function startReferenceFleet(count: number, portBase = 0): Promise<ReferenceFleet> {
  const services = await startEmbeddedLab({ portBase });
  const servers: StartedMispServer[] = [];
  try {
    for (let i = 0; i < count; i += 1)
      servers.push(
        await startMispServer({
          port: portBase === 0 ? 0 : portBase + 4 + i,
          settings: DEPLOYMENT_SETTINGS,
          smtp: { host: '127.0.0.1', port: services.environment.mail.smtpPort },
        }),
      );
  } catch (error) {
    await Promise.all([...servers.map((s) => s.stop()), services.stop()]);
    throw error;
  }
  const deployments = servers.map((server, i) => {
    const name = `reference-${String(i + 1).padStart(2, '0')}`;
    const variable = name.toUpperCase().replace(/-/g, '_');
    return {
      name,
      url: server.getUrl(),
      authkeyEnv: `${variable}_AUTHKEY`,
      authkey: server.getAdmin().authKey,
      passwordEnv: `${variable}_PASSWORD`,
      password: server.getAdmin().password,
    };
  });
  const environment: Record<string, string> = {
    ...mailAndChatVariables(services.environment),
    ...Object.fromEntries(
      deployments.flatMap((d) => [
        [d.authkeyEnv, d.authkey],
        [d.passwordEnv, d.password],
      ]),
    ),
  };
  return {
    deployments,
    environment,
    writeInventory(file, count = deployments.length) {
      const entries = deployments
        .slice(0, count)
        .map(
          (d, i) =>
            `  - name: ${d.name}\n    url: ${d.url}\n    authkey_env: ${d.authkeyEnv}\n    password_env: ${d.passwordEnv}\n` +
            `    tags: [reference, ${i % 2 === 0 ? 'odd' : 'even'}]\n`,
        );
      writeFileSync(file, `deployments:\n${entries.join('')}`);
    },
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await services.stop();
    },
  };
}
