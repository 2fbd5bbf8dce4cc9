/**
 * The referee's check: the verdict per control of two runs (the embedded reference server and a
 * real MISP) must be the same. Prints both columns side by side; exit 0 when they agree, 1 when
 * any control differs, 2 when a report cannot be read. Usage:
 *   node --import tsx scripts/compare-verdicts.ts <embedded compliance.json> <real MISP compliance.json>
 */
import { readFileSync } from 'node:fs';

interface Report {
  run?: { target?: string; mispVersion?: string };
  controls: Array<{ id: string; status: string }>;
}

function load(file: string): Report {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    if (!Array.isArray(report.controls)) throw new Error('no "controls" list');
    return report;
  } catch (error) {
    process.stderr.write(`compare-verdicts: cannot read ${file}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const [leftFile, rightFile] = process.argv.slice(2);
if (!leftFile || !rightFile) {
  process.stderr.write('usage: compare-verdicts.ts <embedded compliance.json> <real MISP compliance.json>\n');
  process.exit(2);
}
const left = load(leftFile);
const right = load(rightFile);
const statusOf = (report: Report) => new Map(report.controls.map((c) => [c.id, c.status]));
const leftStatus = statusOf(left);
const rightStatus = statusOf(right);
const ids = [...new Set([...leftStatus.keys(), ...rightStatus.keys()])].sort();
/** Controls of the lab's own pages (not MISP's): a real MISP cannot run them, so not-run there is expected. */
const LAB_ONLY = new Set(['LAB-HELP-001']);
const differing: string[] = [];
const rows = ids.map((id) => {
  const a = leftStatus.get(id) ?? 'absent';
  const b = rightStatus.get(id) ?? 'absent';
  const labOnly = LAB_ONLY.has(id) && b === 'not-run';
  if (a !== b && !labOnly) differing.push(id);
  const note = a === b ? '' : labOnly ? "  (the lab's own page: not on a real MISP)" : '  <- differs';
  return `${id.padEnd(17)} ${a.padEnd(10)} ${b.padEnd(10)}${note}`;
});
const label = (report: Report, fallback: string) =>
  `${report.run?.target ?? fallback}${report.run?.mispVersion ? ` (${report.run.mispVersion})` : ''}`;
process.stdout.write(
  [`${'control'.padEnd(17)} ${label(left, 'left').padEnd(10)} ${label(right, 'right')}`, ...rows, ''].join(
    '\n',
  ),
);
if (differing.length > 0) {
  process.stdout.write(`compare-verdicts: ${differing.length} control(s) differ: ${differing.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(`compare-verdicts: all ${ids.length} controls have the same verdict on both targets\n`);
