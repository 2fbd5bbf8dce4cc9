/**
 * The slides' console line as typed (issue 9, item 5): `misp-lab up` in a folder, then the
 * printed command in that same folder with no environment variable acts on the running lab, which
 * sees the change at once over HTTP. No lab, or two, is one line and exit 2.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const LAB_BIN = join(REPO, 'bin/misp-lab.mjs');

/** The environment of a trainer's shell: nothing that names a data folder. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json' };
  for (const name of ['MISP_DATA_DIR', 'MISP_LAB_DATA_DIR', 'MISP_LAB_TARGET']) delete env[name];
  return env;
}

interface RunningUp {
  child: ChildProcess;
  contract: {
    misp: { url: string; adminAuthKey: string };
    console: { command: string; dataDir: string };
  } & Record<string, unknown>;
  stop(): Promise<number | null>;
}

async function up(cwd: string): Promise<RunningUp> {
  const child = spawn(process.execPath, [LAB_BIN, 'up', '--json'], { cwd, env: cleanEnv() });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('close', (code) => reject(new Error(`misp-lab up exited ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    contract: JSON.parse(first) as RunningUp['contract'],
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a line through sh in `cwd`, as a trainer pastes it. */
function shell(line: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { cwd, env: cleanEnv(), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function otpRequired(lab: RunningUp): Promise<unknown> {
  const answer = await fetch(`${lab.contract.misp.url}/servers/getSetting/Security.otp_required`, {
    headers: { Authorization: lab.contract.misp.adminAuthKey, Accept: 'application/json' },
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { value: unknown }).value;
}

const folders: string[] = [];
function folder(parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const made = mkdtempSync(join(parent, 'console-line-'));
  folders.push(made);
  return made;
}
afterAll(() => {
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

describe('the console line misp-lab up prints', { timeout: 60_000 }, () => {
  it('acts on the lab running in this folder, with no environment variable', async () => {
    const here = folder();
    const lab = await up(here);
    try {
      expect(Object.keys(lab.contract)).toEqual(['misp', 'mail', 'chat', 'console']);
      expect(Object.keys(lab.contract.console)).toEqual(['command', 'dataDir']);
      expect(existsSync(join(lab.contract.console.dataDir, 'misp.db'))).toBe(true);
      expect(await otpRequired(lab)).toBe(false);

      const set = await shell(
        `${lab.contract.console.command} setSetting "Security.otp_required" true`,
        here,
      );
      expect(set).toEqual({
        code: 0,
        stdout: 'Setting "Security.otp_required" changed to true\n',
        stderr: '',
      });
      expect(await otpRequired(lab)).toBe(true);

      const elsewhere = await shell(
        `${lab.contract.console.command} getSetting Security.otp_required`,
        folder(),
      );
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr.trim().split('\n')).toHaveLength(1);
      expect(elsewhere.stderr).toMatch(/^misp-server: no lab runs in .*misp-lab up/);
    } finally {
      expect(await lab.stop()).toBe(0);
    }
    expect(existsSync(join(here, '.misp-lab'))).toBe(false);
  });

  it('is one line and exit 2 when two labs run in the folder', async () => {
    const here = folder();
    const first = await up(here);
    const second = await up(here).catch(async (error: Error) => {
      await first.stop();
      throw error;
    });
    try {
      const run = await shell(
        `${first.contract.console.command} setSetting Security.otp_required true`,
        here,
      );
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(
        `2 labs run in ${here} (pids ${[first.child.pid, second.child.pid].sort((a, b) => a! - b!).join(', ')})`,
      );
      expect(await otpRequired(first)).toBe(false);
      expect(await otpRequired(second)).toBe(false);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('is literally `npx misp-server admin` inside the project, and works so', async () => {
    const here = folder(join(REPO, 'node_modules/.cache'));
    const lab = await up(here);
    try {
      expect(lab.contract.console.command).toBe('npx misp-server admin');
      const run = await shell(
        'npx --offline misp-server admin setSetting "Security.otp_required" true',
        here,
      );
      expect(run.stdout).toBe('Setting "Security.otp_required" changed to true\n');
      expect(await otpRequired(lab)).toBe(true);
    } finally {
      await lab.stop();
    }
  });
});
