/**
 * The console line `misp-lab up` hands a trainer: the slides' `cake Admin`, typed in the folder
 * where `up` runs. The embedded server announces itself in that folder, so the line needs no
 * environment variable; `npx misp-server` is printed only where npx finds this package's bin.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabEnvironment } from '../targets/lab-environment.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SERVER_BIN = join(REPO_ROOT, 'bin/misp-server.mjs');

interface ConsoleContract {
  /** Prefix of `setSetting <name> <value>` / `getSetting <name>`, as a shell line. */
  command: string;
  dataDir?: string;
}

export function consoleContract(env: LabEnvironment, cwd: string): ConsoleContract | undefined {
  const shell = env.misp.console;
  if (!shell) return undefined;
  const command =
    env.target === 'embedded'
      ? npxFindsThisPackage(cwd)
        ? 'npx misp-server admin'
        : [process.execPath, SERVER_BIN, 'admin'].map(shellQuote).join(' ')
      : [
          ...Object.entries(shell.env ?? {}).map(([name, value]) => `${name}=${shellQuote(value)}`),
          ...shell.command.map(shellQuote),
        ].join(' ');
  return shell.dataDir === undefined ? { command } : { command, dataDir: shell.dataDir };
}

/**
 * npx runs the bins of the project it stands in: the nearest folder up from cwd with a
 * package.json or node_modules. That is this package, or a project that installed it.
 */
function npxFindsThisPackage(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'node_modules'))) {
      return relative(REPO_ROOT, dir) === '' || existsSync(join(dir, 'node_modules/.bin/misp-server'));
    }
    if (dirname(dir) === dir) return false;
  }
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
