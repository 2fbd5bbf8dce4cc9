/**
 * Workflow graphs drawn for people from what the target saved: scenarios attach the workflow
 * MISP answered after each save (saved-workflow-<trigger>.json, MISP's /workflows/view JSON),
 * and each distinct graph is laid out left to right by dagre (a maintained Sugiyama layout,
 * so edges do not cross needlessly), one box per module with every parameter on its own line.
 */
import { createHash } from 'node:crypto';
import { Graph, layout, type Edge } from '@dagrejs/dagre';
import type { ScenarioResult } from './run-results.ts';
import { escapeXml } from './svg-charts.ts';

interface DrawflowNode {
  id: number | string;
  name?: string;
  class?: string;
  data?: { name?: string; module_type?: string; indexed_params?: Record<string, unknown> };
  outputs?: Record<string, { connections?: { node: string | number }[] }> | unknown[];
}

export interface WorkflowDrawing {
  name: string;
  /** Where the graph was read: every scenario that saved this same graph, in run order. */
  sources: { name: string; namePtBr?: string }[];
  svg: string;
}

export const SAVED_WORKFLOW_FILE = /^saved-workflow-[\w.-]+\.json$/;

const BOX_W = 300;
const LINE_H = 14;
const CHARS_PER_LINE = 46;

/**
 * One drawing per distinct graph the target saved during the run, in the order first seen. Two
 * saves are the same graph when their name, modules, parameters and connections are the same:
 * ids, timestamps and node positions differ from save to save and do not count.
 */
export function savedWorkflowDrawings(scenarios: ScenarioResult[]): WorkflowDrawing[] {
  const byMeaning = new Map<string, WorkflowDrawing>();
  for (const scenario of scenarios)
    for (const a of scenario.attachments) {
      if (!a.fileName || !SAVED_WORKFLOW_FILE.test(a.fileName)) continue;
      const text = a.encoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body;
      let raw: unknown;
      let nodes: DrawflowNode[];
      try {
        raw = JSON.parse(text) as unknown;
        nodes = nodesOf(raw);
      } catch {
        continue; // an attachment that is not a workflow is simply not drawn
      }
      if (nodes.length === 0) continue;
      const name = nameOf(raw) ?? a.fileName;
      const meaning = createHash('sha256').update(meaningOf(name, nodes)).digest('hex');
      const source = { name: scenario.name, ...(scenario.namePtBr ? { namePtBr: scenario.namePtBr } : {}) };
      const known = byMeaning.get(meaning);
      if (known) {
        if (!known.sources.some((s) => s.name === source.name)) known.sources.push(source);
        continue;
      }
      byMeaning.set(meaning, {
        name,
        sources: [source],
        svg: drawWorkflow(nodes, name, meaning.slice(0, 12)),
      });
    }
  return [...byMeaning.values()];
}

/** What a graph says, without what changes on every save (positions, ids, timestamps). */
function meaningOf(name: string, nodes: DrawflowNode[]): string {
  const described = nodes
    .map((n) => ({
      id: String(n.id),
      module: n.data?.module_type ?? '',
      block: n.data?.name ?? n.name ?? '',
      params: n.data?.indexed_params ?? {},
      to: Object.entries(Array.isArray(n.outputs) ? {} : (n.outputs ?? {})).map(([output, o]) => [
        output,
        (o.connections ?? []).map((c) => String(c.node)).sort(),
      ]),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify([name, described]);
}

function nodesOf(raw: unknown): DrawflowNode[] {
  const wrapped = raw as { Workflow?: { data?: unknown } } | null;
  let data = wrapped?.Workflow?.data ?? raw;
  if (typeof data === 'string') data = JSON.parse(data || '{}') as unknown;
  const list = Array.isArray(data) ? data : Object.values((data ?? {}) as Record<string, unknown>);
  return list.filter((n): n is DrawflowNode => !!n && typeof n === 'object' && 'id' in n && 'data' in n);
}

function nameOf(raw: unknown): string | undefined {
  return (raw as { Workflow?: { name?: string } } | null)?.Workflow?.name;
}

/** `key` keeps the arrow marker's id unique when several graphs share one page. */
export function drawWorkflow(nodes: DrawflowNode[], title: string, key = 'graph'): string {
  const marker = `arrow-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70, marginx: 10, marginy: 10 });
  const texts = new Map(nodes.map((n) => [String(n.id), boxLines(n)]));
  for (const n of nodes) {
    const lines = texts.get(String(n.id))!;
    g.setNode(String(n.id), { width: BOX_W, height: 26 + lines.params.length * LINE_H + 8 });
  }
  for (const n of nodes) {
    const outputs = Array.isArray(n.outputs) ? {} : (n.outputs ?? {});
    const isIf = (n.class ?? '').includes('block-type-if') || /^if/i.test(n.data?.name ?? '');
    for (const [output, value] of Object.entries(outputs))
      for (const c of value.connections ?? [])
        if (texts.has(String(c.node)))
          g.setEdge(
            String(n.id),
            String(c.node),
            { label: isIf ? (output === 'output_1' ? 'then' : 'else') : '', width: 30, height: 12 },
            `${n.id}:${output}:${c.node}`,
          );
  }
  layout(g);
  const { width = 0, height = 0 } = g.graph();
  const edges = g.edges().map((e: Edge) => {
    const edge = g.edge(e) as { points: { x: number; y: number }[]; label?: string; x?: number; y?: number };
    const [first, ...rest] = edge.points;
    const d = `M${first!.x},${first!.y} ${rest.map((p) => `L${p.x},${p.y}`).join(' ')}`;
    return (
      `<path class="edge" d="${d}" fill="none" stroke="#555" stroke-width="1.5" marker-end="url(#${marker})"/>` +
      (edge.label
        ? `<text x="${edge.x}" y="${edge.y}" font-size="11" fill="#333" text-anchor="middle">${edge.label}</text>`
        : '')
    );
  });
  const boxes = nodes.map((n) => {
    const box = g.node(String(n.id));
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const kind = n.data?.module_type ?? 'module';
    const fill = { trigger: '#dbeafe', logic: '#fef3c7', action: '#dcfce7' }[kind] ?? '#f3f4f6';
    const { title: name, params } = texts.get(String(n.id))!;
    return (
      `<g class="node" data-module-type="${escapeXml(kind)}"><rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="6" fill="${fill}" stroke="#333"/>` +
      `<text x="${x + 8}" y="${y + 18}" font-size="13" font-weight="bold">${escapeXml(name)}</text>` +
      params
        .map(
          (line, i) =>
            `<text class="param" x="${x + 8}" y="${y + 34 + i * LINE_H}" font-size="11" fill="#333">${escapeXml(line)}</text>`,
        )
        .join('') +
      `</g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="workflow" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">` +
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>` +
    `${edges.join('')}${boxes.join('')}</svg>`
  );
}

/** The module's name, and each non-empty parameter wrapped to the box: nothing is cut off. */
function boxLines(n: DrawflowNode): { title: string; params: string[] } {
  const params = Object.entries(n.data?.indexed_params ?? {})
    .filter(([, v]) => v !== '' && v !== null && !(Array.isArray(v) && v.length === 0))
    .flatMap(([k, v]) =>
      wrap(
        `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
      ),
    );
  return { title: wrap(n.data?.name ?? n.name ?? String(n.id))[0] ?? '', params };
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    for (let rest = word; rest.length > 0;) {
      const room = CHARS_PER_LINE - (line ? line.length + 1 : 0);
      if (rest.length <= room) {
        line = line ? `${line} ${rest}` : rest;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, CHARS_PER_LINE));
        rest = rest.slice(CHARS_PER_LINE);
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}
