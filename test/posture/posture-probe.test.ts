/**
 * The executeWorkflow probe of Example A on the reference server, which answers as real MISP
 * 2.5.1 did (fixtures/misp-samples-observed/execute-workflow.json): hardened, the tlp:red event
 * shared beyond the organisation is "blocked" and the organisation-only one goes through; a graph
 * built with the wrong distribution gives one precise finding per wrong outcome. The no-write
 * proof names the probe's writes (the workflow's counter, its run lines) and still fails on
 * anything else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { hardenMisp } from '../../lab/posture/hardening.ts';
import { changesBesidesProbe, snapshotTarget } from '../../lab/posture/target-snapshot.ts';
import { probeFindings, runExampleAProbe, withProbe } from '../../lab/posture/workflow-probe.ts';
import { loadGraphFixture } from '../../lab/workflows/graph-meaning.ts';
import { PASSWORD, startLab, type Lab } from '../server/support/lab-server.ts';
import observed from '../../fixtures/misp-samples-observed/execute-workflow.json' with { type: 'json' };

let lab: Lab;
let admin: MispClient;
let workflowId: string;

beforeEach(async () => {
  lab = await startLab();
  const { authKey } = lab.addUser('auditor@lab.test', { roleId: 1 });
  admin = new MispClient({ baseUrl: lab.url, authKey });
  await hardenMisp({
    url: lab.url,
    misp: admin,
    adminEmail: 'admin@admin.test',
    adminPassword: PASSWORD,
    now: lab.now,
  });
  const row = (await admin.workflowsIndex()).data.find((r) => r.Workflow?.trigger_id === 'event-publish');
  workflowId = String(row!.Workflow!.id);
});
afterEach(async () => {
  await lab.stop();
});

/** Saves the workshop's chained graph with Example A's distribution condition changed. */
async function saveWithDistribution(distribution: string): Promise<void> {
  const graph = structuredClone(loadGraphFixture('example-a-and-b'));
  graph['2']!.data.indexed_params = { ...graph['2']!.data.indexed_params, distribution };
  const saved = await admin.editWorkflow(workflowId, {
    name: 'Examples A and B',
    description: 'distribution condition set to the wrong level',
    data: JSON.stringify(graph),
  });
  expect(saved.status).toBe(200);
}

describe('the executeWorkflow probe', () => {
  it('hardened: blocks the tlp:red event shared beyond the organisation, lets the organisation-only one through', async () => {
    const report = await runExampleAProbe(admin, workflowId);
    // The exact JSON real MISP 2.5.1 answered for the same two events.
    expect(report.runs.map((r) => [r.event, r.status, r.answer])).toEqual([
      [
        'tlp:red, shared with this community',
        200,
        observed.answers['tlp:red, distribution 1 (this community only)'],
      ],
      [
        'tlp:red, your organisation only',
        200,
        observed.answers['tlp:red, distribution 0 (your organisation only)'],
      ],
    ]);
    expect(probeFindings(report)).toEqual([]);
    expect(
      withProbe({ control: 'MISP-POSTURE-005', findings: [], notes: [] }, report, undefined).notes,
    ).toEqual([
      `executeWorkflow probe ran on workflow #${workflowId}: tlp:red, shared with this community → blocked; tlp:red, your organisation only → success`,
    ]);
  });

  it('a graph built with the wrong distribution: one finding per wrong outcome', async () => {
    await saveWithDistribution('1');
    const findings = probeFindings(await runExampleAProbe(admin, workflowId));
    expect(findings).toEqual([
      `executeWorkflow on workflow #${workflowId} with a synthetic event (tlp:red, shared with this community) answered "success", expected "blocked": the guard would let a tlp:red event shared beyond the organisation be published`,
      `executeWorkflow on workflow #${workflowId} with a synthetic event (tlp:red, your organisation only) answered "blocked", expected "success": the guard also stops a tlp:red event kept inside the organisation`,
    ]);
  });

  it('an unknown workflow is a finding with its HTTP status, not a crash', async () => {
    const findings = probeFindings(await runExampleAProbe(admin, '999'));
    expect(findings[0]).toMatch(
      /^executeWorkflow on workflow #999 \(tlp:red, shared with this community\) answered HTTP 404/,
    );
  });
});

describe('the no-write proof with the probe', () => {
  it('names the counter and the run lines the probe wrote, and nothing else changed', async () => {
    const before = await snapshotTarget(admin);
    const report = await runExampleAProbe(admin, workflowId);
    const { probeWrote, others } = changesBesidesProbe(before, await snapshotTarget(admin, before), report);
    expect(others).toEqual([]);
    expect(probeWrote[0]).toMatch(/^audit log: #\d+ Workflow \d+ edit: counter \(0\) => \(1\)$/);
    expect(probeWrote).toContainEqual(
      expect.stringMatching(/^audit log: #\d+ Workflow \d+ execute_workflow: Execution stopped\./),
    );
    expect(probeWrote.at(-1)).toBe(
      `workflow #${workflowId} counter 0 → 2 (one per executeWorkflow run, 2 runs)`,
    );
  });

  it('still fails on a write that is not the probe, and on a probe that ran more than it says', async () => {
    const before = await snapshotTarget(admin);
    const report = await runExampleAProbe(admin, workflowId);
    await admin.setServerSetting('Security.otp_required', false);
    await runExampleAProbe(admin, workflowId);
    const { others } = changesBesidesProbe(before, await snapshotTarget(admin, before), report);
    expect(others).toContain('settings.Security.otp_required: true → false');
    expect(others).toContainEqual(
      expect.stringMatching(/^auditLog: new line #\d+ Server 0 serverSettingsEdit/),
    );
    expect(others).toContainEqual(expect.stringMatching(/^workflows\[0\]\.Workflow\.counter: "0" → "4"$/));
  });

  it('without a probe, its lines are changes like any other', async () => {
    const before = await snapshotTarget(admin);
    await runExampleAProbe(admin, workflowId);
    const { probeWrote, others } = changesBesidesProbe(
      before,
      await snapshotTarget(admin, before),
      undefined,
    );
    expect(probeWrote).toEqual([]);
    expect(others).toContainEqual(expect.stringMatching(/execute_workflow/));
  });
});
