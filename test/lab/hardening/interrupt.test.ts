// Ctrl-C during `misp-lab check --parallel 2` (issue 10, defect 9: it printed 47 lines of worker
// stack traces). A terminal's Ctrl-C sends SIGINT to the whole process group, the Cucumber workers
// included, so the test does the same: the CLI in a group of its own, SIGINT to the group once the
// workers run scenarios. Expected: one line on stderr, exit 130, no process of the group left
// within ten seconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/misp-lab.mjs');
const reportsDir = mkdtempSync(join(tmpdir(), 'misp-lab-interrupt-'));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

/** Whether any process of the group is still alive (signal 0 to the group). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Ctrl-C during a parallel check', () => {
  it('stops with one line and exit 130, workers included, no stack trace', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'check',
        '--parallel',
        '2',
        '--tags',
        'not @browser',
        '--reports-dir',
        reportsDir,
        '--port-base',
        '26300',
      ],
      { detached: true, env: { ...process.env, MISP_LAB_CONFIG: '/nonexistent.json' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The first finished scenario proves both workers were started and running.
    const deadline = Date.now() + 120_000;
    while (!/\[\d+\/\d+\]/.test(stdout) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(stdout, `no scenario finished within 120 s; stderr: ${stderr}`).toMatch(/\[\d+\/\d+\]/);

    process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    // The workers got the same SIGINT; each ends its current step's clean-up, within seconds.
    const gone = Date.now() + 10_000;
    while (groupAlive(child.pid!) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));

    expect(code).toBe(130);
    expect(stderr.trim().split('\n')).toEqual(['misp-lab: interrupted; stopping the lab…']);
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
    expect(groupAlive(child.pid!)).toBe(false);
  }, 180_000);
});
