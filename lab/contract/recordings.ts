/**
 * Real MISP's recorded answers (fixtures/misp-recordings/<exchange>.json) and the known-drift
 * list (known-drift.json): the differences of the reference server that are known, each with
 * its reason, until the server is fixed. A difference not on the list is new drift; an entry
 * that no longer happens is stale and must go, so the list never hides a fixed server's regression.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { differences, type Recording } from './compare.ts';
import type { Observation } from './runner.ts';

export const RECORDINGS_DIR = fileURLToPath(new URL('../../fixtures/misp-recordings', import.meta.url));
const KNOWN_DRIFT_FILE = join(RECORDINGS_DIR, 'known-drift.json');

export interface KnownDrift {
  exchange: string;
  difference: string;
  reason: string;
}

export function loadRecording(id: string, dir = RECORDINGS_DIR): Recording | null {
  const file = join(dir, `${id}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Recording) : null;
}

export function loadKnownDrift(file = KNOWN_DRIFT_FILE): KnownDrift[] {
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8')) as KnownDrift[];
  for (const entry of list) {
    if (!entry.exchange || !entry.difference || !entry.reason?.trim())
      throw new Error(
        `${file}: every entry needs exchange, difference and a reason: ${JSON.stringify(entry)}`,
      );
  }
  return list;
}

export interface DriftReport {
  /** Differences on the known-drift list (reported, not failed). */
  known: KnownDrift[];
  /** Differences not on the list: the change under test made the server drift. */
  fresh: Array<{ exchange: string; difference: string }>;
  /** List entries that no longer happen: the server was fixed, the entry must go. */
  stale: KnownDrift[];
  /** Exchanges with no recording yet. */
  unrecorded: string[];
}

export function driftReport(
  observations: Observation[],
  knownDrift: KnownDrift[],
  dir = RECORDINGS_DIR,
): DriftReport {
  const report: DriftReport = { known: [], fresh: [], stale: [], unrecorded: [] };
  const seen = new Set<string>();
  for (const observation of observations) {
    const recording = loadRecording(observation.id, dir);
    if (!recording) {
      report.unrecorded.push(observation.id);
      continue;
    }
    for (const difference of differences(recording, observation)) {
      const entry = knownDrift.find((k) => k.exchange === observation.id && k.difference === difference);
      seen.add(`${observation.id}\n${difference}`);
      if (entry) report.known.push(entry);
      else report.fresh.push({ exchange: observation.id, difference });
    }
  }
  const checked = new Set(observations.map((o) => o.id));
  report.stale = knownDrift.filter(
    (k) => checked.has(k.exchange) && !seen.has(`${k.exchange}\n${k.difference}`),
  );
  return report;
}
