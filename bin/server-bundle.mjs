// The reference server as one plain JavaScript file, built from server/ with esbuild and kept
// under node_modules/.cache. Run from it, the server carries no TypeScript loader: tsx's module
// hooks run on a worker thread with a V8 heap of its own, some 40 MB of the server's memory
// (measured with bench/side-by-side.ts). Rebuilt when any file under server/ is newer than the
// bundle. Gives null when it cannot build or write one; the caller then runs the sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'server');
const ENTRY = join(SERVER, 'main.ts');
const BUNDLE = join(ROOT, 'node_modules/.cache/misp-server/main.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function fresh() {
  try {
    return statSync(BUNDLE).mtimeMs >= newestSource(SERVER);
  } catch {
    return false;
  }
}

/** Each module keeps its own import.meta.url, so files it reads beside itself are still found. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

async function build() {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [ownUrl],
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // Written beside and renamed: two servers starting at once never read half a bundle.
  const temporary = `${BUNDLE}.${process.pid}`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, BUNDLE);
}

/**
 * The bundle's path, built if needed (in a child process, so that esbuild never takes up the
 * server's memory); null when building is not possible here.
 */
export function serverBundle() {
  if (process.env.MISP_SERVER_FROM_SOURCES === '1') return null;
  if (fresh()) return BUNDLE;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'ignore' });
  return child.status === 0 && fresh() ? BUNDLE : null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await build();
  } catch (error) {
    console.error(`server-bundle: ${error.message}`);
    process.exit(1);
  }
}
