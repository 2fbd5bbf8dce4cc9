/**
 * `npm run record:misp -- --url URL [--console "CMD"] [--only id,id] [--out DIR] [--no-pages]`
 * runs the exchange catalogue against a real MISP and writes one recording per exchange into
 * fixtures/misp-recordings/. The admin's auth key and password come from the environment
 * (MISP_ADMIN_AUTHKEY, MISP_ADMIN_PASSWORD, MISP_ADMIN_EMAIL), or `--authkey`. It creates a user,
 * a role, a tag and an event, and deletes them again. A recording that would hold one of the
 * run's secrets is refused. Exit 2 on a bad flag or an unreachable MISP, one line.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../browser.ts';
import { CATALOGUE } from './catalogue.ts';
import type { Recording } from './compare.ts';
import { RECORDINGS_DIR } from './recordings.ts';
import { runCatalogue, type ConsoleRun, type ContractTarget } from './runner.ts';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: process.env.MISP_URL },
      authkey: { type: 'string', default: process.env.MISP_ADMIN_AUTHKEY },
      email: { type: 'string', default: process.env.MISP_ADMIN_EMAIL ?? 'admin@admin.test' },
      console: { type: 'string', default: process.env.MISP_CONSOLE },
      only: { type: 'string' },
      out: { type: 'string', default: RECORDINGS_DIR },
      'no-pages': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.url || !values.authkey)
    throw new Error('give --url (or MISP_URL) and MISP_ADMIN_AUTHKEY (or --authkey)');
  const only = values.only ? new Set(values.only.split(',')) : null;
  const unknown = [...(only ?? [])].filter((id) => !CATALOGUE.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`--only names no exchange: ${unknown.join(', ')}`);

  const version = await mispVersion(values.url, values.authkey);
  const browser = values['no-pages'] ? undefined : await launchChromium();
  const target: ContractTarget = {
    url: values.url,
    adminEmail: values.email!,
    adminAuthKey: values.authkey,
    adminPassword: process.env.MISP_ADMIN_PASSWORD || undefined,
    browser,
    console: values.console ? consoleRunner(values.console) : undefined,
  };
  try {
    // The whole catalogue runs even for --only: later exchanges need the data earlier ones make.
    const run = await runCatalogue(target);
    mkdirSync(values.out!, { recursive: true });
    let written = 0;
    for (const observation of run.observations) {
      if (only && !only.has(observation.id)) continue;
      if (observation.notRun) {
        process.stderr.write(`record: ${observation.id} not recorded: ${observation.notRun}\n`);
        continue;
      }
      const recording: Recording = {
        ...observation,
        recordedFrom: { mispVersion: version, recordedAt: new Date().toISOString().slice(0, 10) },
      };
      const text = `${JSON.stringify(recording, null, 2)}\n`;
      const leaked = run.secrets.find((secret) => text.includes(secret));
      if (leaked)
        throw new Error(`the recording of ${observation.id} would hold a secret; nothing of it was written`);
      writeFileSync(join(values.out!, `${observation.id}.json`), text);
      written += 1;
    }
    process.stdout.write(`record: ${written} recordings from MISP ${version} in ${values.out}\n`);
    return 0;
  } finally {
    await browser?.close();
  }
}

async function mispVersion(url: string, authKey: string): Promise<string> {
  const answer = await fetch(`${url.replace(/\/+$/, '')}/servers/getVersion`, {
    headers: { Authorization: authKey, Accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  }).catch((error: Error) => {
    throw new Error(`MISP at ${url} did not answer: ${error.message}`);
  });
  if (answer.status !== 200) throw new Error(`MISP at ${url} refused the auth key (HTTP ${answer.status})`);
  return ((await answer.json()) as { version?: string }).version ?? 'unknown';
}

/** `--console "sudo -u www-data /var/www/MISP/app/Console/cake Admin"`: an argv prefix, no shell. */
function consoleRunner(line: string): (args: string[]) => Promise<ConsoleRun> {
  const [command = '', ...prefix] = line.trim().split(/\s+/);
  return (args) =>
    new Promise((resolve) => {
      execFile(command, [...prefix, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ stdout, stderr, exitCode: error ? Number(error.code ?? 1) : 0 });
      });
    });
}

// 0 once every recording is written; any failure (a bad flag, MISP unreachable, a secret in a
// recording) is one line on stderr and exit 2, as the project's other commands do.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`record: ${error.message}\n`);
    process.exit(2);
  },
);
