import { hashExtract } from '../../engine/hash-path.ts';
import { phpCompare, phpCount, phpLooseEquals, phpToString } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

const COMPARISONS: Record<string, (amount: number, value: unknown) => boolean> = {
  equals: (amount, value) => phpLooseEquals(amount, value),
  not_equals: (amount, value) => !phpLooseEquals(amount, value),
  greater: (amount, value) => phpCompare(amount, value) > 0,
  greater_equals: (amount, value) => phpCompare(amount, value) >= 0,
  less: (amount, value) => phpCompare(amount, value) < 0,
  less_equals: (amount, value) => phpCompare(amount, value) <= 0,
};

export const countIf = defineLogic({
  id: 'count-if',
  name: 'IF :: Count',
  description: `Count IF / ELSE condition block. It counts the amount of entry selected by the provided hashpath. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  params: [
    {
      id: 'selector',
      label: 'Data selector to count',
      type: 'hashpath',
      placeholder: 'Event.Tag.{n}.name',
      hashpath: { is_sub_selector: false },
    },
    {
      id: 'operator',
      label: 'Condition',
      type: 'select',
      default: 'equals',
      options: {
        equals: 'Equals to',
        not_equals: 'Not Equals to',
        greater: 'Greater than',
        greater_equals: 'Greater or equals than',
        less: 'Less than',
        less_equals: 'Less or equals than',
      },
    },
    { id: 'value', label: 'Value', type: 'input', placeholder: '50' },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const amount = phpCount(hashExtract(data, phpToString(params.selector?.value)));
    const compare = COMPARISONS[String(params.operator?.value)];
    return compare ? compare(amount, params.value?.value) : false;
  },
});
