/**
 * `misp-lab check --inventory` end to end on stand-ins: two reference servers (one behind HTTPS
 * with a self-signed CA given as ca_file), the same HTTPS front without ca_file, and a dead URL.
 * The read-only selection is the smoke (`--tags @lab`) until the posture profile lands. The
 * roll-up, the exit code, the shards and their merge, and that no secret reaches a report.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../lab/containers/host-network.ts';
import { startReferenceFleet, type ReferenceFleet } from '../../lab/fleet/reference-fleet.ts';
import type { FleetReport } from '../../lab/fleet/rollup.ts';
import { runCli } from '../containers/support.ts';
import { startTlsFront, type TlsFront } from './tls-front.ts';

let fleet: ReferenceFleet;
let tls: TlsFront;
let work: string;
let inventory: string;
let env: NodeJS.ProcessEnv;

const read = (dir: string): FleetReport =>
  JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as FleetReport;
const row = (report: FleetReport, name: string) => report.deployments.find((d) => d.name === name)!;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'misp-lab-fleet-'));
  fleet = await startReferenceFleet(2);
  const [one, two] = fleet.deployments;
  tls = await startTlsFront(two!.url, work);
  const dead = `http://127.0.0.1:${await freePort()}`;
  inventory = join(work, 'fleet.yaml');
  writeFileSync(
    inventory,
    `deployments:
  - name: reference-01
    url: ${one!.url}
    authkey_env: ${one!.authkeyEnv}
    password_env: ${one!.passwordEnv}
    tags: [reference]
  - name: reference-02-tls
    url: ${tls.url}
    authkey_env: ${two!.authkeyEnv}
    password_env: ${two!.passwordEnv}
    ca_file: ca.pem
    tags: [reference, tls]
  - name: tls-without-ca
    url: ${tls.url}
    authkey_env: ${two!.authkeyEnv}
    password_env: ${two!.passwordEnv}
    tags: [broken]
  - name: dead
    url: ${dead}
    authkey_env: ${one!.authkeyEnv}
    password_env: ${one!.passwordEnv}
    tags: [broken]
`,
  );
  // A deployment of the parent's environment must never leak into a fleet member's run.
  env = { ...process.env, ...fleet.environment, MISP_URL: dead, MISP_ADMIN_AUTHKEY: 'not-this-one' };
}, 60_000);

afterAll(async () => {
  await tls?.close();
  await fleet?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('misp-lab check --inventory', () => {
  it('audits every deployment, a dead or untrusted one is an exit-2 row, the fleet exits 2', async () => {
    const out = join(work, 'all');
    const run = await runCli(
      ['check', '--inventory', inventory, '--tags', '@lab', '--concurrency', '2', '--reports-dir', out],
      env,
      300_000,
    );
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toMatch(/\[4\/4\]/);
    const report = read(out);
    expect(report.exitCode).toBe(2);
    expect(report.deployments.map((d) => [d.name, d.exitCode])).toEqual([
      ['dead', 2],
      ['reference-01', 3],
      ['reference-02-tls', 3],
      ['tls-without-ca', 2],
    ]);
    expect(row(report, 'dead').error).toMatch(/cannot reach MISP at http:\/\/127\.0\.0\.1:\d+/);
    expect(row(report, 'tls-without-ca').error).toMatch(/TLS verification failed/);
    // The CA file is what made the TLS deployment auditable, in the REST client and the browser.
    for (const name of ['reference-01', 'reference-02-tls']) {
      expect(row(report, name).controls['LAB-SMOKE-001']).toEqual({ status: 'passed' });
      expect(row(report, name).controls['MISP-AUTH-001']?.status).toBe('not-run');
      expect(row(report, name).mispVersion).toBe('2.5.1');
    }
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(4);
    expect(junit).toMatch(/<testsuite name="dead"[^>]*errors="1"/);
    expect(junit).toMatch(/classname="reference-01\.LAB-SMOKE-001"/);
    const html = readFileSync(join(out, 'fleet-report.html'), 'utf8');
    expect(html).toMatch(
      /data-deployment="reference-02-tls" data-exit-code="3">[\s\S]*?data-control="LAB-SMOKE-001" data-status="passed"/,
    );
    expect(html).toContain('href="deployments/reference-01/compliance-report.en.html"');
    const secrets = fleet.deployments.flatMap((d) => [d.authkey, d.password]);
    for (const file of filesUnder(out)) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(secret), `${file} holds a secret`).toBe(false);
    }
  }, 320_000);

  it('shards over deployments and merges them into one verdict', async () => {
    const out = join(work, 'sharded');
    for (const shard of ['1/2', '2/2']) {
      const run = await runCli(
        [
          'check',
          '--inventory',
          inventory,
          '--deployments',
          'reference',
          '--tags',
          '@lab',
          '--shard',
          shard,
          '--reports-dir',
          out,
        ],
        env,
        200_000,
      );
      expect(run.code, run.stdout + run.stderr).toBe(3);
    }
    const first = read(join(out, 'shard-1-of-2'));
    expect(first.deployments.map((d) => d.name)).toEqual(['reference-01']);
    expect(first.outside).toEqual([{ name: 'reference-02-tls', reason: 'left to another shard' }]);
    const alone = await runCli(
      ['report', 'merge', join(out, 'shard-1-of-2'), '--reports-dir', join(out, 'half')],
      env,
    );
    expect(alone.code).toBe(3);
    expect(read(join(out, 'half')).outside).toHaveLength(1);
    const merged = await runCli(
      [
        'report',
        'merge',
        join(out, 'shard-1-of-2'),
        join(out, 'shard-2-of-2'),
        '--reports-dir',
        join(out, 'merged'),
      ],
      env,
    );
    expect(merged.code, merged.stderr).toBe(3);
    const report = read(join(out, 'merged'));
    expect(report.deployments.map((d) => d.name)).toEqual(['reference-01', 'reference-02-tls']);
    expect(report.outside).toEqual([]);
    expect(readdirSync(join(out, 'merged', 'deployments')).sort()).toEqual([
      'reference-01',
      'reference-02-tls',
    ]);
    const twice = await runCli(
      [
        'report',
        'merge',
        join(out, 'shard-1-of-2'),
        join(out, 'shard-1-of-2'),
        '--reports-dir',
        join(out, 'bad'),
      ],
      env,
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toMatch(/^misp-lab: deployment "reference-01" was audited in both/);
  }, 420_000);

  it.each([
    [
      'a missing secret',
      (text: string) => text,
      { REFERENCE_01_AUTHKEY: '' },
      /REFERENCE_01_AUTHKEY \(authkey_env\) is not set/,
    ],
    [
      'an unknown key',
      (text: string) => text.replace('tags: [broken]', 'tagz: [broken]'),
      {},
      /unknown key "tagz"/,
    ],
    [
      'an unreadable ca_file',
      (text: string) => text.replace('ca_file: ca.pem', 'ca_file: nowhere.pem'),
      {},
      /ca_file .*nowhere\.pem cannot be read/,
    ],
  ])('%s: one line, exit 2, nothing run', async (_, edit, overrides, pattern) => {
    const file = join(work, 'edited.yaml');
    writeFileSync(file, edit(readFileSync(inventory, 'utf8')));
    const out = join(work, 'refused');
    const run = await runCli(
      ['check', '--inventory', file, '--reports-dir', out],
      { ...env, ...overrides },
      60_000,
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
    expect(JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')).exitCode).toBe(2);
  });
});
