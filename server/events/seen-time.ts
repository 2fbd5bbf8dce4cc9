/**
 * first_seen / last_seen: MISP keeps microseconds since the epoch and answers them as
 * `2024-03-01T00:00:00.000000+00:00` (seen on MISP 2.5.1 for `2024-03-01T00:00:00+00:00` sent by
 * PyMISP). Text that is no date is kept as sent rather than lost.
 */
export function seenTime(value: unknown): string | null {
  if (typeof value === 'number') return format(new Date(value > 1e12 ? value / 1000 : value * 1000), 0);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const micros = /\.(\d{1,6})/.exec(text)?.[1]?.padEnd(6, '0') ?? '000000';
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? text : format(parsed, Number(micros.slice(3)));
}

function format(date: Date, extraMicros: number): string {
  const iso = date.toISOString(); // 2024-03-01T00:00:00.000Z
  const micros = `${iso.slice(20, 23)}${String(extraMicros).padStart(3, '0')}`;
  return `${iso.slice(0, 19)}.${micros}+00:00`;
}
