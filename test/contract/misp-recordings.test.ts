/**
 * Drift caught without a MISP at hand (issue 9, item 2): the reference server, started in this
 * process, answers every exchange of the harness's catalogue (lab/contract/catalogue.ts) as real
 * MISP 2.5.1 answered it when recorded (fixtures/misp-recordings, `npm run record:misp`): same
 * status, content type, redirects, JSON keys and types, the values that matter, the page
 * landmarks and the console's lines. Known differences are listed with their reason in
 * fixtures/misp-recordings/known-drift.json; a new one fails, and so does a listed one that is gone.
 * Pages need a Chromium; without one they are reported as not run (and fail), never skipped silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { runAdminShell } from '../../server/console/admin-shell.ts';
import { BrowserNotFoundError, findChromium, launchChromium } from '../../lab/browser.ts';
import { CATALOGUE } from '../../lab/contract/catalogue.ts';
import {
  driftReport,
  loadKnownDrift,
  loadRecording,
  type DriftReport,
} from '../../lab/contract/recordings.ts';
import { runCatalogue, type CatalogueRun } from '../../lab/contract/runner.ts';

const ADMIN_PASSWORD = 'Contract-Test-Passw0rd!';
const ADMIN_KEY = 'C'.repeat(20) + '0123456789abcdefghij';

function chromiumMissing(): string | null {
  try {
    findChromium();
    return null;
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return error.message;
    throw error;
  }
}

/**
 * The recorded MISP had background jobs and workflows on (the harness's prerequisites); the
 * reference server starts with them as recorded, so a 403 for "workflows disabled" is no drift.
 */
function recordedPrerequisites(): Record<string, boolean> {
  const settings: Record<string, boolean> = {};
  for (const [id, name] of [
    ['setting-background-jobs', 'MISP.background_jobs'],
    ['setting-workflow-enable', 'Plugin.Workflow_enable'],
  ] as const) {
    const value = loadRecording(id)?.values?.value;
    if (typeof value === 'boolean') settings[name] = value;
  }
  return settings;
}

const NO_CHROMIUM = chromiumMissing();
const EXCHANGES = NO_CHROMIUM ? CATALOGUE.filter((e) => e.kind !== 'page') : CATALOGUE;

describe('the reference server against real MISP 2.5.1 recordings', { timeout: 120_000 }, () => {
  let server: StartedMispServer;
  let browser: Browser | undefined;
  let run: CatalogueRun;
  let report: DriftReport;

  beforeAll(async () => {
    server = await startMispServer({
      admin: { password: ADMIN_PASSWORD, authKey: ADMIN_KEY },
      settings: recordedPrerequisites(),
    });
    if (!NO_CHROMIUM) browser = await launchChromium();
    run = await runCatalogue(
      {
        url: server.getUrl(),
        adminEmail: server.getAdmin().email,
        adminAuthKey: ADMIN_KEY,
        adminPassword: ADMIN_PASSWORD,
        browser,
        console: async (args) => {
          const out: string[] = [];
          const err: string[] = [];
          const exitCode = runAdminShell(args, server.services.settings, {
            out: (line) => out.push(`${line}\n`),
            err: (line) => err.push(`${line}\n`),
          });
          return { stdout: out.join(''), stderr: err.join(''), exitCode };
        },
      },
      EXCHANGES,
    );
    report = driftReport(run.observations, loadKnownDrift());
    if (report.known.length > 0) {
      const byExchange = new Map<string, number>();
      for (const entry of report.known)
        byExchange.set(entry.exchange, (byExchange.get(entry.exchange) ?? 0) + 1);
      console.info(
        `known drift from real MISP (fixtures/misp-recordings/known-drift.json): ${report.known.length} differences in ${byExchange.size} exchanges: ${[...byExchange].map(([id, n]) => `${id} ${n}`).join(', ')}`,
      );
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has a recording for every exchange of the catalogue', () => {
    expect(report.unrecorded, 'record them with npm run record:misp -- --url … --only <ids>').toEqual([]);
    expect(run.observations.map((o) => o.id)).toEqual(EXCHANGES.map((e) => e.id));
  });

  it.skipIf(NO_CHROMIUM !== null)(
    `compares the pages in Chromium${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`,
    () => {
      expect(run.observations.filter((o) => o.request.kind === 'page' && !o.notRun)).toHaveLength(
        CATALOGUE.filter((e) => e.kind === 'page').length,
      );
    },
  );

  it('drifts from real MISP only where the known-drift list says so', () => {
    const lines = report.fresh.map((d) => `${d.exchange}: ${d.difference}`);
    expect(
      lines,
      'new drift from the recordings of real MISP: fix the server (or, with a reason, list it in known-drift.json)',
    ).toEqual([]);
  });

  it('lists no drift that has gone (delete those entries from known-drift.json)', () => {
    expect(report.stale.map((d) => `${d.exchange}: ${d.difference}`)).toEqual([]);
  });
});
