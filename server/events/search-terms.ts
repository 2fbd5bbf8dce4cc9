/**
 * How MISP reads filter values (EventsController::__setIndexFilterConditions, RestSearch): a list
 * or `a|b` means any of them, a leading `!` means none of them, `a&b` (or {AND:[…]}) all of them;
 * `%` is SQL's LIKE wildcard; times may be deltas such as `1d` or `12h` (Event::resolveTimeDelta).
 */
export interface Terms {
  any: string[];
  all: string[];
  none: string[];
}

/** Null when the filter was not sent (or sent empty), so it does not restrict anything. */
export function terms(value: unknown): Terms | null {
  if (value === undefined || value === null || value === '' || value === false) return null;
  const result: Terms = { any: [], all: [], none: [] };
  const add = (piece: unknown, into: keyof Terms) => {
    const text = String(piece).trim();
    if (text === '') return;
    if (text.startsWith('!')) result.none.push(text.slice(1));
    else result[into].push(text);
  };
  if (Array.isArray(value)) value.forEach((v) => add(v, 'any'));
  else if (typeof value === 'object') {
    const ops = value as Record<string, unknown>;
    for (const [op, into] of [
      ['OR', 'any'],
      ['AND', 'all'],
      ['NOT', 'none'],
    ] as const) {
      const list = ops[op];
      for (const piece of Array.isArray(list) ? list : list === undefined ? [] : [list]) {
        if (into === 'none') result.none.push(String(piece));
        else add(piece, into);
      }
    }
  } else {
    const text = String(value);
    if (!text.includes('|') && text.includes('&')) text.split('&').forEach((v) => add(v, 'all'));
    else text.split('|').forEach((v) => add(v, 'any'));
  }
  return result.any.length + result.all.length + result.none.length > 0 ? result : null;
}

/** Whether a set of candidate strings (e.g. the tags of an event) satisfies the terms. */
export function matchesTerms(candidates: string[], wanted: Terms | null): boolean {
  if (!wanted) return true;
  const has = (pattern: string) => candidates.some((c) => like(c, pattern));
  if (wanted.none.some(has)) return false;
  if (!wanted.all.every(has)) return false;
  return wanted.any.length === 0 || wanted.any.some(has);
}

/** SQL LIKE as MySQL applies it to MISP's columns: case-insensitive, `%` any run, `_` one char. */
export function like(candidate: string, pattern: string): boolean {
  if (!pattern.includes('%') && !pattern.includes('_'))
    return candidate.toLowerCase() === pattern.toLowerCase();
  const regex = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`, 'is').test(candidate);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A timestamp, or a delta back from now (`30m`, `1d`, `2w`); null when it is neither. */
export function timeBound(value: unknown, nowSeconds: number): number | null {
  if (typeof value === 'number') return Math.floor(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const delta = /^(\d+)([smhdw])$/i.exec(text);
  if (delta) return nowSeconds - Number(delta[1]) * (UNIT_SECONDS[delta[2]!.toLowerCase()] ?? 0);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
}

/** [from, to] of a timestamp filter: one value is a lower bound, a pair is a range. */
export function timeRange(value: unknown, nowSeconds: number): [number | null, number | null] | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) return [timeBound(value[0], nowSeconds), timeBound(value[1], nowSeconds)];
  return [timeBound(value, nowSeconds), null];
}

export function inRange(value: number, range: [number | null, number | null] | null): boolean {
  if (!range) return true;
  const [from, to] = range;
  return (from === null || value >= from) && (to === null || value <= to);
}

/** A date filter (`from`, `datefrom`) as YYYY-MM-DD; timestamps are turned into their UTC day. */
export function dateBound(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const text = String(value).trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  if (/^\d+$/.test(text)) return new Date(Number(text) * 1000).toISOString().slice(0, 10);
  return null;
}

/** MISP's boolean filters: true/false, 1/0 and their strings; anything else means "both". */
export function boolFilter(value: unknown): boolean | null {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return null;
}
