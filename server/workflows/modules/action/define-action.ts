/** Defaults of MISP's action modules: one input, one output, non-blocking. */
import type { ActionModule } from '../../engine/module.ts';

export type ActionDefinition = Pick<
  ActionModule,
  'id' | 'name' | 'description' | 'icon' | 'params' | 'exec'
> &
  Partial<ActionModule>;

export function defineAction(definition: ActionDefinition): ActionModule {
  return {
    module_type: 'action',
    version: '0.1',
    inputs: 1,
    outputs: 1,
    blocking: false,
    expect_misp_core_format: false,
    support_filters: false,
    ...definition,
  };
}
