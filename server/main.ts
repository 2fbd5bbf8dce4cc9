/**
 * misp-server: the reference server's own command line.
 *   misp-server serve [--host H] [--port N] [--data-dir D] [--smtp-host H --smtp-port N] [--baseurl URL]
 *   misp-server admin setSetting <name> [<value>] [--force] [--null]
 *   misp-server admin getSetting [<name>|all]
 * The data folder comes from --data-dir or MISP_DATA_DIR; without either, `admin` acts on the one
 * server `misp-lab up` runs from the current folder (as `cake` knows its install). Secrets (admin
 * password, auth key) only from the environment (MISP_ADMIN_PASSWORD, MISP_ADMIN_AUTHKEY).
 */
import { parseArgs } from 'node:util';
import { createServices, seedSiteAdmin, startMispServer } from './app.ts';
import { runAdminShell } from './console/admin-shell.ts';
import { dataDirOfRunningInstance } from './console/instance-registry.ts';

const USAGE = `Usage:
  misp-server serve [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--smtp-host H] [--smtp-port N] [--baseurl URL]
  misp-server admin setSetting <name> [<value>] [--force] [--null]
  misp-server admin getSetting [<name>|all]
Data folder: --data-dir, MISP_DATA_DIR, or (admin) the lab \`misp-lab up\` runs from this folder. Secrets: MISP_ADMIN_PASSWORD, MISP_ADMIN_AUTHKEY.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'admin') return admin(rest);
  if (command === 'serve') return serveCommand(rest);
  if (command === '--help' || command === '-h' || command === undefined) {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  console.error(`misp-server: unknown command "${command}"\n${USAGE}`);
  return 2;
}

function admin(args: string[]): number {
  const dataIndex = args.indexOf('--data-dir');
  const shellArgs = dataIndex >= 0 ? args.filter((_, i) => i !== dataIndex && i !== dataIndex + 1) : args;
  let dataDir = dataIndex >= 0 ? args[dataIndex + 1] : process.env.MISP_DATA_DIR;
  if (!dataDir) {
    const found = dataDirOfRunningInstance(process.cwd());
    if ('error' in found) {
      console.error(found.error);
      return 2;
    }
    dataDir = found.dataDir;
  }
  const services = createServices({ dataDir });
  try {
    services.users.seedDefaults(services.settings.string('MISP.org') || 'ORGNAME');
    return runAdminShell(shellArgs, services.settings, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    services.db.close();
  }
}

async function serveCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        host: { type: 'string', default: process.env.MISP_HOST ?? '127.0.0.1' },
        port: { type: 'string', default: process.env.MISP_PORT ?? '8080' },
        'data-dir': { type: 'string', default: process.env.MISP_DATA_DIR },
        'smtp-host': { type: 'string', default: process.env.MISP_SMTP_HOST },
        'smtp-port': { type: 'string', default: process.env.MISP_SMTP_PORT },
        baseurl: { type: 'string', default: process.env.MISP_BASEURL },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`misp-server: ${(error as Error).message}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`misp-server: --port must be a number from 0 to 65535, got "${values.port}"`);
    return 2;
  }
  const smtpPort = values['smtp-port'] ? Number(values['smtp-port']) : 25;
  const server = await startMispServer({
    host: values.host,
    port,
    dataDir: values['data-dir'],
    smtp: values['smtp-host'] ? { host: values['smtp-host'], port: smtpPort } : null,
    settings: values.baseurl ? { 'MISP.baseurl': values.baseurl } : {},
    admin: {
      password: process.env.MISP_ADMIN_PASSWORD || undefined,
      authKey: process.env.MISP_ADMIN_AUTHKEY || undefined,
    },
  });
  const adminCredentials = server.getAdmin();
  console.log(`misp-server ${server.services.config.mispVersion} listening on ${server.getUrl()}`);
  if (!process.env.MISP_ADMIN_PASSWORD)
    console.log(`site admin: ${adminCredentials.email} / ${adminCredentials.password}`);
  if (!process.env.MISP_ADMIN_AUTHKEY) console.log(`site admin auth key: ${adminCredentials.authKey}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  return 0;
}

// seedSiteAdmin is re-exported for the container entry point's first-run checks.
export { seedSiteAdmin };

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`misp-server: ${error.message}`);
    process.exit(2);
  },
);
