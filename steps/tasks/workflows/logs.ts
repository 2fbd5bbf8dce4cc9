/**
 * MISP's log, read as an auditor reads it: the site admin's search_logs with JSON filters. Entries a scenario must find are told apart from older ones by
 * their ids, remembered before the action that should write them.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import type { LogEntry, LogFilter } from '../../../lab/clients/misp-types.ts';

export type { LogFilter };

export async function findLogs(world: LabWorld, filter: LogFilter): Promise<LogEntry[]> {
  const answer = await world.siteAdmin.misp.searchLogs(filter);
  assert.equal(answer.status, 200, `searching the logs answered HTTP ${answer.status}`);
  assert.ok(
    Array.isArray(answer.data),
    `the log search did not answer a list: ${JSON.stringify(answer.data)}`,
  );
  return answer.data.map((row) => row.Log);
}

/** The ids already there, so later checks see only what the scenario's action wrote. */
export async function logIds(world: LabWorld, filter: LogFilter): Promise<Set<string>> {
  return new Set((await findLogs(world, filter)).map((entry) => String(entry.id)));
}

export async function newLogs(world: LabWorld, filter: LogFilter, before: Set<string>): Promise<LogEntry[]> {
  return (await findLogs(world, filter)).filter((entry) => !before.has(String(entry.id)));
}
