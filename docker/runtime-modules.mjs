#!/usr/bin/env node
/**
 * Copies only the node_modules the images run (the closure of the packages that the server and
 * lab-service sources import, plus tsx) into a staging folder, as hard links where possible.
 * Images built offline from it take seconds instead of copying every dev tool.
 *
 *   node docker/runtime-modules.mjs <staging-dir> [source dirs…] [--also=pkg,pkg]
 *   (default sources: server lab/mail lab/chat docker/lab-services; --also: packages the sources
 *   name in other ways, e.g. Cucumber formatters named in cucumber.js)
 */
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const also = args.filter((a) => a.startsWith('--also=')).flatMap((a) => a.slice('--also='.length).split(','));
const [staging, ...given] = args.filter((a) => !a.startsWith('--also='));
if (!staging) {
  console.error('usage: runtime-modules.mjs <staging-dir> [source dirs…]');
  process.exit(2);
}
const sources = given.length > 0 ? given : ['server', 'lab/mail', 'lab/chat', 'docker/lab-services'];
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) yield path;
  }
}

const roots = new Set(['tsx', ...also]);
// Imports, and createRequire(…).resolve('pkg') (a package's CLI run by path).
const importPattern = /(?:from\s+|import\s*\(\s*|import\s+|\.resolve\(\s*)['"]([^'"./][^'"]*)['"]/g;
for (const dir of sources) {
  for (const file of files(dir)) {
    // Comments are prose ("wires drawn from "then" outputs"), not imports.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier] of code.matchAll(importPattern)) {
      if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) continue;
      const parts = specifier.split('/');
      roots.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
}
roots.delete('vitest');

/** npm's lookup: the nearest node_modules/<name> from the requiring package up to the root. */
function resolve(from, name) {
  for (let base = from; ; base = dirname(dirname(base))) {
    const candidate = base === '' || base === '.' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '' || base === '.') return null;
  }
}

const needed = new Set();
const queue = [...roots].map((name) => ['', name, false]);
while (queue.length > 0) {
  const [from, name, optional] = queue.shift();
  const location = resolve(from, name);
  if (!location || !existsSync(location)) {
    if (optional) continue;
    console.error(
      `runtime-modules: ${name} (needed by ${from || 'the sources'}) is not installed: run npm ci`,
    );
    process.exit(2);
  }
  if (needed.has(location)) continue;
  needed.add(location);
  const meta = packages[location];
  for (const dep of Object.keys(meta.dependencies ?? {})) queue.push([location, dep, false]);
  for (const dep of Object.keys(meta.optionalDependencies ?? {})) queue.push([location, dep, true]);
  for (const dep of Object.keys(meta.peerDependencies ?? {})) queue.push([location, dep, true]);
}

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
// Outermost first, and never copy a nested node_modules twice: nested packages come in on their own.
for (const location of [...needed].sort()) {
  const target = join(staging, location.replace(/^node_modules\//, ''));
  copyTree(location, target);
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isSymbolicLink()) cpSync(source, target, { verbatimSymlinks: true });
    else if (statSync(source).isFile()) {
      try {
        linkSync(source, target);
      } catch {
        cpSync(source, target);
      }
    }
  }
}
console.log(`runtime-modules: ${needed.size} packages for ${[...roots].sort().join(', ')}`);
