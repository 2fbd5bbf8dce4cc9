/**
 * The posture audit as scenario tasks: read once per scenario, judge with lab/posture's pure
 * checks, attach what was found, fail with every finding in one message. Nothing here writes,
 * except the executeWorkflow probe of Example A where writes are allowed (--allow-mutations):
 * what it wrote is then named by the no-write proof, and anything else still fails it.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';
import { readPosture } from '../../../lab/posture/posture-data.ts';
import { passed, type PostureResult } from '../../../lab/posture/checks.ts';
import { exampleInstalled, probeSkipReason } from '../../../lab/posture/workflow-checks.ts';
import { runExampleAProbe, withProbe } from '../../../lab/posture/workflow-probe.ts';
import { changesBesidesProbe, snapshotTarget } from '../../../lab/posture/target-snapshot.ts';
import { writesAllowed } from '../../../lab/targets/lab-environment.ts';

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

/** Runs the saved event-publish workflow on synthetic events where allowed; else says why not. */
export async function probeExampleA(world: LabWorld): Promise<void> {
  const workflow = postureData(world).triggers?.find((t) => t.id === 'event-publish')?.workflow;
  const reason = workflow
    ? probeSkipReason(workflow.graph, writesAllowed(world.env))
    : 'no workflow is saved on event-publish: there is nothing to run';
  if (reason || !workflow) {
    world.probeSkipped = reason;
    world.attach(`executeWorkflow probe skipped: ${reason}`, {
      mediaType: 'text/plain',
      fileName: 'probe.txt',
    });
    world.log(`probe skipped: ${reason}`);
    return;
  }
  world.probe = await runExampleAProbe(world.siteAdmin.misp, workflow.id);
  world.attach(JSON.stringify(world.probe, null, 2), {
    mediaType: 'application/json',
    fileName: 'probe-executeWorkflow.json',
  });
}

/** Example A judged on the saved graph's meaning and, when it ran, on the probe's outcomes. */
export function expectExampleA(world: LabWorld): void {
  expectHolds(
    world,
    withProbe(exampleInstalled(postureData(world), 'MISP-POSTURE-005'), world.probe, world.probeSkipped),
  );
}

/** Before: what the target holds. After: the same, or the scenario fails with each change. */
export async function rememberTarget(world: LabWorld): Promise<void> {
  world.targetBefore = await snapshotTarget(world.mispClient(world.env.misp.adminAuthKey));
}

export async function expectTargetUnchanged(world: LabWorld): Promise<void> {
  if (!world.targetBefore) return;
  const after = await snapshotTarget(world.mispClient(world.env.misp.adminAuthKey), world.targetBefore);
  const { probeWrote, others } = changesBesidesProbe(world.targetBefore, after, world.probe);
  const lines = [
    ...(probeWrote.length > 0
      ? ['the executeWorkflow probe wrote:', ...probeWrote.map((l) => `  ${l}`)]
      : []),
    others.length === 0
      ? `audit log, settings, users, events and workflows otherwise unchanged`
      : `other changes:\n${others.join('\n')}`,
  ];
  world.attach(lines.join('\n'), { mediaType: 'text/plain', fileName: 'target-unchanged.txt' });
  for (const line of probeWrote) world.log(`probe wrote ${line}`);
  assert.deepEqual(others, [], 'the posture audit changed the target');
}
