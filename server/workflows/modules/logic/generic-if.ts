import { evaluateCondition } from '../../engine/conditions.ts';
import { hashExtract, hashGet } from '../../engine/hash-path.ts';
import { phpEmpty, phpToString } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX, VALUE_OPERATOR_PARAMS } from './define-logic.ts';

export const genericIf = defineLogic({
  id: 'generic-if',
  name: 'IF :: Generic',
  version: '0.2',
  description: `Generic IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  params: [
    ...VALUE_OPERATOR_PARAMS,
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
