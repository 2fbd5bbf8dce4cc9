/**
 * The executeWorkflow probe of Example A: the saved event-publish workflow is run on two
 * synthetic events that exist nowhere in MISP, and must block the tlp:red one shared beyond the
 * organisation and let the organisation-only one through (Example A stops tlp:red only when the
 * distribution is not "Your organisation only"). The events carry no attribute or object, so a
 * step that edits the event's attributes (Example B's IDS-flag operation, chained after A) has
 * nothing to act on. Real MISP 2.5.1 still writes for every run (workflow-checks.ts
 * probeSkipReason): the probe runs only where writes are allowed, and reports what it wrote as
 * its footprint, which the no-write proof (target-snapshot.ts) then accepts and names.
 */
import type { MispClient } from '../clients/misp-client.ts';
import type { PostureResult } from './checks.ts';

/** MISP's distribution levels the probe uses (Event.distribution). */
const DISTRIBUTION = { orgOnly: '0', community: '1' } as const;

interface ProbeCase {
  name: string;
  distribution: string;
  /** executeWorkflow's `outcome` that Example A gives for it. */
  expected: 'blocked' | 'success';
}

export const PROBE_CASES: readonly ProbeCase[] = [
  { name: 'tlp:red, shared with this community', distribution: DISTRIBUTION.community, expected: 'blocked' },
  { name: 'tlp:red, your organisation only', distribution: DISTRIBUTION.orgOnly, expected: 'success' },
];

/** A publishable event as the event-publish trigger hands it over, tagged tlp:red, with no content. */
export function syntheticEvent(distribution: string): { Event: Record<string, unknown> } {
  return {
    Event: {
      id: '0',
      uuid: '00000000-0000-4000-8000-00000000ab1e',
      info: 'misp-lab posture probe (synthetic, never saved)',
      distribution,
      sharing_group_id: '0',
      published: false,
      Tag: [{ name: 'tlp:red' }],
      Attribute: [],
      Object: [],
    },
  };
}

export interface ProbeRun {
  event: string;
  distribution: string;
  expected: string;
  status: number;
  answer: unknown;
}

/** What the probe did: the evidence, and which workflow's counter and log it may have written. */
export interface ProbeReport {
  workflowId: string;
  runs: ProbeRun[];
}

export async function runExampleAProbe(misp: MispClient, workflowId: string): Promise<ProbeReport> {
  const runs: ProbeRun[] = [];
  for (const probe of PROBE_CASES) {
    const answer = await misp.executeWorkflow(workflowId, syntheticEvent(probe.distribution));
    runs.push({
      event: probe.name,
      distribution: probe.distribution,
      expected: probe.expected,
      status: answer.status,
      answer: answer.data,
    });
  }
  return { workflowId, runs };
}

/** One finding per run whose outcome is not Example A's. */
export function probeFindings(report: ProbeReport): string[] {
  return report.runs.flatMap((run) => {
    const outcome = (run.answer as { outcome?: unknown } | null)?.outcome;
    if (run.status !== 200 || typeof outcome !== 'string')
      return [
        `executeWorkflow on workflow #${report.workflowId} (${run.event}) answered HTTP ${run.status}: ${JSON.stringify(run.answer).slice(0, 160)}`,
      ];
    if (outcome === run.expected) return [];
    const meaning =
      run.expected === 'blocked'
        ? 'the guard would let a tlp:red event shared beyond the organisation be published'
        : 'the guard also stops a tlp:red event kept inside the organisation';
    return [
      `executeWorkflow on workflow #${report.workflowId} with a synthetic event (${run.event}) answered "${outcome}", expected "${run.expected}": ${meaning}`,
    ];
  });
}

/** The Example A control with the probe's verdict added to what the saved graph means. */
export function withProbe(
  result: PostureResult,
  probe: ProbeReport | undefined,
  skipped: string | undefined,
): PostureResult {
  if (probe)
    return {
      ...result,
      findings: [...result.findings, ...probeFindings(probe)],
      notes: [
        ...result.notes,
        `executeWorkflow probe ran on workflow #${probe.workflowId}: ${probe.runs
          .map((r) => `${r.event} → ${String((r.answer as { outcome?: unknown } | null)?.outcome)}`)
          .join('; ')}`,
      ],
    };
  return { ...result, notes: [...result.notes, `executeWorkflow probe skipped: ${skipped ?? 'not run'}`] };
}
