import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffReports, readReportForDiff, ReportReadError } from '../../lab/reporting/report-diff.ts';

const report = (controls: [string, string][]) => ({
  controls: controls.map(([id, status]) => ({ id, status, title: `title of ${id}`, severity: 'high' })),
});

function files(a: unknown, b: unknown): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'diff-'));
  writeFileSync(join(dir, 'a.json'), typeof a === 'string' ? a : JSON.stringify(a));
  writeFileSync(join(dir, 'b.json'), typeof b === 'string' ? b : JSON.stringify(b));
  return [join(dir, 'a.json'), join(dir, 'b.json')];
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/misp-lab.mjs', 'report', 'diff', ...args], { encoding: 'utf8' });

describe('report diff', () => {
  const before = report([
    ['MISP-AUTH-001', 'passed'],
    ['MISP-AUTH-002', 'failed'],
    ['MISP-AUTH-003', 'passed'],
    ['MISP-WF-001', 'passed'],
  ]);
  const after = report([
    ['MISP-AUTH-001', 'failed'],
    ['MISP-AUTH-002', 'passed'],
    ['MISP-AUTH-003', 'passed'],
    ['MISP-WF-002', 'waived'],
  ]);

  it('lists only controls whose status changed, regressions first', () => {
    expect(diffReports(before, after).map((c) => [c.id, c.before, c.after])).toEqual([
      ['MISP-AUTH-001', 'passed', 'failed'],
      ['MISP-AUTH-002', 'failed', 'passed'],
      ['MISP-WF-001', 'passed', null],
      ['MISP-WF-002', null, 'waived'],
    ]);
  });

  it('prints the changes and exits 0', () => {
    const result = cli(...files(before, after));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/MISP-AUTH-001\s+passed\s+→ failed/);
    expect(result.stdout).not.toContain('MISP-AUTH-003');
  });

  it('with --fail-on-regression exits 1 when a control got worse, 0 when none did', () => {
    const worse = cli(...files(before, after), '--fail-on-regression');
    expect(worse.status).toBe(1);
    // passed → failed is worse; a control gone from the report lost its check; failed → passed is not.
    expect(worse.stdout).toContain('2 control(s) got worse: MISP-AUTH-001, MISP-WF-001');
    const better = cli(
      ...files(
        after,
        report([
          ['MISP-AUTH-001', 'passed'],
          ['MISP-AUTH-002', 'passed'],
          ['MISP-AUTH-003', 'passed'],
          ['MISP-WF-002', 'waived'],
        ]),
      ),
      '--fail-on-regression',
    );
    expect(better.status).toBe(0);
    const notRun = cli(
      ...files(
        before,
        report([
          ['MISP-AUTH-001', 'not-run'],
          ['MISP-AUTH-002', 'failed'],
          ['MISP-AUTH-003', 'passed'],
          ['MISP-WF-001', 'passed'],
        ]),
      ),
      '--fail-on-regression',
    );
    expect(notRun.status).toBe(1);
  }, 120_000); // three CLI runs

  it('refuses a file that is not a compliance report', () => {
    const [, foreign] = files(before, { something: 'else' });
    expect(() => readReportForDiff(foreign)).toThrow(ReportReadError);
    expect(() => readReportForDiff(foreign)).toThrow(/is not a compliance report/);
  });

  it('exits 2 with one clear line on unreadable input', () => {
    const result = cli(...files('{oops', after));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^misp-lab: cannot read .*a\.json/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
