/**
 * The fleet matrix as one self-contained page: a row per deployment, a column per control, each
 * cell the control's status there (its reason in the cell's title), each row linking to that
 * deployment's own compliance report. Cells carry data-* attributes so a test can read the page
 * back against fleet.json.
 */
import { escapeXml as esc, STATUS_FILL } from '../reporting/svg-charts.ts';
import type { FleetReport } from './rollup.ts';

const VERDICT: Record<number, string> = {
  0: 'every control passed',
  1: 'a control failed',
  2: 'not audited (the tool or the target failed)',
  3: 'nothing failed, but some controls were not run',
};

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222}
.verdict{padding:12px 16px;border-radius:6px;color:#fff;font-weight:bold}
.verdict-0{background:#2e7d32}.verdict-1{background:#c62828}.verdict-2{background:#6d4c41}.verdict-3{background:#e65100}
table{border-collapse:collapse;font-size:.85em}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}th.control{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
td.cell{color:#fff;text-align:center;white-space:nowrap}.error{color:#6d4c41;font-family:monospace}
.legend span{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;margin-right:6px}
`;

export function fleetHtml(report: FleetReport): string {
  const header = report.controls
    .map((c) => `<th class="control" title="${esc(c.title)}">${esc(c.id)}</th>`)
    .join('');
  const rows = report.deployments
    .map((row) => {
      const link = `${esc(row.reportsDir)}/compliance-report.en.html`;
      const cells =
        row.error !== undefined
          ? `<td class="error" colspan="${Math.max(report.controls.length, 1)}">${esc(row.error)}</td>`
          : report.controls
              .map((c) => {
                const cell = row.controls[c.id];
                if (!cell) return `<td data-control="${esc(c.id)}" data-status="absent">–</td>`;
                const title = `${c.id}: ${cell.status}${cell.detail ? ` (${cell.detail})` : ''}`;
                return `<td class="cell" data-control="${esc(c.id)}" data-status="${cell.status}" style="background:${STATUS_FILL[cell.status]}" title="${esc(title)}">${esc(cell.status)}</td>`;
              })
              .join('');
      return `<tr data-deployment="${esc(row.name)}" data-exit-code="${row.exitCode}"><th><a href="${link}">${esc(row.name)}</a><br><small>${esc(row.url)} · MISP ${esc(row.mispVersion ?? '?')} · ${esc(row.tags.join(', '))}</small></th><td class="verdict-${row.exitCode}" style="color:#fff">${row.exitCode}</td><td>${(row.durationMs / 1000).toFixed(1)} s</td>${cells}</tr>`;
    })
    .join('\n');
  const outside = report.outside.length
    ? `<p>Left to other shards (merge the shards with <code>misp-lab report merge</code>): ${report.outside.map((o) => esc(o.name)).join(', ')}</p>`
    : '';
  const legend = Object.entries(STATUS_FILL)
    .map(([status, fill]) => `<span style="background:${fill}">${status}</span>`)
    .join('');
  const selection = [
    `profile ${report.selection.profile}`,
    report.selection.tags ? `tags ${report.selection.tags}` : '',
    report.selection.deployments ? `deployments ${report.selection.deployments}` : '',
    report.selection.shard ? `shard ${report.selection.shard.index}/${report.selection.shard.total}` : '',
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MISP fleet compliance</title><style>${CSS}</style></head>
<body>
<h1>MISP fleet compliance</h1>
<p>Inventory ${esc(report.inventory)} · ${esc(selection.join(' · '))} · ${report.deployments.length} deployments, ${report.concurrency} at a time · ${esc(report.startedAt)} to ${esc(report.finishedAt)}</p>
<p class="verdict verdict-${report.exitCode}" data-exit-code="${report.exitCode}">Fleet verdict: exit ${report.exitCode}, ${esc(VERDICT[report.exitCode] ?? '')} (the worst deployment: 2 &gt; 1 &gt; 3 &gt; 0)</p>
${outside}
<p class="legend">${legend}</p>
<table>
<thead><tr><th>deployment</th><th>exit</th><th>time</th>${header}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>
`;
}
