/**
 * The workflows table (MISP's Workflow model): rows in and out as MISP's JSON shows them, the
 * save validation of spec §3.3 (graph rules, RFC 4122 uuid), and which triggers each saved graph
 * listens to (MISP's Redis sets `workflow:workflow_list:<trigger>`, rebuilt here from the rows).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { triggerNodes, validateGraph, type WorkflowGraph } from './engine/index.ts';
import type { WorkflowRecord } from './engine/index.ts';

interface WorkflowRow {
  id: number;
  uuid: string;
  name: string;
  description: string;
  timestamp: number;
  enabled: number;
  counter: number;
  trigger_id: string;
  debug_enabled: number;
  data: string;
}

export interface Workflow {
  id: number;
  uuid: string;
  name: string;
  description: string;
  timestamp: number;
  enabled: boolean;
  counter: number;
  trigger_id: string;
  debug_enabled: boolean;
  /** The Drawflow export (`[]` while empty, as PHP encodes an empty array). */
  data: WorkflowGraph | [];
}

export interface WorkflowChanges {
  name?: string;
  description?: string;
  timestamp?: number;
  data?: WorkflowGraph | [];
  debug_enabled?: boolean;
  uuid?: string;
  trigger_id?: string;
}

export type SaveResult = { ok: true; workflow: Workflow } | { ok: false; errors: string[] };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function fromRow(row: WorkflowRow): Workflow {
  let data: WorkflowGraph | [];
  try {
    data = JSON.parse(row.data) as WorkflowGraph | [];
  } catch {
    data = [];
  }
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    description: row.description,
    timestamp: row.timestamp,
    enabled: row.enabled === 1,
    counter: row.counter,
    trigger_id: row.trigger_id,
    debug_enabled: row.debug_enabled === 1,
    data,
  };
}

/** `{"Workflow":{…}}` fields as MISP serialises them: ids and counters as strings, flags as booleans. */
export function workflowJson(workflow: Workflow): Record<string, unknown> {
  return {
    id: String(workflow.id),
    uuid: workflow.uuid,
    name: workflow.name,
    description: workflow.description,
    timestamp: String(workflow.timestamp),
    enabled: workflow.enabled,
    counter: String(workflow.counter),
    trigger_id: workflow.trigger_id,
    debug_enabled: workflow.debug_enabled,
    data: workflow.data,
  };
}

/** The record the engine walks. */
export function engineRecord(workflow: Workflow): WorkflowRecord {
  return {
    id: workflow.id,
    name: workflow.name,
    trigger_id: workflow.trigger_id,
    debug_enabled: workflow.debug_enabled,
    data: Array.isArray(workflow.data) ? ({} as WorkflowGraph) : workflow.data,
  };
}

/** Trigger ids whose node sits in the graph (Workflow::afterSave fills the Redis sets from these). */
export function listenedTriggers(data: WorkflowGraph | []): string[] {
  if (Array.isArray(data)) return [];
  return triggerNodes(data)
    .map((node) => node.data?.id)
    .filter((id): id is string => typeof id === 'string');
}

export class WorkflowRepository {
  private listening: Map<string, number[]> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
  ) {}

  list(): Workflow[] {
    return (this.db.prepare('SELECT * FROM workflows ORDER BY id').all() as WorkflowRow[]).map(fromRow);
  }

  find(id: number | string): Workflow | undefined {
    if (!/^\d+$/.test(String(id))) return undefined;
    const row = this.db.prepare('SELECT * FROM workflows WHERE id = ?').get(Number(id)) as
      WorkflowRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Execution loads the first workflow whose `trigger_id` is the trigger (spec §3.2). */
  findByTrigger(triggerId: string): Workflow | undefined {
    const row = this.db
      .prepare('SELECT * FROM workflows WHERE trigger_id = ? ORDER BY id LIMIT 1')
      .get(triggerId) as WorkflowRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Ids of saved workflows whose graph holds a node for this trigger. */
  workflowsListeningTo(triggerId: string): number[] {
    if (!this.listening) {
      const map = new Map<string, number[]>();
      for (const workflow of this.list()) {
        for (const trigger of listenedTriggers(workflow.data))
          map.set(trigger, [...(map.get(trigger) ?? []), workflow.id]);
      }
      this.listening = map;
    }
    return this.listening.get(triggerId) ?? [];
  }

  /** `/workflows/rebuildRedis`: forget the cached listener sets. */
  rebuildListeners(): void {
    this.listening = null;
  }

  /** Validates, then inserts; nothing is written when a rule fails. */
  create(changes: WorkflowChanges & { name: string; trigger_id: string }): SaveResult {
    const uuid = (changes.uuid ?? randomUUID()).toLowerCase();
    const data = changes.data ?? [];
    const errors = this.validate(data, uuid, null);
    if (errors.length > 0) return { ok: false, errors };
    const info = this.db
      .prepare(
        'INSERT INTO workflows (uuid, name, description, timestamp, enabled, counter, trigger_id, debug_enabled, data) VALUES (?,?,?,?,0,0,?,?,?)',
      )
      .run(
        uuid,
        changes.name,
        changes.description ?? '',
        changes.timestamp ?? this.now(),
        changes.trigger_id,
        changes.debug_enabled ? 1 : 0,
        JSON.stringify(data),
      );
    this.listening = null;
    return { ok: true, workflow: this.find(Number(info.lastInsertRowid)) as Workflow };
  }

  /** MISP's edit takes name, description, timestamp, data and debug_enabled only. */
  update(id: number, changes: Omit<WorkflowChanges, 'uuid' | 'trigger_id'>): SaveResult {
    const current = this.find(id);
    if (!current) return { ok: false, errors: ['Invalid workflow'] };
    if (changes.data !== undefined) {
      const errors = this.validate(changes.data, current.uuid, id);
      if (errors.length > 0) return { ok: false, errors };
    }
    const next = { ...current, ...stripUndefined(changes) };
    this.db
      .prepare(
        'UPDATE workflows SET name = ?, description = ?, timestamp = ?, debug_enabled = ?, data = ? WHERE id = ?',
      )
      .run(
        next.name,
        next.description,
        changes.timestamp ?? this.now(),
        next.debug_enabled ? 1 : 0,
        JSON.stringify(next.data),
        id,
      );
    this.listening = null;
    return { ok: true, workflow: this.find(id) as Workflow };
  }

  incrementCounter(id: number | string, by = 1): void {
    this.db.prepare('UPDATE workflows SET counter = counter + ? WHERE id = ?').run(by, Number(id));
  }

  delete(id: number): boolean {
    const deleted = this.db.prepare('DELETE FROM workflows WHERE id = ?').run(id).changes > 0;
    this.listening = null;
    return deleted;
  }

  private validate(data: WorkflowGraph | [], uuid: string, selfId: number | null): string[] {
    const errors: string[] = [];
    if (!UUID_PATTERN.test(uuid)) errors.push('Please provide a valid RFC 4122 UUID');
    else {
      const owner = this.db.prepare('SELECT id FROM workflows WHERE uuid = ?').get(uuid) as
        { id: number } | undefined;
      if (owner && owner.id !== selfId) errors.push('The UUID provided is not unique');
    }
    // An empty graph has no trigger, so it fails like MISP's hasOneTrigger rule.
    errors.push(...validateGraph(Array.isArray(data) ? ({} as WorkflowGraph) : data));
    return errors;
  }

  private now(): number {
    return Math.floor(this.clock() / 1000);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
