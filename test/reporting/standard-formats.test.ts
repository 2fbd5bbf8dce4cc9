/**
 * The standard security outputs load where they are meant to: the SARIF file validates against
 * the published SARIF 2.1.0 schema (the one GitHub code scanning accepts), and the HDF file is
 * read by inspecjs, the library Heimdall opens files with, with each control's status as
 * Heimdall shows it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { convertFile, convertFileContextual, type ContextualizedEvaluation } from 'inspecjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeComplianceReports } from '../../lab/reporting/compliance.ts';
import { githubCommand, verdictAnnotations } from '../../lab/reporting/github-annotations.ts';
import type { ComplianceReport } from '../../lab/reporting/report-model.ts';
import { reportsDirWith } from './synthetic-run.ts';

// CommonJS packages whose default export TypeScript and the ESM loader see differently.
const requireCjs = createRequire(import.meta.url);
const Ajv = (requireCjs('ajv-draft-04') as typeof import('ajv-draft-04')).default;
const addFormats = (requireCjs('ajv-formats') as typeof import('ajv-formats')).default;

let dir: string;

beforeAll(async () => {
  dir = reportsDirWith([
    {
      name: 'Brute force locks the login',
      tags: ['@control:MISP-AUTH-010'],
      attempts: ['failed'],
      error: `AssertionError: expected 403\n    at ${process.cwd()}/steps/auth.steps.ts:12:3`,
    },
    { name: 'An auth key bypasses OTP', tags: ['@control:MISP-AUTH-011'], attempts: ['passed'] },
    { name: 'Enrolment', tags: ['@control:MISP-AUTH-001'], attempts: ['passed'] },
    {
      name: 'Console enrolment',
      tags: ['@control:MISP-AUTH-004'],
      attempts: ['skipped'],
      attachments: [{ mediaType: 'text/plain', body: 'SKIPPED[no-console]: no console here' }],
    },
  ]);
  await writeComplianceReports({
    reportsDir: dir,
    environment: null,
    pdf: false,
    allure: false,
    colour: false,
  });
}, 60_000);

describe('SARIF', () => {
  it('validates against the published SARIF 2.1.0 schema', () => {
    const schemaFile = join(
      createRequire(import.meta.url).resolve('@microsoft/jest-sarif/package.json'),
      '..',
      'lib/schemas/sarif-2.1.0-rtm.5.json',
    );
    // The published schema's language pattern is not valid as a unicode RegExp: compile it as JSON Schema draft-04 did.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const log = JSON.parse(readFileSync(join(dir, 'compliance.sarif'), 'utf8'));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // A broken log must fail the same check: the test can fail.
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ level: 'fatal' }] }] })).toBe(false);
  });

  it('has one rule per control and a located result per failure; not run is a notification', () => {
    const run = JSON.parse(readFileSync(join(dir, 'compliance.sarif'), 'utf8')).runs[0];
    expect(run.tool.driver.rules).toHaveLength(
      JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')).controls.length,
    );
    const failure = run.results.find((r: { ruleId: string }) => r.ruleId === 'MISP-AUTH-010');
    expect(failure.level).toBe('error');
    expect(failure.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^features\//);
    expect(failure.message.text).not.toContain(process.cwd());
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MISP-AUTH-010');
    expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'MISP-AUTH-011')?.level).toBe('note');
    expect(
      run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text),
    ).toContain(
      'MISP-AUTH-004 not run: no MISP console: the target gives no access to cake Admin (set MISP_CONSOLE)',
    );
  });
});

describe('HDF', () => {
  it('is read by inspecjs (Heimdall) as an exec JSON without conversion errors', () => {
    const text = readFileSync(join(dir, 'compliance.hdf.json'), 'utf8');
    const converted = convertFile(text, true);
    expect(converted.errors?.['1_0_ExecJson']).toBeUndefined();
    expect(converted['1_0_ExecJson']?.profiles[0]?.controls.length).toBeGreaterThan(20);
    expect(() => convertFile('{"profiles":[{"controls":"nope"}]}', false)).toThrow();
  });

  it('shows each control with the status Heimdall derives from its results', () => {
    const evaluation = convertFileContextual(
      readFileSync(join(dir, 'compliance.hdf.json'), 'utf8'),
    ) as ContextualizedEvaluation;
    const status = (id: string) => evaluation.contains[0]!.contains.find((c) => c.data.id === id)?.hdf.status;
    expect(status('MISP-AUTH-010')).toBe('Failed');
    expect(status('MISP-AUTH-001')).toBe('Passed');
    expect(status('MISP-AUTH-004')).toBe('Not Reviewed');
    const control = evaluation.contains[0]!.contains.find((c) => c.data.id === 'MISP-AUTH-010')!;
    expect(control.data.tags.nist).toContain('AC-7');
    expect(control.data.impact).toBeGreaterThan(0.6);
  });
});

describe('GitHub Actions annotations', () => {
  it('escape what the runner reads and point failures at their feature file', () => {
    expect(
      githubCommand('error', '50% failed\nsecond line', { file: 'features/a.feature', title: 'A, B: c' }),
    ).toBe('::error file=features/a.feature,title=A%2C B%3A c::50%25 failed%0Asecond line');
    const report = JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;
    const lines = verdictAnnotations(report);
    expect(lines.find((l) => l.includes('MISP-AUTH-010 failed'))).toMatch(
      /^::error title=MISP-AUTH-010 failed \(high\),file=features\/synthetic\/s0\.feature,line=3::/,
    );
    expect(lines.find((l) => l.includes('MISP-AUTH-004'))).toMatch(
      /^::warning title=MISP-AUTH-004 not run::no MISP console/,
    );
  });
});
