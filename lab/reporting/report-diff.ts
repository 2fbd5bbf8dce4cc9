/**
 * `misp-lab report diff A.json B.json`: the controls whose status changed between two runs
 * (also controls that appear in only one of them), worst news first.
 */
import { readFileSync } from 'node:fs';

interface DiffableReport {
  generatedAt?: string;
  controls: { id: string; status: string; title?: string; severity?: string }[];
}

export interface StatusChange {
  id: string;
  title: string;
  severity: string;
  before: string | null;
  after: string | null;
}

export class ReportReadError extends Error {}

export function readReportForDiff(path: string): DiffableReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReportReadError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const controls = (raw as DiffableReport | null)?.controls;
  if (
    !Array.isArray(controls) ||
    controls.some((c) => typeof c?.id !== 'string' || typeof c?.status !== 'string')
  )
    throw new ReportReadError(`${path} is not a compliance report (no "controls" list with id and status)`);
  return raw as DiffableReport;
}

const BAD = ['failed'];

/** How bad a status is; a control that vanished from a report lost its check. */
const RANK: Record<string, number> = {
  passed: 0,
  finding: 1,
  waived: 1,
  planned: 2,
  'not-run': 2,
  failed: 3,
};
const rankOf = (status: string | null) => (status === null ? 2 : (RANK[status] ?? 2));

/** The changes where a control got worse (for --fail-on-regression). */
export function regressions(changes: StatusChange[]): StatusChange[] {
  return changes.filter((c) => rankOf(c.after) > rankOf(c.before));
}

export function diffReports(before: DiffableReport, after: DiffableReport): StatusChange[] {
  const a = new Map(before.controls.map((c) => [c.id, c]));
  const b = new Map(after.controls.map((c) => [c.id, c]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes = ids
    .filter((id) => a.get(id)?.status !== b.get(id)?.status)
    .map((id) => {
      const latest = b.get(id) ?? a.get(id)!;
      return {
        id,
        title: latest.title ?? '',
        severity: latest.severity ?? '',
        before: a.get(id)?.status ?? null,
        after: b.get(id)?.status ?? null,
      };
    });
  // Regressions first, then fixes, then everything else.
  const rank = (c: StatusChange) => (BAD.includes(c.after ?? '') ? 0 : BAD.includes(c.before ?? '') ? 1 : 2);
  return changes.sort((x, y) => rank(x) - rank(y) || x.id.localeCompare(y.id));
}

export function formatDiff(changes: StatusChange[], beforeName: string, afterName: string): string {
  if (changes.length === 0) return `No control changed status between ${beforeName} and ${afterName}.`;
  const width = Math.max(...changes.map((c) => c.id.length));
  return [
    `${changes.length} control(s) changed status (${beforeName} → ${afterName}):`,
    ...changes.map(
      (c) =>
        `  ${c.id.padEnd(width)}  ${(c.before ?? '(absent)').padEnd(9)} → ${(c.after ?? '(absent)').padEnd(9)}  ${c.title}`,
    ),
  ].join('\n');
}
