/**
 * Lifecycle: one lab and one browser per worker process, a fresh world per scenario, evidence
 * attached after each outcome step (the page it checked) and at the end of each scenario (HTTP
 * transcript, final page), and everything the scenario changed undone, even when it failed.
 */
import {
  After,
  AfterAll,
  AfterStep,
  Before,
  BeforeAll,
  Status,
  setDefaultTimeout,
  setParallelCanAssign,
} from '@cucumber/cucumber';
import { PickleStepType } from '@cucumber/messages';
import type { Browser } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../lab/browser.ts';
import { MispConsole } from '../../lab/clients/misp-console.ts';
import type { LabEnvironment } from '../../lab/targets/lab-environment.ts';
import { secretsOnScreen } from '../pages/navigation.ts';
import { acquireLab, releaseLab } from './lab-session.ts';
import { redact } from './redact.ts';
import type { Actor, LabWorld } from './world.ts';

setDefaultTimeout(60_000);

// Ctrl-C reaches every worker of a parallel run along with misp-lab, which stops the lab and
// says so once; a worker just leaves, instead of printing the stack of the step it was in.
if (process.env.CUCUMBER_WORKER_ID !== undefined) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/** @exclusive scenarios change global settings: in a parallel run they run alone. */
const isExclusive = (pickle: { tags: readonly { name: string }[] }) =>
  pickle.tags.some((t) => t.name === '@exclusive');
setParallelCanAssign((pickle, running) =>
  isExclusive(pickle) ? running.length === 0 : !running.some(isExclusive),
);

let env: LabEnvironment;
let browser: Browser | null = null;
let browserProblem: string | null = null;

BeforeAll({ timeout: 120_000 }, async () => {
  env = await acquireLab();
  try {
    browser = await launchChromium();
  } catch (error) {
    browserProblem = (error as Error).message;
  }
});

Before(function (this: LabWorld, { pickle }) {
  if (!browser && pickle.tags.some((t) => t.name === '@browser')) {
    throw new Error(`this scenario drives a browser, but none could be started: ${browserProblem}`);
  }
  this.bind(env, browser);
});

After({ timeout: 60_000 }, async function (this: LabWorld, { result }) {
  const failed = result?.status === Status.FAILED;
  for (const actor of this.everyone()) await attachBrowserEvidence(this, actor, failed);
  if (this.transcript.exchanges.length > 0) {
    this.attach(this.transcript.toText(redact), { mediaType: 'text/plain', fileName: 'http-transcript.txt' });
  }
  for (const actor of this.everyone()) await actor.leave();
  const shell = this.env.misp.console;
  const problems = await this.ledger.undo(this.siteAdmin.misp, shell ? new MispConsole(shell) : undefined);
  if (problems.length > 0) this.attach(redact(`cleanup problems:\n${problems.join('\n')}`), 'text/plain');
});

/**
 * The steps that matter to an auditor are the outcomes (Then, and the And/But after it): after
 * each, the page every actor has open, masked, so the evidence shows what was checked, captioned
 * with the step (lab/reporting/evidence.ts names the file after it).
 */
AfterStep({ timeout: 15_000 }, async function (this: LabWorld, { pickleStep }) {
  if (pickleStep.type !== PickleStepType.OUTCOME) return;
  for (const actor of this.everyone()) {
    const shot = await maskedScreenshot(actor);
    if (shot) this.attach(shot, 'image/png');
  }
});

/** Secrets on screen are masked: screenshots cannot be redacted later. */
async function maskedScreenshot(actor: Actor): Promise<Buffer | null> {
  const page = actor.browser.openPage();
  if (!page) return null;
  return page.screenshot({ fullPage: true, mask: [secretsOnScreen(page)] }).catch(() => null);
}

/** The actor's last page as a screenshot, and her trace when the scenario failed. */
async function attachBrowserEvidence(world: LabWorld, actor: Actor, failed: boolean): Promise<void> {
  const shot = await maskedScreenshot(actor);
  if (shot) world.attach(shot, 'image/png');
  if (!failed) return;
  const dir = mkdtempSync(join(tmpdir(), 'misp-lab-trace-'));
  const file = join(dir, 'trace.zip');
  if (await actor.browser.saveTrace(file)) {
    try {
      const fileName = `playwright-trace-${actor.label.replace(/[^a-z0-9]+/gi, '-')}.zip`;
      world.attach(readFileSync(file), { mediaType: 'application/zip', fileName });
    } catch {
      // no trace was written: nothing to attach
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

AfterAll({ timeout: 60_000 }, async () => {
  await browser?.close().catch(() => undefined);
  browser = null;
  await releaseLab();
});
