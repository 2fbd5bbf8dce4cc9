/**
 * Where the PyMISP battery finds its client: Debian's python3 with requests, dateutil and
 * deprecated, and PyMISP 2.5.1 with MISP's object templates. PyMISP comes from PYMISP_PATH, a
 * built real MISP ($REALMISP_ROOT/misp-modules/pylib), or the bundle's tarball under
 * ../shared/real-misp/sources, unpacked once into node_modules/.cache. No network is used.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CACHE = join(REPO, 'node_modules/.cache/pymisp-battery');
const SOURCES = resolve(REPO, process.env.REAL_MISP_SOURCES ?? '../shared/real-misp/sources');
const PYTHON = process.env.PYMISP_PYTHON ?? '/usr/bin/python3';
export const BATTERY = join(HERE, 'battery.py');

export interface PyMispEnv {
  python: string;
  pythonPath: string;
  objectsPath: string;
}

/** The environment, or why the battery cannot run here (the test is skipped with that reason). */
export function findPyMisp(): PyMispEnv | { missing: string } {
  if (!existsSync(PYTHON)) return { missing: `no ${PYTHON} (apt-get install python3)` };
  try {
    execFileSync(PYTHON, ['-c', 'import requests, dateutil, deprecated'], { stdio: 'pipe' });
  } catch {
    return {
      missing: `${PYTHON} lacks requests/dateutil/deprecated (apt-get install python3-requests python3-dateutil python3-deprecated)`,
    };
  }
  const pythonPath = pymispPath();
  if (!pythonPath)
    return { missing: `no PyMISP 2.5.1: set PYMISP_PATH, build a real MISP, or provide ${SOURCES}` };
  const objectsPath = objectTemplates();
  if (!objectsPath) return { missing: `no misp-objects templates under ${SOURCES}` };
  return { python: PYTHON, pythonPath, objectsPath };
}

function pymispPath(): string | null {
  const candidates = [
    process.env.PYMISP_PATH,
    process.env.REALMISP_ROOT && join(process.env.REALMISP_ROOT, 'misp-modules/pylib'),
  ].filter((p): p is string => Boolean(p));
  for (const candidate of candidates) if (existsSync(join(candidate, 'pymisp/api.py'))) return candidate;
  const cached = join(CACHE, 'MISP_PyMISP-v2.5.1');
  if (existsSync(join(cached, 'pymisp-2.5.1.dist-info/METADATA'))) return cached;
  const root = unpack('MISP_PyMISP-v2.5.1.tar.xz', 'MISP_PyMISP-v2.5.1', 'pymisp/api.py');
  // pymisp reads its own version through importlib.metadata, as build.sh's bundle provides it.
  if (root) {
    mkdirSync(join(root, 'pymisp-2.5.1.dist-info'), { recursive: true });
    writeFileSync(
      join(root, 'pymisp-2.5.1.dist-info/METADATA'),
      'Metadata-Version: 2.1\nName: pymisp\nVersion: 2.5.1\n',
    );
  }
  return root;
}

function objectTemplates(): string | null {
  const unpacked = readdirSafe(CACHE).find((name) => name.startsWith('MISP_misp-objects-'));
  if (unpacked) return join(CACHE, unpacked, 'objects');
  const tarball = readdirSafe(SOURCES).find((name) => /^MISP_misp-objects-.*\.tar\.xz$/.test(name));
  if (!tarball) return null;
  const folder = tarball.replace(/\.tar\.xz$/, '');
  const root = unpack(tarball, folder, 'objects/file/definition.json');
  return root ? join(root, 'objects') : null;
}

function unpack(tarball: string, folder: string, probe: string): string | null {
  const archive = join(SOURCES, tarball);
  if (!existsSync(archive)) return null;
  mkdirSync(CACHE, { recursive: true });
  execFileSync('tar', ['-xJf', archive, '-C', CACHE], { stdio: 'pipe' });
  const root = join(CACHE, folder);
  return existsSync(join(root, probe)) ? root : null;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** MISP's tests/ folder (testlive_security.py), unpacked from the bundle once. */
export function findMispTests(): string | null {
  const cached = join(CACHE, 'MISP-tests/tests/testlive_security.py');
  if (existsSync(cached)) return cached;
  const root = unpack('MISP_MISP-v2.5.1-tests.tar.xz', 'MISP-tests', 'tests/testlive_security.py');
  return root ? join(root, 'tests/testlive_security.py') : null;
}

/** Runs MISP's testlive_security.py (test/pymisp/run_testlive_security.py) against one server. */
export function runTestliveSecurity(
  env: PyMispEnv,
  suite: string,
  url: string,
  authKey: string,
): Promise<Record<string, string>> {
  return runPython(env, [join(HERE, 'run_testlive_security.py'), suite, url, authKey]).then(
    (out) => (JSON.parse(out) as { results: Record<string, string> }).results,
  );
}

export interface ProbeCall {
  call: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** Runs sharing_groups_probe.py (plain requests, no PyMISP) against one server. */
export async function runSharingGroupProbe(
  env: PyMispEnv,
  url: string,
  authKey: string,
): Promise<ProbeCall[]> {
  const out = await runPython(env, [join(HERE, 'sharing_groups_probe.py'), url, authKey]);
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ProbeCall);
}

export interface Observation {
  name: string;
  obs: unknown;
}

/** Runs the battery against one server; a crash of the battery itself rejects with its stderr. */
export async function runBattery(env: PyMispEnv, url: string, authKey: string): Promise<Observation[]> {
  const out = await runPython(env, [BATTERY, url, authKey]);
  return (JSON.parse(out) as { calls: Observation[] }).calls;
}

function runPython(env: PyMispEnv, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(env.python, args, {
      env: { ...process.env, PYTHONPATH: env.pythonPath, MISP_OBJECTS_PATH: env.objectsPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${args[0]} exited ${code}: ${err}`));
      if (!out.trim().startsWith('{'))
        return reject(new Error(`${args[0]} printed no JSON: ${out.slice(0, 300)} ${err}`));
      resolveRun(out);
    });
  });
}

/** Observations as text, so two servers' answers compare (and print) in one line each. */
export function observationText(obs: unknown): string {
  return JSON.stringify(obs, Object.keys(flatKeys(obs)).sort());
}

function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, into));
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      into[key] = true;
      flatKeys(inner, into);
    }
  return into;
}
