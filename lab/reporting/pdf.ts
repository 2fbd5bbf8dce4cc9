/**
 * The PDF is the HTML page printed by a real Chromium (lab/browser.ts), so both always show
 * the same thing. One browser prints every page of a run.
 */
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../browser.ts';

/** Prints each [htmlFile, pdfFile] pair; returns the PDFs written. */
export async function printPdfs(pairs: [string, string][]): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const [html, pdf] of pairs) {
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.pdf({
        path: pdf,
        format: 'A4',
        printBackground: true,
        margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
      });
    }
    return pairs.map(([, pdf]) => pdf);
  } finally {
    await browser.close().catch(() => undefined);
  }
}
