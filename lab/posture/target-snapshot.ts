/**
 * The proof that an audit wrote nothing: what a MISP holds (recent audit-log entries, settings,
 * users, events, workflows) read before and after, compared field by field. MISP itself stamps
 * `last_api_access` on the user of every authenticated request; that one field is its own
 * bookkeeping of being read, not a change the audit makes, and is left out of the comparison.
 *
 * The audit log: MISP 2.5.1's /admin/logs/index.json answers oldest first, whatever the sort
 * named in the URL (observed on a MISP with 83 000 lines: `limit:50` gave ids 654…), so a
 * "newest 50" read is the oldest 50 and proves nothing. The snapshot reads the lines created in
 * a window back from now (`created:<n>s`, MISP's own filter) instead; the read after covers the
 * read before's window and everything since, so a line in it that the first read did not have
 * was written in between, and a line of the first read that is gone was deleted.
 */
import type { MispClient } from '../clients/misp-client.ts';
import type { ProbeReport } from './workflow-probe.ts';

interface LogLine {
  Log?: { id?: string; model?: string; model_id?: string; action?: string; change?: string; title?: string };
}

export interface TargetSnapshot {
  /** When it was read (this machine's clock, ms): the next read's log window reaches back here. */
  takenAt: number;
  /** Seconds back from MISP's now that the audit-log read covered. */
  logWindowSeconds: number;
  auditLog: LogLine[];
  settings: Record<string, unknown>;
  users: unknown;
  events: unknown;
  workflows: unknown;
}

/** How far back the first read of the audit log reaches (MISP's clock may differ from ours). */
const LOG_WINDOW_SECONDS = 300;

/** Fields MISP rewrites on every read: never a write by the audit. */
const STAMPED_ON_READ = new Set(['last_api_access']);

function withoutStamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStamps);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !STAMPED_ON_READ.has(key))
        .map(([key, v]) => [key, withoutStamps(v)]),
    );
  return value;
}

async function body(misp: MispClient, path: string): Promise<unknown> {
  const answer = await misp.getPath(path);
  if (answer.status !== 200) throw new Error(`${path} answered HTTP ${answer.status}`);
  return answer.data;
}

/** `since`: the snapshot this one is compared with; its window and the time since are covered. */
export async function snapshotTarget(misp: MispClient, since?: TargetSnapshot): Promise<TargetSnapshot> {
  const settings = await misp.serverSettings();
  if (settings.status !== 200)
    throw new Error(`/servers/serverSettings.json answered HTTP ${settings.status}`);
  const workflows = await misp.workflowsIndex();
  const workflowViews =
    workflows.status === 200 && Array.isArray(workflows.data)
      ? await Promise.all(
          workflows.data.map((w) => body(misp, `/workflows/view/${String(w.Workflow?.id)}.json`)),
        )
      : { status: workflows.status };
  // The window is timed at the log read itself (the reads above take seconds on a real MISP):
  // the read after reaches back to this one's start, plus 2 s for MISP's whole-second rounding.
  const takenAt = Date.now();
  const logWindowSeconds = since
    ? since.logWindowSeconds + Math.ceil((takenAt - since.takenAt) / 1000) + 2
    : LOG_WINDOW_SECONDS;
  const auditLog = await body(misp, `/admin/logs/index/created:${logWindowSeconds}s.json`);
  if (!Array.isArray(auditLog)) throw new Error('/admin/logs/index.json did not answer a list');
  return {
    takenAt,
    logWindowSeconds,
    auditLog: auditLog as LogLine[],
    settings: Object.fromEntries((settings.data.finalSettings ?? []).map((row) => [row.setting, row.value])),
    users: withoutStamps(await body(misp, '/admin/users/index.json')),
    events: await body(misp, '/events/index'),
    workflows: workflowViews,
  };
}

const logId = (line: LogLine) => String(line.Log?.id);

function describeLine(line: LogLine): string {
  const log = line.Log ?? {};
  const what = log.change || log.title || '';
  return `#${String(log.id)} ${String(log.model)} ${String(log.model_id)} ${String(log.action)}: ${what.replace(/\s+/g, ' ').slice(0, 160)}`;
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys)
      walk(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
        out,
      );
    return;
  }
  out.push(`${path}: ${JSON.stringify(a)?.slice(0, 120)} → ${JSON.stringify(b)?.slice(0, 120)}`);
}

function auditLogDifferences(before: LogLine[], after: LogLine[]): { added: LogLine[]; other: string[] } {
  const afterById = new Map(after.map((line) => [logId(line), line]));
  const beforeIds = new Set(before.map(logId));
  const other: string[] = [];
  for (const line of before) {
    const now = afterById.get(logId(line));
    if (!now) other.push(`auditLog: line ${describeLine(line)} is gone`);
    else walk(line, now, `auditLog[#${logId(line)}]`, other);
  }
  // Log ids only grow: a line older than the first read's oldest predates its window (the read
  // after reaches a little further back), so it was not written in between.
  const ids = before.map((line) => Number(logId(line))).filter(Number.isFinite);
  const oldest = ids.length > 0 ? Math.min(...ids) : -Infinity;
  const added = after.filter((line) => !beforeIds.has(logId(line)) && !(Number(logId(line)) < oldest));
  return { added, other };
}

/** Each difference as one line (`users[2].User.totp_is_set: "0" → "1"`), empty when none. */
export function snapshotDifferences(before: TargetSnapshot, after: TargetSnapshot): string[] {
  return changesBesidesProbe(before, after, undefined).others;
}

function workflowCounter(views: unknown, id: string): { view?: { Workflow: { counter?: unknown } } } {
  if (!Array.isArray(views)) return {};
  const view = (views as Array<{ Workflow?: { id?: unknown; counter?: unknown } }>).find(
    (v) => String(v.Workflow?.id) === id,
  );
  return view?.Workflow ? { view: view as { Workflow: { counter?: unknown } } } : {};
}

/** A line MISP 2.5.1 writes for an executeWorkflow run (fixtures/misp-samples-observed/execute-workflow.json). */
function probeLine(line: LogLine, workflowId: string): boolean {
  const log = line.Log ?? {};
  if (log.model !== 'Workflow' || String(log.model_id) !== workflowId) return false;
  if (log.action === 'execute_workflow') return true;
  return log.action === 'edit' && /^counter \(\d+\) => \(\d+\)$/.test(String(log.change));
}

/**
 * The differences, split into what the executeWorkflow probe wrote (its workflow's counter,
 * up by exactly one per run, and that workflow's run and counter log lines) and every other
 * change. Without a probe everything is "others".
 */
export function changesBesidesProbe(
  before: TargetSnapshot,
  after: TargetSnapshot,
  probe: ProbeReport | undefined,
): { probeWrote: string[]; others: string[] } {
  const probeWrote: string[] = [];
  const others: string[] = [];
  const { added, other } = auditLogDifferences(before.auditLog, after.auditLog);
  others.push(...other);
  for (const line of added) {
    if (probe && probeLine(line, probe.workflowId)) probeWrote.push(`audit log: ${describeLine(line)}`);
    else others.push(`auditLog: new line ${describeLine(line)}`);
  }
  let afterWorkflows = after.workflows;
  if (probe) {
    const was = workflowCounter(before.workflows, probe.workflowId).view;
    const now = workflowCounter(after.workflows, probe.workflowId).view;
    const runs = probe.runs.length;
    if (was && now && Number(now.Workflow.counter) === Number(was.Workflow.counter) + runs) {
      probeWrote.push(
        `workflow #${probe.workflowId} counter ${String(was.Workflow.counter)} → ${String(now.Workflow.counter)} (one per executeWorkflow run, ${runs} runs)`,
      );
      // The counter explained, the rest of that workflow must be as it was.
      afterWorkflows = (after.workflows as unknown[]).map((view) =>
        view === now ? { ...now, Workflow: { ...now.Workflow, counter: was.Workflow.counter } } : view,
      );
    }
  }
  walk(before.settings, after.settings, 'settings', others);
  walk(before.users, after.users, 'users', others);
  walk(before.events, after.events, 'events', others);
  walk(before.workflows, afterWorkflows, 'workflows', others);
  return { probeWrote, others };
}
