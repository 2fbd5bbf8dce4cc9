/**
 * Waivers: an accepted risk for one control, signed by someone, for a limited time. An active
 * waiver turns the control's status into "waived" (the run does not fail on it); an expired or
 * not-yet-effective one does not apply, and the report says so. A waiver file that cannot be
 * trusted is a tool error (exit 2), never silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEVERITIES, type Severity } from './catalogue.ts';

export interface Waiver {
  control: string;
  justification: string;
  approver: string;
  /** First day the waiver applies (YYYY-MM-DD, UTC) or an ISO date-time. */
  effective: string;
  /** Last day the waiver applies (inclusive, UTC) or an ISO date-time. */
  expires: string;
  residualRisk: Severity;
}

export type WaiverState = 'active' | 'expired' | 'not-yet-effective';

export class WaiverFileError extends Error {}

export const DEFAULT_WAIVERS_FILE = 'waivers.json';

/**
 * The waivers to apply: the file given, else ./waivers.json when it exists, else none.
 * A file given explicitly must exist.
 */
export function loadWaivers(
  path: string | undefined,
  knownControls: Set<string>,
  cwd = process.cwd(),
): Waiver[] {
  const file = resolve(cwd, path ?? DEFAULT_WAIVERS_FILE);
  if (!path && !existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new WaiverFileError(`cannot read the waivers file ${file}: ${(error as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list))
    throw new WaiverFileError(`invalid waivers file ${file}: expected {"waivers": [...]} or a list`);
  const problems = list.flatMap((w, i) => waiverProblems(w, i, knownControls));
  if (problems.length > 0)
    throw new WaiverFileError(`invalid waivers file ${file}:\n  ${problems.join('\n  ')}`);
  return list as Waiver[];
}

function waiverProblems(w: unknown, index: number, knownControls: Set<string>): string[] {
  const waiver = (w ?? {}) as Partial<Record<keyof Waiver, unknown>>;
  const where = `waivers[${index}]${typeof waiver.control === 'string' ? ` (${waiver.control})` : ''}`;
  if (typeof w !== 'object' || w === null) return [`${where}: must be an object`];
  const problems: string[] = [];
  for (const field of ['control', 'justification', 'approver'] as const)
    if (typeof waiver[field] !== 'string' || (waiver[field] as string).trim() === '')
      problems.push(`${where}: "${field}" is required`);
  if (typeof waiver.control === 'string' && waiver.control !== '' && !knownControls.has(waiver.control))
    problems.push(`${where}: unknown control "${waiver.control}" (not in the catalogue)`);
  for (const field of ['effective', 'expires'] as const)
    if (typeof waiver[field] !== 'string' || Number.isNaN(dayStart(waiver[field] as string)))
      problems.push(`${where}: "${field}" must be a date like 2026-12-31`);
  if (
    typeof waiver.effective === 'string' &&
    typeof waiver.expires === 'string' &&
    dayStart(waiver.effective) > dayEnd(waiver.expires)
  )
    problems.push(`${where}: "expires" is before "effective"`);
  if (!SEVERITIES.includes(waiver.residualRisk as Severity))
    problems.push(`${where}: "residualRisk" must be one of ${SEVERITIES.join(', ')}`);
  return problems;
}

export function waiverState(waiver: Waiver, now: Date): WaiverState {
  if (now.getTime() < dayStart(waiver.effective)) return 'not-yet-effective';
  if (now.getTime() > dayEnd(waiver.expires)) return 'expired';
  return 'active';
}

/** The waiver that decides a control's status: an active one first, else the latest other. */
export function waiverFor(
  control: string,
  waivers: Waiver[],
  now: Date,
): { waiver: Waiver; state: WaiverState } | undefined {
  const mine = waivers
    .filter((w) => w.control === control)
    .map((waiver) => ({ waiver, state: waiverState(waiver, now) }))
    .sort((a, b) => dayEnd(b.waiver.expires) - dayEnd(a.waiver.expires));
  return mine.find((m) => m.state === 'active') ?? mine[0];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(value: string): number {
  if (DATE_ONLY.test(value)) return Date.parse(`${value}T00:00:00.000Z`);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
}

/** A date-only expiry lasts the whole day: that is what a person signing it means. */
function dayEnd(value: string): number {
  if (DATE_ONLY.test(value)) return Date.parse(`${value}T23:59:59.999Z`);
  return dayStart(value);
}
