/**
 * The compliance report as one self-contained HTML page (inline CSS and SVG, no scripts, no
 * external assets): it opens from a USB stick and prints to the PDF unchanged. Every number is
 * marked with data-* attributes so a browser test can compare the page with compliance.json.
 */
import { AREAS } from './catalogue.ts';
import { count, formatDate, listOf, messages, scenarioName, type Locale, type Messages } from './i18n.ts';
import type { ComplianceReport } from './report-model.ts';
import { areaChart, escapeXml as esc, legend, severityLadder, STATUS_FILL } from './svg-charts.ts';
import type { ControlVerdict } from './verdicts.ts';
import type { WorkflowDrawing } from './workflow-svg.ts';

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{margin-bottom:4px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:32px}
.verdict{padding:12px 16px;border-radius:6px;color:#fff;font-weight:bold;font-size:1.1em}
.verdict-0{background:#2e7d32}.verdict-1{background:#c62828}.verdict-2{background:#6d4c41}.verdict-3{background:#e65100}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.total{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.total b{display:block;font-size:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}
th{background:#f5f5f5}.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;font-size:.85em;white-space:nowrap}
.sev{font-weight:bold}.sev-critical{color:#6a1b9a}.sev-high{color:#c62828}.sev-medium{color:#e65100}.sev-low{color:#00838f}.sev-info{color:#555}
.note{color:#8d6e00;font-style:italic}.waiver{background:#e0f7fa;padding:6px;border-radius:4px;margin-top:6px}
.scenarios{margin:4px 0 0 16px;padding:0}.error{white-space:pre-wrap;font-family:monospace;font-size:.85em;color:#b71c1c}
.legend-item{margin-right:12px;font-size:.9em}.charts{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.mapping{font-size:.85em}.reason{color:#616161}.remediation{margin-top:4px}.target{font-size:1.05em}.workflow-box{margin:12px 0;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}.charts{grid-template-columns:1fr 1fr}tr{page-break-inside:avoid}}
`;

export interface HtmlOptions {
  /** IANA time zone for every date on the page. */
  timeZone: string;
}

export function renderComplianceHtml(
  report: ComplianceReport,
  locale: Locale,
  workflows: WorkflowDrawing[],
  options: HtmlOptions = { timeZone: 'UTC' },
): string {
  const t = messages(locale);
  const run = report.run;
  const date = (iso: string | null) => formatDate(iso, locale, options.timeZone) ?? t.unknown;
  const totals = (['passed', 'failed', 'waived', 'finding', 'not-run', 'planned'] as const)
    .map(
      (s) =>
        `<div class="total" style="border-left:6px solid ${STATUS_FILL[s]}"><b data-total="${s}">${report.totals[s]}</b>${esc(t.statuses[s])}</div>`,
    )
    .join('');
  const areas = [...AREAS, ...Object.keys(report.byArea).filter((a) => !AREAS.includes(a as never))];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t.reportTitle)}</title><meta name="misp-lab-run-id" content="${esc(report.runId)}"><style>${CSS}</style></head>
<body>
<h1>${esc(t.reportTitle)}</h1>
<p>${esc(t.generatedAt)} <time datetime="${esc(report.generatedAt)}">${esc(date(report.generatedAt))}</time> · ${esc(t.runId)} <code data-run-id>${esc(report.runId)}</code></p>
<p class="target" data-target="${esc(run.target ?? '')}"><b>${esc(t.target)}:</b> ${esc(t.targetLabel(run.target, run.mispVersion))}</p>
<div class="verdict verdict-${report.exitCode}" data-exit-code="${report.exitCode}">${esc(t.verdict[report.exitCode])} (${esc(t.exitCode)} ${report.exitCode})</div>
<div class="totals" data-controls="${report.controls.length}">${totals}
<div class="total"><b data-total="scenarios">${report.scenarios.total}</b>${esc(t.scenarios)}</div></div>
${notRunSection(report, t)}
<h2>${esc(t.runDetails)}</h2>
<table class="run">
${row(t.target, t.targetLabel(run.target, run.mispVersion))}${row(t.mispUrl, run.mispUrl ?? t.unknown)}${row(t.mispVersion, run.mispVersion ?? t.unknown)}
${row(t.tool, `${run.toolVersion}${run.cucumberVersion ? `, ${run.cucumberVersion}` : ''}, Node ${run.nodeVersion}`)}
${row(t.started, date(run.startedAt))}${row(t.finished, date(run.finishedAt))}${row(t.timeZone, options.timeZone)}
${row(
  t.settings,
  Object.entries(run.settings)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join('\n') || t.unknown,
)}
</table>
<div class="charts"><div><h2>${esc(t.byArea)}</h2>${areaChart(report.byArea, t)}</div>
<div><h2>${esc(t.severityLadder)}</h2>${severityLadder(report.controls, t)}</div></div>
<p>${legend(t)}</p>
${areas
  .map((area) => {
    const mine = report.controls.filter((c) => c.area === area);
    if (mine.length === 0) return '';
    return `<h2>${esc(t.areas[area as keyof Messages['areas']] ?? area)}</h2>
<table class="controls"><thead><tr><th>${esc(t.id)}</th><th>${esc(t.title)}</th><th>${esc(t.severity)}</th><th>${esc(t.status)}</th><th>${esc(t.mappings)}</th></tr></thead>
<tbody>${mine.map((c) => controlRow(c, t, locale, report.frameworks)).join('\n')}</tbody></table>`;
  })
  .join('\n')}
<h2>${esc(t.flakyTitle)}</h2>
${
  report.flaky.length === 0
    ? `<p data-flaky="0">${esc(t.flakyNone)}</p>`
    : `<ul data-flaky="${report.flaky.length}">${report.flaky
        .map(
          (s) =>
            `<li>${esc(scenarioName(s, locale))} (${esc(count(locale, s.attempts, t.attemptNoun))}) ${esc(s.controls.join(' '))}</li>`,
        )
        .join('')}</ul>`
}
${
  report.untaggedFailures.length > 0
    ? `<h2>${esc(t.untaggedTitle)}</h2><ul>${report.untaggedFailures
        .map(
          (s) =>
            `<li>${esc(scenarioName(s, locale))}<div class="error">${esc(s.error ?? s.status)}</div></li>`,
        )
        .join('')}</ul>`
    : ''
}
${
  workflows.length > 0
    ? `<h2>${esc(t.workflowGraphs)}</h2>${workflows
        .map(
          (w) =>
            `<div class="workflow-box"><h3>${esc(w.name)}</h3><p><small>${esc(
              t.workflowSavedBy(
                listOf(
                  locale,
                  w.sources.map((source) => `"${scenarioName(source, locale)}"`),
                ),
                w.sources.length,
              ),
            )}</small></p>${w.svg}</div>`,
        )
        .join('')}`
    : ''
}
</body></html>
`;
}

/** Up front, so nobody reads a green page without seeing what did not run and why. */
function notRunSection(report: ComplianceReport, t: Messages): string {
  const notRun = report.controls.filter((c) => c.status === 'not-run');
  if (notRun.length === 0) return '';
  return `<h2>${esc(t.notRunTitle)}</h2><table class="not-run" data-not-run-controls="${notRun.length}">${notRun
    .map(
      (c) =>
        `<tr data-not-run-control="${esc(c.id)}"><th><a href="#${esc(c.id)}">${esc(c.id)}</a></th><td>${(
          c.notRunReasons ?? []
        )
          .map((r) => `<div data-not-run="${esc(r.code)}">${esc(t.notRunReason(r))}</div>`)
          .join('')}</td></tr>`,
    )
    .join('')}</table>`;
}

function remediation(c: ControlVerdict, t: Messages, locale: Locale): string {
  const text = locale === 'pt-BR' ? c.remediationPtBr : c.remediation;
  return text
    ? `<div class="remediation"><small><b>${esc(t.remediation)}:</b> ${esc(text)}</small></div>`
    : '';
}

function row(label: string, value: string): string {
  return `<tr><th>${esc(label)}</th><td style="white-space:pre-wrap">${esc(value)}</td></tr>`;
}

function controlRow(
  c: ControlVerdict,
  t: Messages,
  locale: Locale,
  frameworks: Record<string, string>,
): string {
  const title = locale === 'pt-BR' && c.titlePtBr ? c.titlePtBr : c.title;
  const mappings = Object.entries(c.mappings)
    .filter(([, refs]) => refs.length > 0)
    .map(
      ([fw, refs]) =>
        `<div class="mapping"><b>${esc(frameworks[fw] ?? fw)}</b>: ${esc(refs.join(', '))}</div>`,
    )
    .join('');
  const scenarios = c.scenarios
    .map(
      (s) =>
        `<li data-scenario-status="${esc(s.status)}">${esc(scenarioName(s, locale))}: ${esc(t.scenarioStatuses[s.status] ?? s.status)}${
          s.flaky ? ` (${esc(t.flaky.one)}, ${esc(count(locale, s.attempts, t.attemptNoun))})` : ''
        }${s.notRun ? ` <span class="reason" data-not-run="${esc(s.notRun.code)}">(${esc(t.notRunReason(s.notRun))})</span>` : ''}${
          s.error && s.status !== 'passed' ? `<div class="error">${esc(s.error.slice(0, 1500))}</div>` : ''
        }</li>`,
    )
    .join('');
  const waiver = c.waiver
    ? `<div class="waiver" data-waiver-state="${c.waiver.state}"><b>${esc(t.waiver)}</b>: ${esc(c.waiver.justification)}<br>${esc(t.approver)}: ${esc(c.waiver.approver)} · ${esc(t.validity)}: ${esc(c.waiver.effective)} → ${esc(c.waiver.expires)} · ${esc(t.residualRisk)}: ${esc(t.severities[c.waiver.residualRisk])}${
        c.waiver.state === 'expired'
          ? `<div class="note">${esc(t.waiverExpired(c.waiver.expires))}</div>`
          : c.waiver.state === 'not-yet-effective'
            ? `<div class="note">${esc(t.waiverNotYet(c.waiver.effective))}</div>`
            : ''
      }</div>`
    : '';
  const evidence = c.scenarios.some((s) => s.attempts > 0)
    ? ` · <a href="evidence/${esc(c.id)}/">${esc(t.evidence)}</a>`
    : '';
  return `<tr id="${esc(c.id)}" data-control="${esc(c.id)}" data-status="${c.status}">
<td><b>${esc(c.id)}</b><br><small>${esc(t.kinds[c.kind])}</small></td>
<td>${esc(title)}<br><small>${esc(t.rationale)}: ${esc(locale === 'pt-BR' && c.rationalePtBr ? c.rationalePtBr : c.rationale)}</small>${remediation(c, t, locale)}${c.inCatalogue ? '' : `<div class="note">${esc(t.notInCatalogue)}</div>`}${waiver}
${scenarios ? `<ul class="scenarios">${scenarios}</ul>` : ''}<small>${esc(count(locale, c.scenarios.length, t.scenarioNoun))}${evidence}</small></td>
<td class="sev sev-${c.severity}">${esc(t.severities[c.severity])}<br><small>${esc(t.impact)} ${c.impact.toFixed(1)}</small></td>
<td><span class="badge" style="background:${STATUS_FILL[c.status]}">${esc(t.statuses[c.status])}</span></td>
<td>${mappings}</td></tr>`;
}
