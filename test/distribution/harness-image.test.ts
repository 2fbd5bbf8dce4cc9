/**
 * The harness image (docker/harness/Dockerfile), built offline as scripts/setup-podman.sh builds
 * the others (the host's installed modules as a build context), runs `check` against an external
 * target with its reports on a mounted folder: its default command (the posture profile) and a
 * fleet from a mounted inventory. Needs a container engine CLI (podman or docker); skipped, with
 * the reason, without one.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceFleet, type ReferenceFleet } from '../../lab/fleet/reference-fleet.ts';
import { REPO_ROOT } from './support.ts';

const IMAGE = 'misp-compliance-lab/harness:test';
const engine = ['podman', 'docker'].find(
  (cli) => spawnSync(cli, ['version'], { stdio: 'ignore' }).status === 0,
);

let work: string;
let fleet: ReferenceFleet;

/** Asynchronous: the reference servers the container audits are served by this very process. */
function run(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(engine!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 2, output });
    });
  });
}

/** `run` as this user on the host's network, so the container reaches the reference servers and leaves files we own. */
const RUN_AS_ME = [
  'run',
  '--rm',
  '--network',
  'host',
  '--user',
  `${process.getuid?.() ?? 1000}:${process.getgid?.() ?? 1000}`,
];

/** A folder the container's user can write into. */
function sharedFolder(path: string): string {
  mkdirSync(path, { recursive: true });
  chmodSync(path, 0o777);
  return path;
}

describe.skipIf(!engine)(`the harness image (${engine ?? 'no podman or docker CLI here'})`, () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'misp-lab-image-'));
    const modules = join(work, 'modules');
    execFileSync(
      process.execPath,
      ['docker/runtime-modules.mjs', modules, 'lab', 'steps', 'server', '--also=allure-cucumberjs'],
      {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      },
    );
    execFileSync(
      engine!,
      [
        'build',
        '-q',
        ...(engine === 'podman'
          ? ['--format', 'docker', '--ignorefile', 'docker/harness/Dockerfile.dockerignore']
          : []),
        '--build-arg',
        'MODULES=prebuilt',
        '--build-context',
        `host-modules=${modules}`,
        '-f',
        'docker/harness/Dockerfile',
        '-t',
        IMAGE,
        '.',
      ],
      { cwd: REPO_ROOT, stdio: 'ignore', timeout: 900_000 },
    );
    fleet = await startReferenceFleet(2);
  }, 960_000);

  afterAll(async () => {
    await fleet?.stop();
    if (engine) spawnSync(engine, ['rmi', '-f', IMAGE], { stdio: 'ignore' });
    if (work) rmSync(work, { recursive: true, force: true });
  }, 300_000);

  it('its default command audits MISP_URL with the posture profile, reports on /reports', async () => {
    const reports = sharedFolder(join(work, 'reports'));
    const [one] = fleet.deployments;
    const result = await run([
      ...RUN_AS_ME,
      '-e',
      `MISP_URL=${one!.url}`,
      '-e',
      `MISP_ADMIN_AUTHKEY=${one!.authkey}`,
      '-v',
      `${reports}:/reports`,
      IMAGE,
    ]);
    // A reference server as installed: OTP not mandatory, so the posture fails (exit 1), honestly.
    expect(result.code, result.output).toBe(1);
    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8'));
    expect(report.run.target).toBe('external');
    expect(report.controls.find((c: { id: string }) => c.id === 'MISP-POSTURE-001').status).toBe('failed');
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('MISP-POSTURE-001');
  }, 600_000);

  it('a fleet from a mounted inventory, secrets from -e', async () => {
    const folder = sharedFolder(join(work, 'cert-repo'));
    fleet.writeInventory(join(folder, 'fleet.yaml'));
    const secrets = fleet.deployments.flatMap((d) => [
      '-e',
      `${d.authkeyEnv}=${d.authkey}`,
      '-e',
      `${d.passwordEnv}=${d.password}`,
    ]);
    const result = await run([
      ...RUN_AS_ME,
      ...secrets,
      '-v',
      `${folder}:/work`,
      IMAGE,
      'check',
      '--inventory',
      '/work/fleet.yaml',
      '--profile',
      'posture',
      '--reports-dir',
      '/work/reports',
    ]);
    expect(result.code, result.output).toBe(1);
    const report = JSON.parse(readFileSync(join(folder, 'reports/fleet.json'), 'utf8'));
    expect(report.deployments.map((d: { name: string; exitCode: number }) => [d.name, d.exitCode])).toEqual([
      ['reference-01', 1],
      ['reference-02', 1],
    ]);
  }, 600_000);
});
