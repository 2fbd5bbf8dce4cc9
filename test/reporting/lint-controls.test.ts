import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const catalogue = {
  version: 1,
  frameworks: { 'nist-800-53': 'NIST SP 800-53 Rev. 5' },
  controls: [
    ['T-AUTH-001', false],
    ['T-AUTH-002', false],
    ['T-AUTH-003', true],
  ].map(([id, planned]) => ({
    id,
    title: `title ${id}`,
    rationale: 'why',
    area: 'auth',
    kind: 'control',
    severity: 'high',
    impact: 0.7,
    planned,
    mappings: { 'nist-800-53': ['AC-7'] },
  })),
};

function lint(features: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'lint-controls-'));
  mkdirSync(join(dir, 'features'));
  for (const [name, text] of Object.entries(features)) writeFileSync(join(dir, 'features', name), text);
  writeFileSync(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  return spawnSync(
    process.execPath,
    // Run from the repository (where tsx resolves) on the temporary features and catalogue.
    [
      '--import',
      'tsx',
      'scripts/lint-controls.ts',
      '--features',
      join(dir, 'features'),
      '--catalogue',
      join(dir, 'catalogue.json'),
    ],
    { encoding: 'utf8' },
  );
}

const feature = (tags: string) => `${tags}\nFeature: f\n  Scenario: s\n    pt-BR: c\n    Given something\n`;

describe('lint-controls', () => {
  it('passes when every control has a scenario, and warns about planned ones', () => {
    const result = lint({
      'a.feature': feature('@control:T-AUTH-001'),
      'b.feature': feature('@control:T-AUTH-002'),
    });
    expect(result.stderr).toContain('warning: T-AUTH-003 is planned and has no scenario yet');
    expect(result.status).toBe(0);
  });

  it('fails on an unknown @control id, naming the file and line', () => {
    const result = lint({
      'a.feature': feature('@control:T-AUTH-001 @control:T-AUTH-002'),
      'b.feature': '@x\nFeature: g\n\n  @control:T-AUTH-999\n  Scenario: t\n    pt-BR: t\n    Given x\n',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('b.feature:5: unknown control @control:T-AUTH-999');
  });

  it('fails on a control without a scenario unless it is planned', () => {
    const result = lint({ 'a.feature': feature('@control:T-AUTH-001') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('T-AUTH-002 has no scenario');
    expect(result.stderr).not.toContain('error: T-AUTH-003');
  });

  it('fails on a scenario without its pt-BR name, and on a pt-BR placeholder no column fills', () => {
    const outline = [
      '@control:T-AUTH-002',
      'Feature: h',
      '  Scenario Outline: <a> is <b>',
      '    pt-BR: <a> é <c>',
      '    Given <a>',
      '    Examples:',
      '      | a | b |',
      '      | 1 | 2 |',
    ].join('\n');
    const result = lint({
      'a.feature': '@control:T-AUTH-001\nFeature: f\n  Scenario: no translation\n    Given something\n',
      'b.feature': outline,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'a.feature:3: scenario "no translation" has no "pt-BR: …" line under its name',
    );
    expect(result.stderr).toContain(
      'b.feature:3: the pt-BR name uses <c>, which is not a column of every Examples table',
    );
    expect(result.stderr).not.toContain('<a>');
  });
});
