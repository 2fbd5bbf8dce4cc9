/**
 * Whether the workshop's workflows are in place on a deployment, decided on the saved graph's
 * meaning (lab/workflows/graph-meaning.ts, the comparison the editor scenario makes), not its
 * layout; and when the probe that runs Example A on synthetic events (workflow-probe.ts) may run.
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

/**
 * Steps that act only on the attributes inside the data the workflow is given (MISP 2.5.1's
 * attribute_ids_flag_operation edits the matching entries of `Event._AttributeFlattened`, read
 * in its source): the probe's synthetic events have none, so on them these change nothing.
 */
const ATTRIBUTE_STEPS = new Set(['attribute_ids_flag_operation']);

/**
 * Nodes that only decide (logic), stop, or edit attributes the probe's events do not have:
 * running them on those events changes nothing in MISP's data. `others` are the rest.
 */
export function sideEffectFreeNodes(graph: DrawflowGraph): { free: boolean; others: string[] } {
  const others = Object.entries(graph)
    .filter(([key]) => key !== '_frames')
    .map(([, node]) => node)
    .filter(
      (n) =>
        !['trigger', 'logic'].includes(String(n.data.module_type)) &&
        n.data.id !== 'stop-execution' &&
        !ATTRIBUTE_STEPS.has(n.data.id),
    )
    .map((n) => n.data.id);
  return { free: others.length === 0, others: [...new Set(others)] };
}

/**
 * Why the executeWorkflow probe does not run, or undefined when it may. Real MISP 2.5.1's
 * executeWorkflow is not read-only whatever the graph: every run adds one to the workflow's
 * counter (an "edit" audit-log line, "counter (n) => (n+1)") and a stopped run writes an
 * "execute_workflow" line (Workflow::__runWorkflow; fixtures/misp-samples-observed/
 * execute-workflow.json). So it runs only where writes are allowed (`--allow-mutations` on an
 * external target), and never on a graph with a step that would act on MISP.
 */
export function probeSkipReason(graph: DrawflowGraph, mayWrite: boolean): string | undefined {
  const { free, others } = sideEffectFreeNodes(graph);
  if (!free)
    return `the saved graph has steps with side effects (${others.join(', ')}): running it would act on MISP`;
  if (!mayWrite)
    return "MISP 2.5.1's executeWorkflow counts every run on the workflow and logs a stopped one: a read-only audit does not call it (--allow-mutations runs the probe)";
  return undefined;
}
