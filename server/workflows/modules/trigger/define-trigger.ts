/**
 * Shared shape of the 17 trigger modules: no inputs, one output, data normalised to MISP core
 * format when `misp_core_format` is set, and an `exec` that lets the walk go on.
 */
import type { ParamDef, TriggerModule } from '../../engine/module.ts';

export type TriggerDefinition = Pick<
  TriggerModule,
  'id' | 'scope' | 'name' | 'description' | 'icon' | 'blocking' | 'misp_core_format' | 'trigger_overhead'
> &
  Partial<Pick<TriggerModule, 'trigger_overhead_message' | 'normalizeData' | 'exec'>> & {
    params?: ParamDef[];
  };

export function defineTrigger(definition: TriggerDefinition): TriggerModule {
  return {
    module_type: 'trigger',
    version: '0.1',
    inputs: 0,
    outputs: 1,
    expect_misp_core_format: false,
    support_filters: false,
    trigger_overhead_message: '',
    params: [],
    exec: async () => true,
    ...definition,
  };
}
