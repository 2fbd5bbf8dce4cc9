/** Test-only action modules: they record the order they ran in and fail or throw on demand. */
import type { ActionModule } from '../module.ts';

export function recordingAction(
  id: string,
  calls: string[],
  behaviour: { result?: boolean; blocking?: boolean; error?: string; throws?: string } = {},
): ActionModule {
  return {
    module_type: 'action',
    id,
    name: id,
    version: '0.1',
    description: 'test module',
    icon: '',
    blocking: behaviour.blocking ?? false,
    expect_misp_core_format: false,
    support_filters: false,
    inputs: 1,
    outputs: 1,
    params: [],
    async exec(node, _roamingData, ctx) {
      calls.push(`${id}#${node.id}`);
      if (behaviour.throws) throw new Error(behaviour.throws);
      if (behaviour.error) ctx.errors.push(behaviour.error);
      return behaviour.result ?? true;
    },
  };
}
