/**
 * MISP's log, read as an auditor reads it: /admin/logs/index with filters POSTed as JSON (what
 * PyMISP's search_logs does). Entries a scenario must find are told apart from older ones by
 * their ids, remembered before the action that should write them.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';

export interface LogEntry {
  id: string;
  title: string;
  model: string;
  model_id: string;
  action: string;
  change?: string;
  email?: string;
  created?: string;
}

export interface LogFilter {
  model?: string;
  model_id?: string;
  action?: string;
}

export async function findLogs(world: LabWorld, filter: LogFilter): Promise<LogEntry[]> {
  const answer = await world.admin.post<unknown>('/admin/logs/index', filter);
  assert.equal(answer.status, 200, `searching the logs answered HTTP ${answer.status}`);
  assert.ok(
    Array.isArray(answer.data),
    `the log search did not answer a list: ${JSON.stringify(answer.data)}`,
  );
  return (answer.data as Array<{ Log: LogEntry }>).map((row) => row.Log);
}

/** The ids already there, so later checks see only what the scenario's action wrote. */
export async function logIds(world: LabWorld, filter: LogFilter): Promise<Set<string>> {
  return new Set((await findLogs(world, filter)).map((entry) => String(entry.id)));
}

export async function newLogs(world: LabWorld, filter: LogFilter, before: Set<string>): Promise<LogEntry[]> {
  return (await findLogs(world, filter)).filter((entry) => !before.has(String(entry.id)));
}

/** Polls until a new entry matches; MISP's background jobs write some entries later. */
export async function waitForNewLog(
  world: LabWorld,
  filter: LogFilter,
  before: Set<string>,
  matches: (entry: LogEntry) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<LogEntry> {
  const deadline = Date.now() + timeoutMs;
  let seen: LogEntry[] = [];
  while (Date.now() < deadline) {
    seen = await newLogs(world, filter, before);
    const found = seen.find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const titles = seen.map((entry) => `"${entry.title}"`).join('; ') || 'none';
  throw new Error(
    `no log entry ${what} within ${timeoutMs} ms (new entries for ${JSON.stringify(filter)}: ${titles})`,
  );
}
