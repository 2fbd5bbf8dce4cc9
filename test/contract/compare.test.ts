/**
 * The pieces of the contract test on their own: normalisation keeps structure and drops volatile
 * values, and a recorded answer matched by an observation changed in any one way is a difference
 * (so the contract test cannot pass on a drift it has not listed).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differences, type Recording } from '../../lab/contract/compare.ts';
import { normaliseValue, shapeDifferences, shapeOf } from '../../lab/contract/normalise.ts';
import { driftReport, loadRecording } from '../../lab/contract/recordings.ts';
import type { Observation } from '../../lab/contract/runner.ts';

describe('normalisation', () => {
  it('replaces volatile values and the run’s own values, and keeps the rest', () => {
    const answer = {
      User: {
        id: '17',
        role_id: '3',
        email: 'rec1a2b3c-user@lab.test',
        authkey: 'abcdEFGH0123456789abcdEFGH0123456789abcd',
        date_created: '1764624000',
        uuid: '03b03c22-bcd3-4ece-9040-11e08e519bda',
        nids_sid: '5296073',
        disabled: false,
      },
      url: '/events/publish/42',
      when: '2026-12-01 21:00:00',
    };
    expect(normaliseValue(answer, { userEmail: 'rec1a2b3c-user@lab.test', ns: 'rec1a2b3c' })).toEqual({
      User: {
        id: '<id>',
        role_id: '3',
        email: '{userEmail}',
        authkey: '<secret>',
        date_created: '<time>',
        uuid: '<uuid>',
        nids_sid: '<random>',
        disabled: false,
      },
      url: '/events/publish/<id>',
      when: '<datetime>',
    });
  });

  it('describes shapes by key and type, arrays by the union of their elements', () => {
    expect(shapeOf([{ a: '1' }, { a: 2, b: null }])).toEqual([{ a: 'number|string', b: 'null' }]);
    expect(shapeDifferences({ a: 'string', b: ['number'] }, { a: 'number', c: 'string', b: [] })).toEqual([
      'a: number where MISP has string',
      "c: not in MISP's answer",
    ]);
    expect(shapeDifferences({ a: { b: 'string' } }, { a: {} })).toEqual(['a.b: missing (MISP has string)']);
  });
});

describe('a recording against an observation', () => {
  const recording = loadRecording('me-wrong-key')!;
  const same: Observation = { ...recording };

  it('finds nothing when the answer is the recorded one', () => {
    expect(recording).not.toBeNull();
    expect(differences(recording, same)).toEqual([]);
  });

  it.each([
    ['status', { status: 401 }, 'status: 401 where MISP has 403'],
    [
      'content type',
      { contentType: 'text/html' },
      'content type: "text/html" where MISP has "application/json"',
    ],
    ['a key', { shape: { name: 'string', message: 'string' } }, 'shape url: missing (MISP has string)'],
    [
      'a value',
      { values: { ...recording.values, name: 'Forbidden' } },
      'value name: "Forbidden" where MISP has',
    ],
  ])('finds a changed %s', (_what, change, expected) => {
    const lines = differences(recording, { ...same, ...change });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it('compares landmarks by presence, and by text where the landmark says so', () => {
    const page = loadRecording('page-own-view')!;
    const gone = { ...page.landmarks, 'TOTP row': { present: false } };
    expect(differences(page, { ...page, landmarks: gone })).toEqual([
      'landmark "TOTP row": missing where MISP shows it',
    ]);
    const relabelled = { ...page.landmarks, 'TOTP status label': { present: true, text: 'Yes' } };
    expect(differences(page, { ...page, landmarks: relabelled })).toEqual([
      'landmark "TOTP status label" text: "Yes" where MISP has "No"',
    ]);
  });

  it('sorts differences into known, new and stale against the drift list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recordings-'));
    const recorded: Recording = { ...recording, id: 'probe' };
    writeFileSync(join(dir, 'probe.json'), JSON.stringify(recorded));
    const observed: Observation = { ...recorded, status: 500, contentType: 'text/html' };
    const report = driftReport(
      [observed, { ...observed, id: 'never-recorded' }],
      [
        { exchange: 'probe', difference: 'status: 500 where MISP has 403', reason: 'known' },
        { exchange: 'probe', difference: 'redirect: "/x" where MISP has none', reason: 'fixed since' },
      ],
      dir,
    );
    expect(report.known.map((k) => k.reason)).toEqual(['known']);
    expect(report.fresh).toEqual([
      { exchange: 'probe', difference: 'content type: "text/html" where MISP has "application/json"' },
    ]);
    expect(report.stale.map((k) => k.reason)).toEqual(['fixed since']);
    expect(report.unrecorded).toEqual(['never-recorded']);
  });
});

describe('the recordings', () => {
  // Shapes name types ("password": "string"); samples hold <secret> or MISP's own "*****".
  it('hold no auth key, password or TOTP secret', () => {
    const dir = join(import.meta.dirname, '../../fixtures/misp-recordings');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text, name).not.toMatch(
        /(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{40}(?![A-Za-z0-9])/,
      );
      expect(text, name).not.toMatch(
        /"(password|authkey|authkey_raw|totp)": "(?!<secret>"|\*{5}"|(string|null|number|boolean)")[^"]+"/,
      );
    }
  });
});
