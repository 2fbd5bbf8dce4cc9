/**
 * The PDF is the HTML page printed by a real Chromium (lab/browser.ts), so both always show
 * the same thing. Each page carries a header with the report's title and run id and a footer
 * with the page number; headings become the PDF's outline (bookmarks). One browser prints every
 * page of a run.
 */
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../browser.ts';
import { messages, type Locale } from './i18n.ts';
import type { ComplianceReport } from './report-model.ts';
import { escapeXml as esc } from './svg-charts.ts';

/** Prints each [htmlFile, pdfFile, locale] triple; returns the PDFs written. */
export async function printPdfs(
  pairs: [string, string, Locale][],
  report: ComplianceReport,
): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const [html, pdf, locale] of pairs) {
      const t = messages(locale);
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.pdf({
        path: pdf,
        format: 'A4',
        printBackground: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: true,
        // Chromium fills the classes pageNumber and totalPages; templates get no page CSS.
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 10mm;display:flex;justify-content:space-between;color:#555"><span>${esc(t.reportTitle)}</span><span>${esc(t.runId)} ${esc(report.runId)}</span></div>`,
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 10mm;display:flex;justify-content:space-between;color:#555"><span>${esc(report.run.toolVersion)} · ${esc(t.targetLabel(report.run.target, report.run.mispVersion))}</span><span>${esc(t.page)} <span class="pageNumber"></span> ${esc(t.of)} <span class="totalPages"></span></span></div>`,
        margin: { top: '16mm', bottom: '16mm', left: '10mm', right: '10mm' },
      });
    }
    return pairs.map(([, pdf]) => pdf);
  } finally {
    await browser.close().catch(() => undefined);
  }
}
