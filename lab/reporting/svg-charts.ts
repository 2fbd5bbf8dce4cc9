/**
 * Inline SVG charts for the HTML report (no scripts, no external assets, so the page and its
 * PDF are self-contained). Every bar segment carries data-* attributes with the number it
 * stands for, so a test can check the picture against compliance.json.
 */
import { AREAS, SEVERITIES, type Area } from './catalogue.ts';
import type { Messages } from './i18n.ts';
import type { ControlStatus, ControlVerdict } from './verdicts.ts';

export const STATUS_FILL: Record<ControlStatus, string> = {
  passed: '#2e7d32',
  failed: '#c62828',
  waived: '#00838f',
  finding: '#f9a825',
  'not-run': '#9e9e9e',
  planned: '#78909c',
};

const ORDER: ControlStatus[] = ['failed', 'finding', 'waived', 'passed', 'not-run', 'planned'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Row {
  key: string;
  label: string;
  counts: Record<ControlStatus, number>;
}

/** Horizontal stacked bars, one row per key, one segment per status. */
function stackedBars(rows: Row[], kind: string, ariaLabel: string): string {
  const labelW = 150;
  const barW = 420;
  const rowH = 28;
  const max = Math.max(1, ...rows.map((r) => ORDER.reduce((sum, s) => sum + r.counts[s], 0)));
  const body = rows.map((row, i) => {
    const y = i * rowH + 4;
    let x = labelW;
    const segments = ORDER.filter((s) => row.counts[s] > 0).map((status) => {
      const n = row.counts[status];
      const w = (n / max) * barW;
      const seg =
        `<rect class="segment" data-${kind}="${escapeXml(row.key)}" data-status="${status}" data-count="${n}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${STATUS_FILL[status]}"><title>${status}: ${n}</title></rect>` +
        (w >= 16
          ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + rowH / 2 + 1}" font-size="11" fill="#fff" text-anchor="middle">${n}</text>`
          : '');
      x += w;
      return seg;
    });
    return `<text x="0" y="${y + rowH / 2 + 1}" font-size="12">${escapeXml(row.label)}</text>${segments.join('')}`;
  });
  const height = rows.length * rowH + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${kind}" role="img" aria-label="${escapeXml(ariaLabel)}" viewBox="0 0 ${labelW + barW + 10} ${height}" width="100%" style="max-width:${labelW + barW + 10}px">${body.join('')}</svg>`;
}

export function areaChart(byArea: Record<string, Record<ControlStatus, number>>, t: Messages): string {
  const order = (area: string) => (AREAS.indexOf(area as Area) + 99) % 99;
  const entries = Object.entries(byArea).sort(([a], [b]) => order(a) - order(b));
  const rows = entries.map(([area, counts]) => ({
    key: area,
    label: t.areas[area as keyof Messages['areas']] ?? area,
    counts,
  }));
  return stackedBars(rows, 'area', t.byArea);
}

export function severityLadder(controls: ControlVerdict[], t: Messages): string {
  const rows = SEVERITIES.map((severity) => {
    const counts = Object.fromEntries(ORDER.map((s) => [s, 0])) as Record<ControlStatus, number>;
    for (const c of controls) if (c.severity === severity) counts[c.status] += 1;
    return { key: severity, label: t.severities[severity], counts };
  });
  return stackedBars(rows, 'severity', t.severityLadder);
}

export function legend(t: Messages): string {
  return ORDER.map(
    (s) =>
      `<span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${STATUS_FILL[s]}"/></svg> ${escapeXml(t.statuses[s])}</span>`,
  ).join(' ');
}
