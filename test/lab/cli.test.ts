import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { resolveConfig, UsageError } from '../../lab/cli/options.ts';

const BIN = join(import.meta.dirname, '../../bin/misp-lab.mjs');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('configuration precedence', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'misp-lab.config.json');
  writeFileSync(file, JSON.stringify({ target: 'external', portBase: '9000', profile: 'workshop' }));

  it('takes flags over environment over file over defaults', () => {
    const config = resolveConfig({ target: 'embedded' }, { MISP_LAB_PORT_BASE: '8000' }, file);
    expect(config.target).toBe('embedded');
    expect(config.portBase).toBe(8000);
    expect(config.profile).toBe('workshop');
    expect(config.host).toBe('127.0.0.1');
  });

  it('refuses secrets in the config file', () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'c.json');
    writeFileSync(secretFile, JSON.stringify({ adminPassword: 'x' }));
    expect(() => resolveConfig({}, {}, secretFile)).toThrow(/secrets come only from the environment/);
  });

  it('refuses bad values with a clear message', () => {
    expect(() => resolveConfig({ target: 'cloud' }, {}, file)).toThrow(UsageError);
    expect(() => resolveConfig({ portBase: '-1' }, {}, file)).toThrow(/--port-base must be a whole number/);
    expect(() => resolveConfig({}, {}, '/does/not/exist.json')).toThrow(/does not exist/);
  });
});

describe('misp-lab command line', () => {
  it('prints its version and help', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^misp-lab \d+\.\d+\.\d+\n$/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('misp-lab up');
  });

  it('answers unknown flags and bad values with one line and exit 2', async () => {
    for (const args of [['up', '--bogus'], ['check', '--target', 'cloud'], ['frobnicate']]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^misp-lab: /);
    }
  });

  it('up --json prints the contract first, then stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'up', '--json'], {
      env: { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json' },
    });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const contract = JSON.parse(first) as Record<string, Record<string, unknown>>;
    // The documented keys, then the console line and data folder (issue 9, item 5).
    expect(Object.keys(contract)).toEqual(['misp', 'mail', 'chat', 'console']);
    expect(Object.keys(contract.misp!)).toEqual(['url', 'adminEmail', 'adminPassword', 'adminAuthKey']);
    expect(Object.keys(contract.mail!)).toEqual(['url', 'smtpPort']);
    expect(Object.keys(contract.chat!)).toEqual(['url', 'token', 'channelId', 'webhookUrl']);
    expect(contract.misp!.adminAuthKey).toMatch(/^[a-zA-Z0-9]{40}$/);
    const heartbeat = await fetch(`${contract.misp!.url as string}/users/heartbeat`);
    expect(heartbeat.status).toBe(200);

    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    await expect(fetch(`${contract.misp!.url as string}/users/heartbeat`)).rejects.toThrow();
  });

  it('a port already in use is one clear line and exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['up', '--port-base', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^misp-lab: .*${port}.*in use`));
    } finally {
      blocker.close();
    }
  });
});
