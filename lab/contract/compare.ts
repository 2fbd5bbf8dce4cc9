/**
 * A recording (real MISP's answer) against an observation (another server's answer to the same
 * exchange): one line per difference, worded so the line alone says what to fix. Nothing is
 * tolerated here; accepted differences live in the known-drift list, each with its reason.
 */
import { shapeDifferences } from './normalise.ts';
import type { Observation } from './runner.ts';

export interface Recording extends Observation {
  recordedFrom: { mispVersion: string; recordedAt: string };
}

export function differences(recording: Recording, observed: Observation): string[] {
  if (recording.notRun) return [];
  if (observed.notRun) return [`not run: ${observed.notRun}`];
  const lines: string[] = [];
  const differ = (what: string, ours: unknown, misp: unknown) => {
    if (JSON.stringify(ours) !== JSON.stringify(misp))
      lines.push(
        `${what}: ${JSON.stringify(ours) ?? 'none'} where MISP has ${JSON.stringify(misp) ?? 'none'}`,
      );
  };
  differ('status', observed.status, recording.status);
  differ('content type', mediaType(observed.contentType), mediaType(recording.contentType));
  differ('redirect', observed.location, recording.location);
  differ('final page', observed.finalPath, recording.finalPath);
  if (recording.shape !== undefined && observed.shape !== undefined)
    lines.push(...shapeDifferences(recording.shape, observed.shape).map((line) => `shape ${line}`));
  for (const [path, value] of Object.entries(recording.values ?? {}))
    differ(`value ${path}`, observed.values?.[path] ?? null, value);
  for (const [name, landmark] of Object.entries(recording.landmarks ?? {})) {
    const ours = observed.landmarks?.[name];
    if (!ours) lines.push(`landmark "${name}": not checked on this server`);
    else if (ours.present !== landmark.present)
      lines.push(
        `landmark "${name}": ${ours.present ? 'shown where MISP has none' : 'missing where MISP shows it'}`,
      );
    else if (landmark.text !== undefined) differ(`landmark "${name}" text`, ours.text, landmark.text);
  }
  if (recording.console) lines.push(...consoleDifferences(recording.console, observed.console));
  return lines;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/** Exit code and text lines; a JSON answer (getSetting) by its keys and values, not its spacing. */
function consoleDifferences(
  misp: NonNullable<Observation['console']>,
  ours: Observation['console'],
): string[] {
  if (!ours) return ['console: not run on this server'];
  const lines: string[] = [];
  if (ours.exitCode !== misp.exitCode)
    lines.push(`console exit code: ${ours.exitCode} where MISP has ${misp.exitCode}`);
  for (const stream of ['stdout', 'stderr'] as const) {
    const a = asJson(ours[stream]);
    const b = asJson(misp[stream]);
    const same =
      a !== undefined && b !== undefined
        ? JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))
        : ours[stream].trim() === misp[stream].trim();
    if (!same)
      lines.push(
        `console ${stream}: ${JSON.stringify(ours[stream].trim())} where MISP has ${JSON.stringify(misp[stream].trim())}`,
      );
  }
  return lines;
}

function asJson(text: string): unknown {
  try {
    return text.trim().startsWith('{') ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}
