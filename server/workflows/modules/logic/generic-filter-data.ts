import { phpEmpty } from '../../engine/php.ts';
import { defineLogic, FILTERING_LABELS, VALUE_OPERATOR_PARAMS } from './define-logic.ts';

export const genericFilterData = defineLogic({
  id: 'generic-filter-data',
  name: 'Filter :: Generic',
  version: '0.2',
  description:
    'Generic data filtering block. The module filters incoming data and forward the matching data to its output.',
  icon: 'filter',
  outputs: 1,
  params: [
    {
      id: 'filtering-label',
      label: 'Filtering Label',
      type: 'select',
      options: FILTERING_LABELS,
      default: 'A',
    },
    {
      id: 'selector',
      label: 'Data selector',
      type: 'hashpath',
      placeholder: 'Event._AttributeFlattened.{n}',
      hashpath: { is_sub_selector: false },
    },
    ...VALUE_OPERATOR_PARAMS,
    {
      id: 'hash_path',
      label: 'Hash path',
      type: 'hashpath',
      placeholder: 'Tag.name',
      hashpath: { is_sub_selector: true },
    },
  ],
  // Filters nothing now: records the filter in the data, to be applied by every later getData().
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const operator = params.operator?.value;
    const next = { ...data };
    if (phpEmpty(next._unfilteredData)) next._unfilteredData = data;
    const filters = { ...((next.enabledFilters as Record<string, unknown>) ?? {}) };
    filters[String(params['filtering-label']?.value)] = {
      selector: params.selector?.value,
      path: params.hash_path?.value,
      operator,
      value: operator === 'in_or' ? params.value_list?.value : params.value?.value,
    };
    next.enabledFilters = filters;
    roamingData.setData(next);
    return true;
  },
});
