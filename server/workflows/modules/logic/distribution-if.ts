import { evaluateCondition } from '../../engine/conditions.ts';
import {
  isPhpArray,
  isPlainObject,
  phpEmpty,
  phpGet,
  phpIntval,
  phpLooseEquals,
  phpValues,
  type PhpMap,
} from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

/** 0 wins, then 4 (sharing group), then the lower level. */
function mostRestrictive(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  if (a === 4 || b === 4) return 4;
  return Math.min(a, b);
}

function propagatedDistribution(event: PhpMap, object: PhpMap | null, attribute: PhpMap | null): number {
  let distribution = attribute && !phpEmpty(attribute) ? phpIntval(attribute.distribution) : 5;
  if (object && !phpEmpty(object))
    distribution = mostRestrictive(distribution, phpIntval(object.distribution));
  return mostRestrictive(distribution, phpIntval(event.distribution));
}

function sharingGroupIds(
  event: PhpMap,
  object: PhpMap | null,
  attribute: PhpMap | null,
  scope: string,
): unknown[] {
  const ids: unknown[] = [];
  const add = (entity: PhpMap | null) => {
    if (entity && !phpEmpty(entity) && phpLooseEquals(entity.distribution, 4))
      ids.push(entity.sharing_group_id);
  };
  add(event);
  if (scope === 'event') return ids;
  add(attribute);
  add(object);
  return ids;
}

function range(from: number, to: number): number[] {
  const step = from <= to ? 1 : -1;
  const values: number[] = [];
  for (let value = from; step > 0 ? value <= to : value >= to; value += step) values.push(value);
  return values;
}

export const distributionIf = defineLogic({
  id: 'distribution-if',
  name: 'IF :: Distribution',
  version: '0.3',
  description: `Distribution IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  expect_misp_core_format: true,
  params: [
    {
      id: 'scope',
      label: 'Scope',
      type: 'select',
      options: { attribute: 'Final distribution of the Attribute', event: 'Distribution of the Event' },
      default: 'attribute',
    },
    {
      id: 'condition',
      label: 'Condition',
      type: 'select',
      default: 'equals',
      options: {
        equals: 'Is',
        not_equals: 'Is not',
        more_restrictive_or_equal_than: 'More restrictive or equal than',
        more_permisive_or_equal_than: 'More permisive or equal than',
      },
    },
    {
      id: 'distribution',
      label: 'Distribution',
      type: 'select',
      default: '0',
      options: [
        { name: 'Organisation', value: 0 },
        { name: 'Community', value: 1 },
        { name: 'Connected', value: 2 },
        { name: 'All', value: 3 },
        { name: ' Sharing Group', value: 4 },
      ],
      placeholder: 'Pick a distribution',
    },
    {
      id: 'sharing_group_id',
      label: 'Sharing Groups',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'sharingGroups' },
      default: [],
      placeholder: 'Pick a sharing group',
      display_on: { distribution: '4' },
    },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const scope = String(params.scope?.value);
    let operator = String(params.condition?.value);
    const selected = params.distribution?.value;
    const selectedGroups = !phpEmpty(params.sharing_group_id?.value) ? params.sharing_group_id?.value : [];
    const event = (isPlainObject(data.Event) ? data.Event : {}) as PhpMap;
    // Quirk kept from MISP: the attribute scope only ever looks at Event.Attribute[0].
    const firstAttribute = (phpGet(event.Attribute, 0) ?? null) as PhpMap | null;
    const firstObject = (
      firstAttribute && isPlainObject(firstAttribute.Object) ? firstAttribute.Object : null
    ) as PhpMap | null;
    const needsAttribute = scope === 'attribute' || phpLooseEquals(selected, 4);
    if (needsAttribute && !isPlainObject(firstAttribute)) {
      throw new Error('Argument #3 ($attribute) must be of type array, null given');
    }
    const finalDistribution =
      scope === 'attribute'
        ? propagatedDistribution(event, firstObject, firstAttribute)
        : propagatedDistribution(event, null, null);
    if (finalDistribution < 0 || finalDistribution > 4) {
      ctx.errors.push('Distribution level not supported');
      return false;
    }
    if (phpLooseEquals(selected, 4)) {
      const groups = sharingGroupIds(event, firstObject, firstAttribute, scope);
      const chosen = isPhpArray(selectedGroups) ? phpValues(selectedGroups) : [];
      const outside = groups.filter((id) => !chosen.some((choice) => String(choice) === String(id)));
      if (operator === 'equals') return chosen.length === 0 ? groups.length > 0 : outside.length === 0;
      if (operator === 'not_equals')
        return chosen.length === 0 ? groups.length === 0 : outside.length === groups.length;
      ctx.errors.push('Condition operator not supported for that distribution level');
      return false;
    }
    let expected: unknown;
    if (operator === 'more_restrictive_or_equal_than') {
      operator = 'in';
      expected = range(0, phpIntval(selected));
    } else if (operator === 'more_permisive_or_equal_than') {
      operator = 'in';
      expected = range(phpIntval(selected), 3);
    } else {
      expected = phpIntval(selected);
    }
    return evaluateCondition(expected, operator, finalDistribution);
  },
});
