/**
 * The proof that an audit wrote nothing: what a MISP holds (newest audit-log entries, settings,
 * users, events, workflows) read before and after, compared field by field. MISP itself stamps
 * `last_api_access` on the user of every authenticated request; that one field is its own
 * bookkeeping of being read, not a change the audit makes, and is left out of the comparison.
 */
import type { MispClient } from '../clients/misp-client.ts';

export interface TargetSnapshot {
  auditLog: unknown;
  settings: Record<string, unknown>;
  users: unknown;
  events: unknown;
  workflows: unknown;
}

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

export async function snapshotTarget(misp: MispClient): Promise<TargetSnapshot> {
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
  return {
    auditLog: await body(misp, '/admin/logs/index/limit:50.json'),
    settings: Object.fromEntries((settings.data.finalSettings ?? []).map((row) => [row.setting, row.value])),
    users: withoutStamps(await body(misp, '/admin/users/index.json')),
    events: await body(misp, '/events/index'),
    workflows: workflowViews,
  };
}

/** Each difference as one line (`users[2].User.totp_is_set: "0" → "1"`), empty when none. */
export function snapshotDifferences(before: TargetSnapshot, after: TargetSnapshot): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys)
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
        );
      return;
    }
    out.push(`${path}: ${JSON.stringify(a)?.slice(0, 120)} → ${JSON.stringify(b)?.slice(0, 120)}`);
  };
  for (const part of ['auditLog', 'settings', 'users', 'events', 'workflows'] as const)
    walk(before[part], after[part], part);
  return out;
}
