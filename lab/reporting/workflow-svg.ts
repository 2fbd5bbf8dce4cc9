/**
 * Workflow graphs drawn for people: MISP's Drawflow JSON (fixtures/workflows/*.json: a graph
 * keyed by node id, a {Workflow|WorkflowBlueprint: {data}} export, or a node list) becomes an
 * inline SVG with one box per module at its editor position and one curve per connection.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { escapeXml } from './svg-charts.ts';

interface DrawflowNode {
  id: number | string;
  name?: string;
  class?: string;
  pos_x?: number;
  pos_y?: number;
  data?: { name?: string; module_type?: string; indexed_params?: Record<string, unknown> };
  outputs?: Record<string, { connections?: { node: string | number }[] }> | unknown[];
}

export interface WorkflowDrawing {
  name: string;
  svg: string;
}

const BOX_W = 220;
const BOX_H = 58;
const SCALE = 0.9;

export function readWorkflowDrawings(dir: string): WorkflowDrawing[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    try {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
      const nodes = nodesOf(raw);
      const label = nameOf(raw) ?? basename(file, '.json');
      return nodes.length > 0
        ? [{ name: label, svg: drawWorkflow(nodes, label, basename(file, '.json')) }]
        : [];
    } catch {
      return []; // a graph that cannot be read is simply not drawn
    }
  });
}

function nodesOf(raw: unknown): DrawflowNode[] {
  const wrapped = raw as { Workflow?: { data?: unknown }; WorkflowBlueprint?: { data?: unknown } } | null;
  const data = wrapped?.Workflow?.data ?? wrapped?.WorkflowBlueprint?.data ?? raw;
  const list = Array.isArray(data) ? data : Object.values((data ?? {}) as Record<string, unknown>);
  return list.filter(
    (n): n is DrawflowNode => !!n && typeof n === 'object' && 'id' in n && ('pos_x' in n || 'data' in n),
  );
}

function nameOf(raw: unknown): string | undefined {
  const r = raw as { Workflow?: { name?: string }; WorkflowBlueprint?: { name?: string } } | null;
  return r?.Workflow?.name ?? r?.WorkflowBlueprint?.name;
}

/** `key` keeps the arrow marker's id unique when several graphs share one page. */
export function drawWorkflow(nodes: DrawflowNode[], title: string, key = 'graph'): string {
  const marker = `arrow-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const at = new Map(
    nodes.map((n, i) => [
      String(n.id),
      { x: (n.pos_x ?? i * 300) * SCALE + 10, y: (n.pos_y ?? 0) * SCALE + 10 },
    ]),
  );
  const width = Math.max(...[...at.values()].map((p) => p.x)) + BOX_W + 20;
  const height = Math.max(...[...at.values()].map((p) => p.y)) + BOX_H + 30;
  const edges: string[] = [];
  for (const node of nodes) {
    const from = at.get(String(node.id))!;
    const outputs = Array.isArray(node.outputs) ? {} : (node.outputs ?? {});
    const isIf = (node.class ?? '').includes('block-type-if');
    Object.entries(outputs).forEach(([output, value], index, all) => {
      for (const connection of value.connections ?? []) {
        const to = at.get(String(connection.node));
        if (!to) continue;
        const y1 = from.y + (BOX_H * (index + 1)) / (all.length + 1);
        const x1 = from.x + BOX_W;
        const x2 = to.x;
        const y2 = to.y + BOX_H / 2;
        const bend = Math.max(40, (x2 - x1) / 2);
        const label = isIf ? (output === 'output_1' ? 'then' : 'else') : '';
        edges.push(
          `<path class="edge" d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="#555" stroke-width="1.5" marker-end="url(#${marker})"/>` +
            (label ? `<text x="${x1 + 6}" y="${y1 - 4}" font-size="10" fill="#555">${label}</text>` : ''),
        );
      }
    });
  }
  const boxes = nodes.map((node) => {
    const { x, y } = at.get(String(node.id))!;
    const kind = node.data?.module_type ?? 'module';
    const fill = { trigger: '#dbeafe', logic: '#fef3c7', action: '#dcfce7' }[kind] ?? '#f3f4f6';
    const name = node.data?.name ?? node.name ?? String(node.id);
    return (
      `<g class="node" data-module-type="${escapeXml(kind)}"><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${fill}" stroke="#333"/>` +
      `<text x="${x + 8}" y="${y + 20}" font-size="13" font-weight="bold">${escapeXml(clip(name, 30))}</text>` +
      `<text x="${x + 8}" y="${y + 40}" font-size="10" fill="#444">${escapeXml(clip(paramsLine(node), 40))}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="workflow" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">` +
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>` +
    `${edges.join('')}${boxes.join('')}</svg>`
  );
}

function paramsLine(node: DrawflowNode): string {
  const params = node.data?.indexed_params ?? {};
  return Object.entries(params)
    .filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join(' · ');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
