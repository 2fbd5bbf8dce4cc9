/**
 * The containers target end to end: the reference server image, the mail and chat images (the
 * lab's own services, tagged as mailhog/mailhog and mattermost/mattermost-preview by
 * scripts/setup-podman.sh on a machine without a registry), and the smoke, a 2FA, a workflow and
 * a notification scenario through `misp-lab check --target containers`. Needs an engine
 * (DOCKER_HOST); skipped, with the reason in its name, when none is reachable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noEngineReason, REPO_ROOT, runCli } from './support.ts';

const reason = noEngineReason();
const SELECTED = {
  'LAB-SMOKE-001': '@lab',
  'MISP-AUTH-002': '@control:MISP-AUTH-002', // TOTP paper tokens (browser, 2FA)
  'MISP-WF-005': '@control:MISP-WF-005', // Example B workflow on publish
  'MISP-NOTIFY-001': '@control:MISP-NOTIFY-001', // MISP in its container posts to Mattermost
};
/** Controls the selected scenarios also carry: the Example B scenario is tagged MISP-WF-006 too. */
const ALSO_COVERED = ['MISP-WF-006'];

async function labContainerIds(): Promise<string[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const all = await client.container.list();
  return all.filter((c) => c.Labels?.['org.testcontainers'] === 'true').map((c) => c.Id);
}

describe.skipIf(reason !== null)(`containers target${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('runs the smoke, a 2FA, a workflow and a notification scenario on real containers, then removes them', async () => {
    const before = await labContainerIds();
    const reportsDir = join(REPO_ROOT, '.scratch/reports-containers-test');
    const run = await runCli(
      [
        'check',
        '--target',
        'containers',
        '--tags',
        Object.values(SELECTED).join(' or '),
        '--reports-dir',
        reportsDir,
      ],
      { ...process.env, TESTCONTAINERS_RYUK_DISABLED: process.env.TESTCONTAINERS_RYUK_DISABLED ?? 'true' },
    );
    expect(run.stderr + run.stdout).toMatch(/Target: .*\(containers\)/);
    // A selection is not a full pass: exit 3 (nothing failed, controls left out), 1 if one failed.
    expect(run.code, run.stderr + run.stdout).toBe(3);
    const report = JSON.parse(readFileSync(join(reportsDir, 'compliance.json'), 'utf8')) as {
      run?: { target?: string };
      controls: Array<{ id: string; status: string }>;
    };
    for (const control of report.controls) {
      expect(control.status, control.id).toBe(
        control.id in SELECTED || ALSO_COVERED.includes(control.id) ? 'passed' : 'not-run',
      );
    }
    expect(await labContainerIds()).toEqual(before);
  }, 600_000);
});
