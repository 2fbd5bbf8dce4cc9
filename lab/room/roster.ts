/**
 * Who is in the room: a roster file (one attendee a line, `Name <email>` or `Name, email`; blank
 * lines and `#` comments skipped) or `--attendees N` (Attendee 1 … N). Every problem is one
 * line naming the roster line, so `misp-lab up --roster` can say it and exit 2.
 */
export interface Attendee {
  /** Stable, URL-safe: names the attendee's data folder, chat channel and board row. */
  id: string;
  name: string;
  email: string;
}

export class RosterError extends Error {}

export const MAX_ATTENDEES = 60;

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export function generatedRoster(count: number): Attendee[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ATTENDEES) {
    throw new RosterError(`--attendees must be a whole number from 1 to ${MAX_ATTENDEES}, got "${count}"`);
  }
  return Array.from({ length: count }, (_, i) => ({
    id: `a${String(i + 1).padStart(2, '0')}`,
    name: `Attendee ${i + 1}`,
    email: `attendee${i + 1}@room.lab`,
  }));
}

export function parseRoster(text: string, source = 'roster'): Attendee[] {
  const attendees: Attendee[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${source} line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const { name, email } = splitLine(line, where);
    const key = email.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new RosterError(`${where}: ${email} is already on line ${earlier}`);
    seen.set(key, index + 1);
    attendees.push({ id: `a${String(attendees.length + 1).padStart(2, '0')}`, name, email: key });
  });
  if (attendees.length === 0) throw new RosterError(`${source}: no attendees (one "Name <email>" a line)`);
  if (attendees.length > MAX_ATTENDEES) {
    throw new RosterError(`${source}: ${attendees.length} attendees, at most ${MAX_ATTENDEES}`);
  }
  return attendees;
}

function splitLine(line: string, where: string): { name: string; email: string } {
  const angled = /^(.*?)\s*<([^>]*)>\s*$/.exec(line);
  const comma = line.lastIndexOf(',');
  const [name, email] = angled
    ? [angled[1]!, angled[2]!]
    : comma >= 0
      ? [line.slice(0, comma), line.slice(comma + 1)]
      : ['', line];
  const cleanName = name.trim().replace(/^"|"$/g, '');
  const cleanEmail = email.trim();
  if (cleanName === '') throw new RosterError(`${where}: a name is missing ("Name <email>")`);
  if (!EMAIL.test(cleanEmail)) throw new RosterError(`${where}: "${cleanEmail}" is not an e-mail address`);
  if (cleanName.length > 100) throw new RosterError(`${where}: the name is longer than 100 characters`);
  return { name: cleanName, email: cleanEmail };
}
