#!/usr/bin/env node
// Runs after `npm ci`/`npm install`: makes sure a Chromium exists for the browser scenarios.
// Found (CHROMIUM_PATH, system Chromium/Chrome, Playwright's cache) → done. Otherwise install:
// Debian's chromium package when we are root with apt-get, else Playwright's own download.
// Never fails the install: where nothing works, one line names the command to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function found() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p));
}

function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    timeout: timeoutMs,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (process.env.MISP_LAB_SKIP_BROWSER_INSTALL) process.exit(0);
const existing = found();
if (existing) {
  console.log(`misp-lab: browser found at ${existing}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log("misp-lab: no Chromium found; installing Debian's chromium package…");
  if (
    run('apt-get', ['update', '-qq'], 300_000) &&
    run('apt-get', ['install', '-y', '-qq', 'chromium'], 600_000) &&
    found()
  )
    process.exit(0);
}
console.log("misp-lab: trying Playwright's Chromium download…");
if (run(process.execPath, ['node_modules/playwright-core/cli.js', 'install', 'chromium'], 300_000))
  process.exit(0);
console.log(
  'misp-lab: no browser could be installed. Run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
);
