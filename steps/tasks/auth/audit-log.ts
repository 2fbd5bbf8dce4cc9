/**
 * Authentication events in MISP's audit log (spec §1.2, §1.3, §1.5, §1.6), read back the way an
 * auditor's script does: the log index with model, action and title:%<email>% as named
 * parameters, with the lab admin's key (MispClient.logsIndex). Filtering on the scenario's own
 * namespaced email keeps the answer short on a busy instance and no page is missed.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { redact } from '../../support/redact.ts';
import type { LogEntry } from '../../../lab/clients/misp-types.ts';
import { totpIsSet } from './users.ts';

export interface ExpectedLogEntry {
  model: string;
  action: string;
  /** MISP's title with <email>, <id> (the user's id) and <ip> (any address) as placeholders. */
  title: string;
}

/** The scenario's table (columns model, action, title) as entries; a missing cell is a clear error. */
export function entriesFrom(rows: ReadonlyArray<Record<string, string>>): ExpectedLogEntry[] {
  return rows.map((row, index) => {
    const { model, action, title } = row;
    assert.ok(model && action && title, `row ${index + 1} of the table needs model, action and title`);
    return { model: model.trim(), action: action.trim(), title: title.trim() };
  });
}

type LogJson = { Log?: Partial<LogEntry> };

/** The lab admin deletes the TOTP over REST, checked with MISP's answer and the user JSON. */
export async function deleteTotpByRest(world: LabWorld, actor: Actor): Promise<void> {
  assert.ok(actor.userId, `${actor.label} has no user id`);
  const answer = await world.siteAdmin.misp.deleteTotp(actor.userId);
  assert.equal(
    answer.status,
    200,
    `deleting the TOTP answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  assert.equal(answer.data.success, true, `MISP did not delete the TOTP: ${JSON.stringify(answer.data)}`);
  assert.equal(await totpIsSet(world, actor), false, `MISP still reports a TOTP for ${actor.label}`);
  actor.totpSecret = undefined;
}

/** Every expected entry is in the log, about this actor; the entries found are attached as evidence. */
export async function expectAuditEntries(
  world: LabWorld,
  actor: Actor,
  expected: readonly ExpectedLogEntry[],
): Promise<void> {
  const found: LogJson[] = [];
  const missing: string[] = [];
  for (const entry of expected) {
    const pattern = titlePattern(entry.title, actor);
    const rows = await logsAbout(world, actor, entry.model, entry.action);
    const hit = rows.find(
      (row) =>
        row.Log?.model === entry.model &&
        row.Log?.action === entry.action &&
        pattern.test(row.Log?.title ?? ''),
    );
    if (hit) found.push(hit);
    else
      missing.push(
        `${entry.model}/${entry.action} "${entry.title}" (MISP had: ${rows.map((r) => `"${r.Log?.title}"`).join(', ') || 'nothing'})`,
      );
  }
  world.attach(redact(JSON.stringify(found, null, 2)), {
    mediaType: 'application/json',
    fileName: 'audit-log-entries.json',
  });
  assert.deepEqual(missing, [], `missing from MISP's log about ${actor.email}:\n${missing.join('\n')}`);
}

async function logsAbout(world: LabWorld, actor: Actor, model: string, action: string): Promise<LogJson[]> {
  const answer = await world.siteAdmin.misp.logsIndex({ model, action, title: `%${actor.email}%` });
  const what = `the log index for ${model}/${action} about ${actor.email}`;
  assert.equal(answer.status, 200, `${what} answered HTTP ${answer.status}`);
  assert.ok(Array.isArray(answer.data), `${what} is not a JSON list`);
  return answer.data;
}

/** The title as an anchored pattern: placeholders filled, everything else literal. */
function titlePattern(template: string, actor: Actor): RegExp {
  assert.ok(actor.userId, `${actor.label} has no user id`);
  const values = new Map([
    ['<email>', escapeRegExp(actor.email)],
    ['<id>', escapeRegExp(actor.userId)],
    ['<ip>', '\\S+'],
  ]);
  const source = template
    .split(/(<email>|<id>|<ip>)/)
    .map((part) => values.get(part) ?? escapeRegExp(part))
    .join('');
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
