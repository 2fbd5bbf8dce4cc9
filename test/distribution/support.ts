/**
 * The package as another repository gets it: `npm pack` of this checkout, installed into an
 * empty project with npm, once per test file. Workspaces (a CI job's checkout) start from a
 * hard-linked copy of that install, so each job's own `npm install` line finds it up to date.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');

export interface InstalledPackage {
  tarball: string;
  /** A project folder with package.json and node_modules holding the package. */
  project: string;
}

export function packAndInstall(work: string): InstalledPackage {
  execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  const project = join(work, 'installed');
  mkdirSync(project);
  execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' });
  // Install scripts would fetch better-sqlite3's prebuilt addon from GitHub, which this offline
  // machine cannot reach (and compiling it takes 20 minutes under load): the addon this checkout
  // built for the same Node stands in for that download. Nothing else runs an install script.
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball],
    {
      cwd: project,
      stdio: 'ignore',
    },
  );
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(dirname(join(project, addon)), { recursive: true });
  copyFileSync(join(REPO_ROOT, addon), join(project, addon));
  return { tarball, project };
}

/** A CI job's fresh checkout, with the package already in its npm cache (node_modules linked). */
export function workspace(installed: InstalledPackage, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ['package.json', 'package-lock.json', 'node_modules'])
    cpSync(join(installed.project, name), join(dir, name), { recursive: true, verbatimSymlinks: true });
  return dir;
}

export interface ShellRun {
  code: number;
  output: string;
}

/** One CI line, as the runners run it: bash, stop at the first failing command. */
export function shell(
  line: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 600_000,
): Promise<ShellRun> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', line], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 2, output });
    });
  });
}

/** The first ```yaml block after a heading of the README. */
export function readmeSnippet(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const match = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!match) throw new Error(`README has no yaml block under "${heading}"`);
  return match[1]!;
}
