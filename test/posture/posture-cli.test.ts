/**
 * `misp-lab check --target external --profile posture` end to end, on a stand-in deployment (the
 * embedded lab on loopback ports): with only MISP_URL and MISP_ADMIN_AUTHKEY it exits 1 with one
 * finding per gap as installed, and 0 once hardened, every other control reported out of the
 * profile's scope; each scenario proved the target unchanged.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { hardenMisp } from '../../lab/posture/hardening.ts';
import { startEmbeddedLab } from '../../lab/targets/embedded.ts';
import type { StartedLab } from '../../lab/targets/lab-environment.ts';
import { runCli } from '../containers/support.ts';

let lab: StartedLab;
let work: string;

beforeAll(async () => {
  lab = await startEmbeddedLab();
  work = mkdtempSync(join(tmpdir(), 'misp-lab-posture-'));
}, 60_000);
afterAll(async () => {
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Report {
  exitCode: number;
  controls: Array<{ id: string; area: string; status: string; notRunReasons?: Array<{ code: string }> }>;
}

async function audit(
  name: string,
  extra: string[] = [],
): Promise<{ code: number | null; report: Report; stdout: string; dir: string }> {
  const { misp } = lab.environment;
  // Only what an auditor has: no mail, chat or password.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MISP_URL: misp.url,
    MISP_ADMIN_AUTHKEY: misp.adminAuthKey,
  };
  const dir = join(work, name);
  const run = await runCli(
    ['check', '--target', 'external', '--profile', 'posture', '--reports-dir', dir, ...extra],
    env,
  );
  const report = JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as Report;
  return { code: run.code, report, stdout: run.stdout + run.stderr, dir };
}

/** A file of control 005's evidence, or undefined when the scenario did not attach it. */
function exampleAEvidence(dir: string, file: string): string | undefined {
  const control = join(dir, 'evidence', 'MISP-POSTURE-005');
  for (const scenario of readdirSync(control))
    if (existsSync(join(control, scenario, file))) return readFileSync(join(control, scenario, file), 'utf8');
  return undefined;
}

it('fails as installed with one finding per gap, and passes once hardened', async () => {
  const installed = await audit('installed');
  expect(installed.code, installed.stdout).toBe(1);
  const posture = installed.report.controls.filter((c) => c.area === 'posture');
  expect(posture.find((c) => c.id === 'MISP-POSTURE-001')?.status).toBe('failed');
  expect(installed.stdout).toContain('Security.otp_required is false: OTP is not mandatory');
  expect(installed.stdout).not.toContain('the posture audit changed the target');

  const { misp } = lab.environment;
  await hardenMisp({
    url: misp.url,
    misp: new MispClient({ baseUrl: misp.url, authKey: misp.adminAuthKey }),
    adminEmail: misp.adminEmail,
    adminPassword: misp.adminPassword,
  });
  const hardened = await audit('hardened');
  expect(hardened.code, hardened.stdout).toBe(0);
  const controls = hardened.report.controls;
  expect(controls.filter((c) => c.area === 'posture').map((c) => c.status)).toEqual(Array(8).fill('passed'));
  const others = controls.filter((c) => c.area !== 'posture');
  expect(others.length).toBeGreaterThan(20);
  for (const c of others)
    expect(
      c.notRunReasons?.map((r) => r.code),
      c.id,
    ).toEqual(['out-of-scope']);
  // Read-only: the executeWorkflow probe is skipped, and says why.
  expect(exampleAEvidence(hardened.dir, 'probe.txt')).toMatch(
    /^executeWorkflow probe skipped: MISP 2\.5\.1's executeWorkflow counts every run/,
  );
  expect(exampleAEvidence(hardened.dir, 'probe-executeWorkflow.json')).toBeUndefined();

  // --allow-mutations: the probe runs, Example A blocks, and the proof names what it wrote.
  const probed = await audit('probed', ['--allow-mutations', '--tags', '@control:MISP-POSTURE-005']);
  // 3: the seven other posture controls were not selected, so the run is not complete.
  expect(probed.code, probed.stdout).toBe(3);
  expect(probed.report.controls.find((c) => c.id === 'MISP-POSTURE-005')?.status).toBe('passed');
  const runs = JSON.parse(exampleAEvidence(probed.dir, 'probe-executeWorkflow.json')!) as {
    runs: Array<{ answer: unknown }>;
  };
  expect(runs.runs.map((r) => r.answer)).toEqual([
    { success: false, outcome: 'blocked' },
    { success: true, outcome: 'success' },
  ]);
  const proof = exampleAEvidence(probed.dir, 'target-unchanged.txt')!;
  expect(proof).toMatch(
    /^the executeWorkflow probe wrote:\n {2}audit log: #\d+ Workflow \d+ edit: counter \(0\) => \(1\)\n/,
  );
  expect(proof).toMatch(
    /counter 0 → 2 \(one per executeWorkflow run, 2 runs\)\naudit log, settings, users, events and workflows otherwise unchanged$/,
  );
}, 600_000);
