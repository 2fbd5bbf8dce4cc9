/**
 * Whether the workshop's workflows are in place on a deployment, decided on the saved graph's
 * meaning (lab/workflows/graph-meaning.ts, the comparison the editor scenario makes), not its
 * layout; and the probe that would run Example A on a synthetic event, only where running it
 * cannot change anything.
 */
import { loadGraphFixture, missingMeaning, type DrawflowGraph } from '../workflows/graph-meaning.ts';
import type { PostureResult } from './checks.ts';
import type { PostureData } from './posture-data.ts';

const TRIGGER = 'event-publish';

/** The fixture a control expects on the event-publish trigger, by control id. */
export const EXAMPLE_WORKFLOWS = {
  'MISP-POSTURE-005': { fixture: 'example-a', title: 'Example A (the tlp:red publish guard)' },
  'MISP-POSTURE-006': { fixture: 'example-b', title: 'Example B (no IDS flag on datetime attributes)' },
} as const;

export type ExampleControl = keyof typeof EXAMPLE_WORKFLOWS;

export function exampleInstalled(data: PostureData, control: ExampleControl): PostureResult {
  const { fixture, title } = EXAMPLE_WORKFLOWS[control];
  const result = (findings: string[], notes: string[] = []): PostureResult => ({ control, findings, notes });
  if (!data.triggers) return result([`MISP refuses its workflow pages: ${title} cannot run`]);
  const trigger = data.triggers.find((t) => t.id === TRIGGER);
  if (!trigger) return result([`MISP lists no "${TRIGGER}" trigger`]);
  const findings: string[] = [];
  if (!trigger.enabled) findings.push(`the "${TRIGGER}" trigger is disabled: no workflow runs on publish`);
  if (!trigger.blocking) findings.push(`the "${TRIGGER}" trigger is not blocking: it cannot stop a publish`);
  if (!trigger.workflow)
    return result([...findings, `no workflow is saved on "${TRIGGER}": ${title} is missing`]);
  const reference = loadGraphFixture(fixture);
  const missing = missingMeaning(trigger.workflow.graph, reference);
  if (missing.length > 0)
    findings.push(
      `the "${TRIGGER}" workflow "${trigger.workflow.name}" (#${trigger.workflow.id}) is not ${title}: missing ${missing.join('; ')}`,
    );
  const disabled = usedModules(reference).filter(
    (id) => data.modules?.find((m) => m.id === id)?.disabled === true,
  );
  if (disabled.length > 0) findings.push(`${title} uses disabled modules: ${disabled.join(', ')}`);
  return result(findings, [`compared with fixtures/workflows/${fixture}.json on the graph's meaning`]);
}

function usedModules(graph: DrawflowGraph): string[] {
  return Object.entries(graph)
    .filter(([key, node]) => key !== '_frames' && node.data.module_type !== 'trigger')
    .map(([, node]) => node.data.id);
}

/** Nodes that only decide (logic) or stop: running them changes nothing in MISP's data. */
export function sideEffectFreeNodes(graph: DrawflowGraph): { free: boolean; others: string[] } {
  const others = Object.entries(graph)
    .filter(([key]) => key !== '_frames')
    .map(([, node]) => node)
    .filter(
      (n) => !['trigger', 'logic'].includes(String(n.data.module_type)) && n.data.id !== 'stop-execution',
    )
    .map((n) => n.data.id);
  return { free: others.length === 0, others: [...new Set(others)] };
}

/**
 * Why the executeWorkflow probe does not run in a read-only audit, or undefined when it may.
 * Real MISP 2.5.1's executeWorkflow is not read-only whatever the graph: it adds one to the
 * workflow's counter and writes an "execute_workflow" audit-log line when a run is stopped
 * (Workflow::__runWorkflow, observed on 2.5.1), so only a run that may write is allowed to probe.
 */
export function probeSkipReason(graph: DrawflowGraph, mayWrite: boolean): string | undefined {
  const { free, others } = sideEffectFreeNodes(graph);
  if (!free)
    return `the saved graph has steps with side effects (${others.join(', ')}): running it would act on MISP`;
  if (!mayWrite)
    return "MISP 2.5.1's executeWorkflow counts every run on the workflow and logs a stopped one: a read-only audit does not call it";
  return undefined;
}
