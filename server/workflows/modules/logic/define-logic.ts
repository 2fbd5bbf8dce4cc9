/** Defaults of MISP's logic modules: one input, two outputs (then/else), never blocking. */
import type { LogicModule } from '../../engine/module.ts';

export type LogicDefinition = Pick<LogicModule, 'id' | 'name' | 'description' | 'icon' | 'params' | 'exec'> &
  Partial<LogicModule>;

export function defineLogic(definition: LogicDefinition): LogicModule {
  return {
    module_type: 'logic',
    version: '0.1',
    inputs: 1,
    outputs: 2,
    blocking: false,
    expect_misp_core_format: false,
    support_filters: false,
    ...definition,
  };
}

export const IF_DESCRIPTION_SUFFIX =
  'The `then` output will be used if the encoded conditions is satisfied, otherwise the `else` output will be used.';

/** "Label A" … "Label F", the filter labels of Filter :: Generic. */
export const FILTERING_LABELS: Record<string, string> = Object.fromEntries(
  ['A', 'B', 'C', 'D', 'E', 'F'].map((name) => [name, `Label ${name}`]),
);

/** The value / value list / operator trio that IF :: Generic and Filter :: Generic both show. */
export const VALUE_OPERATOR_PARAMS = [
  {
    id: 'value',
    label: 'Value',
    type: 'input',
    placeholder: 'tlp:red',
    display_on: { operator: ['in', 'not_in', 'equals', 'not_equals'] },
  },
  {
    id: 'value_list',
    label: 'Value list',
    type: 'picker',
    picker_create_new: true,
    placeholder: "['ip-src', 'ip-dst']",
    display_on: { operator: 'in_or' },
  },
  {
    id: 'operator',
    label: 'Operator',
    type: 'select',
    default: 'in',
    options: {
      in: 'In',
      not_in: 'Not in',
      equals: 'Equals',
      not_equals: 'Not equals',
      any_value: 'Any value',
      in_or: 'Any value from',
    },
  },
] as const;
