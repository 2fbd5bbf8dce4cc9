import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeComplianceReports } from '../../lab/reporting/compliance.ts';
import { loadWaivers, WaiverFileError, waiverState, type Waiver } from '../../lab/reporting/waivers.ts';
import { reportsDirWith } from './synthetic-run.ts';

const KNOWN = new Set(['MISP-AUTH-010', 'MISP-AUTH-011']);
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  control: 'MISP-AUTH-010',
  justification: 'Lockout handled by the reverse proxy',
  approver: 'Jane Doe, CISO',
  effective: '2026-01-01',
  expires: '2026-06-30',
  residualRisk: 'medium',
  ...over,
});

function waiversFile(list: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'waivers-')), 'waivers.json');
  writeFileSync(file, JSON.stringify(list));
  return file;
}

const failingBruteForce = () =>
  reportsDirWith([
    { name: 'Brute force locks', tags: ['@control:MISP-AUTH-010'], attempts: ['failed'] },
    { name: 'Smoke', tags: ['@control:LAB-SMOKE-001'], attempts: ['passed'] },
  ]);

describe('waivers', () => {
  it('judges a waiver by its dates, the expiry day included', () => {
    expect(waiverState(waiver(), new Date('2026-06-30T23:00:00Z'))).toBe('active');
    expect(waiverState(waiver(), new Date('2026-07-01T00:00:01Z'))).toBe('expired');
    expect(waiverState(waiver(), new Date('2025-12-31T12:00:00Z'))).toBe('not-yet-effective');
  });

  it('an active waiver makes the failed control "waived": nothing fails, but unrun controls keep it from green', async () => {
    const dir = failingBruteForce();
    const summary = await writeComplianceReports({
      reportsDir: dir,
      environment: null,
      waiversFile: waiversFile({ waivers: [waiver()] }),
      now: new Date('2026-03-01T00:00:00Z'),
      pdf: false,
      allure: false,
    });
    const control = summary.controls.find((c) => c.id === 'MISP-AUTH-010');
    expect(control?.status).toBe('waived');
    expect(control?.outcome).toBe('failed');
    expect(control?.waiver?.approver).toBe('Jane Doe, CISO');
    // The synthetic run carries two of the catalogue's controls: the others did not run (exit 3).
    expect(summary.exitCode).toBe(3);
    expect(summary.controls.find((c) => c.id === 'MISP-AUTH-001')?.notRunReasons?.[0]?.code).toBe(
      'no-scenario',
    );
    const json = JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8'));
    expect(json.totals.waived).toBe(1);
    expect(json.totals.failed).toBe(0);
  });

  it('an expired waiver does not apply: the control fails again and the report says why', async () => {
    const summary = await writeComplianceReports({
      reportsDir: failingBruteForce(),
      environment: null,
      waiversFile: waiversFile([waiver()]),
      now: new Date('2026-08-01T00:00:00Z'),
      pdf: false,
      allure: false,
      colour: false,
    });
    const control = summary.controls.find((c) => c.id === 'MISP-AUTH-010');
    expect(control?.status).toBe('failed');
    expect(control?.note).toBe('waiver expired on 2026-06-30');
    expect(summary.exitCode).toBe(1);
    expect(summary.consoleText).toContain('waiver expired on 2026-06-30');
  });

  it('refuses an invalid waivers file with every problem named', () => {
    const file = waiversFile([
      waiver({ control: 'MISP-NOPE-001' }),
      {
        control: 'MISP-AUTH-011',
        approver: '',
        effective: 'soon',
        expires: '2026-01-01',
        residualRisk: 'meh',
      },
    ]);
    expect(() => loadWaivers(file, KNOWN)).toThrow(WaiverFileError);
    try {
      loadWaivers(file, KNOWN);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('unknown control "MISP-NOPE-001"');
      expect(message).toContain('"justification" is required');
      expect(message).toContain('"approver" is required');
      expect(message).toContain('"effective" must be a date');
      expect(message).toContain('"residualRisk" must be one of');
    }
  });

  it('uses ./waivers.json only when present, and requires a file that was named', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'waivers-cwd-'));
    expect(loadWaivers(undefined, KNOWN, cwd)).toEqual([]);
    writeFileSync(join(cwd, 'waivers.json'), JSON.stringify({ waivers: [waiver()] }));
    expect(loadWaivers(undefined, KNOWN, cwd)).toHaveLength(1);
    expect(() => loadWaivers('missing.json', KNOWN, cwd)).toThrow(/cannot read the waivers file/);
  });

  it('misp-lab report exits 2 with a clear message on a broken waivers file', () => {
    const dir = failingBruteForce();
    const bad = waiversFile('{not json');
    writeFileSync(bad, '{not json');
    const result = spawnSync(
      process.execPath,
      ['bin/misp-lab.mjs', 'report', '--reports-dir', dir, '--waivers', bad, '--no-pdf', '--no-allure'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`cannot read the waivers file ${bad}`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
