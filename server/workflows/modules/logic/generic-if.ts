import { evaluateCondition } from '../../engine/conditions.ts';
import { hashExtract, hashGet } from '../../engine/hash-path.ts';
import { phpEmpty, phpToString } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

export const genericIf = defineLogic({
  id: 'generic-if',
  name: 'IF :: Generic',
  version: '0.2',
  description: `Generic IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  params: [
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
    { id: 'hash_path', label: 'Hash path', type: 'hashpath', placeholder: 'Attribute.{n}.Tag' },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const path = phpToString(params.hash_path?.value);
    const operator = params.operator?.value;
    const expected = operator === 'in_or' ? params.value_list?.value : params.value?.value;
    // equals/not_equals read one plain dotted path (no {n}); a missing path gives [] and so false.
    const extracted =
      operator === 'equals' || operator === 'not_equals' ? hashGet(data, path, []) : hashExtract(data, path);
    if (operator === 'any_value' && !phpEmpty(extracted)) return true;
    return evaluateCondition(extracted, String(operator), expected);
  },
});
