/**
 * The audit-log part of the no-write proof, on synthetic reads. Observed in CI on real MISP
 * 2.5.1: the read after reaches a little further back than the read before, so lines written
 * just before the first read's window (here by build.sh's setSetting calls) showed up in the
 * second read only and were taken for writes of the audit. A line older than the first read's
 * oldest is not new; a line newer than it is, and so is every line when the first read was empty.
 */
import { describe, expect, it } from 'vitest';
import { snapshotDifferences, type TargetSnapshot } from '../../lab/posture/target-snapshot.ts';

const line = (id: number, title = `line ${id}`) => ({
  Log: { id: String(id), model: 'Server', model_id: '0', action: 'serverSettingsEdit', title },
});

function snapshot(ids: number[]): TargetSnapshot {
  return {
    takenAt: 0,
    logWindowSeconds: 300,
    auditLog: ids.map((id) => line(id)),
    settings: {},
    users: [],
    events: [],
    workflows: [],
  };
}

describe('the audit log before and after an audit', () => {
  it('does not count lines older than the first read as written in between', () => {
    expect(snapshotDifferences(snapshot([10, 11, 12]), snapshot([8, 9, 10, 11, 12]))).toEqual([]);
  });

  it('counts a line newer than the first read as a write', () => {
    expect(snapshotDifferences(snapshot([10, 11]), snapshot([9, 10, 11, 13]))).toEqual([
      'auditLog: new line #13 Server 0 serverSettingsEdit: line 13',
    ]);
  });

  it('counts every line as a write when the first read saw none', () => {
    expect(snapshotDifferences(snapshot([]), snapshot([5]))).toEqual([
      'auditLog: new line #5 Server 0 serverSettingsEdit: line 5',
    ]);
  });

  it('still reports a line of the first read that is gone', () => {
    expect(snapshotDifferences(snapshot([10, 11]), snapshot([11]))).toEqual([
      'auditLog: line #10 Server 0 serverSettingsEdit: line 10 is gone',
    ]);
  });
});
