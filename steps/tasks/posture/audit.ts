/**
 * The posture audit as scenario tasks: read once per scenario, judge with lab/posture's pure
 * checks, attach what was found, fail with every finding in one message. Nothing here writes.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { readPosture } from '../../../lab/posture/posture-data.ts';
import { passed, type PostureResult } from '../../../lab/posture/checks.ts';
import { probeSkipReason, type ExampleControl } from '../../../lab/posture/workflow-checks.ts';
import { snapshotDifferences, snapshotTarget } from '../../../lab/posture/target-snapshot.ts';

export async function readDeployment(world: LabWorld): Promise<void> {
  world.posture = await readPosture(world.siteAdmin.misp, world.env.misp.url);
}

export function expectHolds(world: LabWorld, result: PostureResult): void {
  world.attach(JSON.stringify(result, null, 2), {
    mediaType: 'application/json',
    fileName: `posture-${result.control}.json`,
  });
  for (const note of result.notes) world.log(note);
  assert.ok(passed(result), `${result.control}: ${result.findings.join('; ')}`);
}

export function postureData(world: LabWorld) {
  assert.ok(world.posture, 'the deployment was not read in this scenario');
  return world.posture;
}

/** The executeWorkflow probe never runs in this read-only profile; the evidence says why. */
export function explainProbe(world: LabWorld, control: ExampleControl): void {
  const workflow = postureData(world).triggers?.find((t) => t.id === 'event-publish')?.workflow;
  assert.ok(workflow, `${control}: no event-publish workflow to probe`);
  const reason = probeSkipReason(workflow.graph, false);
  assert.ok(reason, 'a read-only audit found a reason to run executeWorkflow');
  world.attach(`executeWorkflow probe skipped: ${reason}`, {
    mediaType: 'text/plain',
    fileName: 'probe.txt',
  });
  world.log(`probe skipped: ${reason}`);
}

/** Before: what the target holds. After: the same, or the scenario fails with each change. */
export async function rememberTarget(world: LabWorld): Promise<void> {
  world.targetBefore = await snapshotTarget(world.mispClient(world.env.misp.adminAuthKey));
}

export async function expectTargetUnchanged(world: LabWorld): Promise<void> {
  if (!world.targetBefore) return;
  const after = await snapshotTarget(world.mispClient(world.env.misp.adminAuthKey));
  const changes = snapshotDifferences(world.targetBefore, after);
  world.attach(
    changes.length === 0 ? 'audit log, settings, users, events and workflows unchanged' : changes.join('\n'),
    {
      mediaType: 'text/plain',
      fileName: 'target-unchanged.txt',
    },
  );
  assert.deepEqual(changes, [], 'the posture audit changed the target');
}
