/**
 * Workflow blueprints (MISP's WorkflowBlueprint, spec §3.12): reusable node lists in MISP's
 * export format `{"WorkflowBlueprint":{id, uuid, name, description, timestamp, default, data:[…],
 * mermaid}}`. Default blueprints ship with the server and are loaded once (`default=true`); those
 * added, imported or edited by users get `default=false`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from '../storage/db.ts';
import type { WorkflowNode } from './engine/index.ts';
import type { ModuleRegistry } from './engine/index.ts';

interface BlueprintRow {
  id: number;
  uuid: string;
  name: string;
  description: string;
  timestamp: number;
  is_default: number;
  data: string;
}

export interface Blueprint {
  id: number;
  uuid: string;
  name: string;
  description: string;
  timestamp: number;
  default: boolean;
  data: WorkflowNode[];
}

export interface BlueprintInput {
  uuid?: string;
  name: string;
  description?: string;
  timestamp?: number;
  data: WorkflowNode[];
}

const DEFAULT_BLUEPRINT_FILES = ['pap-red-tlp-red-blocking.json'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function fromRow(row: BlueprintRow): Blueprint {
  let data: WorkflowNode[];
  try {
    const parsed = JSON.parse(row.data) as unknown;
    data = Array.isArray(parsed) ? (parsed as WorkflowNode[]) : Object.values(parsed as object);
  } catch {
    data = [];
  }
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    description: row.description,
    timestamp: row.timestamp,
    default: row.is_default === 1,
    data,
  };
}

/** MISP's mermaid rendering of a blueprint: one `a --> b` line per connection. */
export function blueprintMermaid(nodes: WorkflowNode[], registry?: ModuleRegistry): string {
  const label = (node: WorkflowNode): string => {
    const module = node.data?.module_type ? registry?.get(node.data.module_type, node.data.id) : undefined;
    const icon = `fas:fa-${module?.icon || (node.data?.module_type === 'logic' ? 'code-branch' : 'cube')}`;
    const text = `"${icon}  ${node.data?.name ?? node.name ?? node.data?.id ?? ''}"`;
    return node.data?.module_type === 'logic' ? `[/${text}/]` : `[${text}]`;
  };
  const byId = new Map(nodes.map((node) => [String(node.id), node]));
  let out = 'flowchart LR\n';
  for (const node of nodes) {
    const outputs = node.outputs && !Array.isArray(node.outputs) ? Object.values(node.outputs) : [];
    for (const port of outputs) {
      for (const connection of port?.connections ?? []) {
        const target = byId.get(String(connection.node));
        if (target) out += `    ${node.id}${label(node)} --> ${target.id}${label(target)}\n`;
      }
    }
  }
  return out;
}

export class BlueprintRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
  ) {}

  /** Loads the shipped blueprints once, matched by uuid (WorkflowBlueprint::update). */
  seedDefaults(): void {
    for (const file of DEFAULT_BLUEPRINT_FILES) {
      const text = readFileSync(new URL(`./default-blueprints/${file}`, import.meta.url), 'utf8');
      const blueprint = (JSON.parse(text) as { WorkflowBlueprint: Record<string, unknown> })
        .WorkflowBlueprint;
      if (this.findByUuid(String(blueprint.uuid))) continue;
      this.insert(
        {
          uuid: String(blueprint.uuid),
          name: String(blueprint.name),
          description: String(blueprint.description ?? ''),
          timestamp: Number(blueprint.timestamp),
          data: blueprint.data as WorkflowNode[],
        },
        true,
      );
    }
  }

  list(): Blueprint[] {
    return (this.db.prepare('SELECT * FROM workflow_blueprints ORDER BY id').all() as BlueprintRow[]).map(
      fromRow,
    );
  }

  find(id: number | string): Blueprint | undefined {
    if (!/^\d+$/.test(String(id))) return undefined;
    const row = this.db.prepare('SELECT * FROM workflow_blueprints WHERE id = ?').get(Number(id)) as
      BlueprintRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  findByUuid(uuid: string): Blueprint | undefined {
    const row = this.db
      .prepare('SELECT * FROM workflow_blueprints WHERE uuid = ?')
      .get(uuid.toLowerCase()) as BlueprintRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Validates and inserts; errors are MISP's validation messages. */
  add(input: BlueprintInput): { ok: true; blueprint: Blueprint } | { ok: false; errors: string[] } {
    const errors = this.validate(input, null);
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, blueprint: this.insert(input, false) };
  }

  update(
    id: number,
    input: Partial<BlueprintInput>,
  ): { ok: true; blueprint: Blueprint } | { ok: false; errors: string[] } {
    const current = this.find(id);
    if (!current) return { ok: false, errors: ['Invalid blueprint'] };
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    const errors = this.validate(next, id);
    if (errors.length > 0) return { ok: false, errors };
    this.db
      .prepare(
        'UPDATE workflow_blueprints SET name = ?, description = ?, timestamp = ?, is_default = 0, data = ? WHERE id = ?',
      )
      .run(next.name, next.description ?? '', this.now(), JSON.stringify(next.data), id);
    return { ok: true, blueprint: this.find(id) as Blueprint };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM workflow_blueprints WHERE id = ?').run(id).changes > 0;
  }

  private validate(input: Partial<BlueprintInput>, selfId: number | null): string[] {
    const errors: string[] = [];
    if (typeof input.name !== 'string' || input.name.trim() === '') errors.push('A name is required');
    if (!Array.isArray(input.data)) errors.push('The blueprint data must be a list of nodes');
    else if (
      input.data.some((node) => typeof node !== 'object' || node === null || typeof node.data !== 'object')
    )
      errors.push('Every node of the blueprint must be a Drawflow node with its module data');
    if (input.uuid !== undefined) {
      if (!UUID_PATTERN.test(input.uuid)) errors.push('Please provide a valid RFC 4122 UUID');
      else {
        const owner = this.findByUuid(input.uuid);
        if (owner && owner.id !== selfId) errors.push('The UUID provided is not unique');
      }
    }
    return errors;
  }

  private insert(input: BlueprintInput, isDefault: boolean): Blueprint {
    const info = this.db
      .prepare(
        'INSERT INTO workflow_blueprints (uuid, name, description, timestamp, is_default, data) VALUES (?,?,?,?,?,?)',
      )
      .run(
        (input.uuid ?? randomUUID()).toLowerCase(),
        input.name,
        input.description ?? '',
        input.timestamp ?? this.now(),
        isDefault ? 1 : 0,
        JSON.stringify(input.data),
      );
    return this.find(Number(info.lastInsertRowid)) as Blueprint;
  }

  private now(): number {
    return Math.floor(this.clock() / 1000);
  }
}

/** `{"WorkflowBlueprint":{…}}` as MISP's view and export answer it. */
export function blueprintJson(blueprint: Blueprint, registry?: ModuleRegistry): Record<string, unknown> {
  return {
    WorkflowBlueprint: {
      id: String(blueprint.id),
      uuid: blueprint.uuid,
      name: blueprint.name,
      description: blueprint.description,
      timestamp: String(blueprint.timestamp),
      default: blueprint.default,
      data: blueprint.data,
      mermaid: blueprintMermaid(blueprint.data, registry),
    },
  };
}
