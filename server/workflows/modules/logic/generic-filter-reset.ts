import { isPlainObject, type PhpMap } from '../../engine/php.ts';
import { defineLogic, FILTERING_LABELS } from './define-logic.ts';

export const genericFilterReset = defineLogic({
  id: 'generic-filter-reset',
  name: 'Filter :: Remove filter',
  description: 'Reset filtering',
  icon: 'redo-alt',
  outputs: 1,
  params: [
    {
      id: 'filtering-label',
      label: 'Filtering Label to remove',
      type: 'select',
      default: 'all',
      options: { all: 'All filters', ...FILTERING_LABELS },
    },
  ],
  // Quirk kept from MISP: the data goes back to `_unfilteredData`, captured before the first filter,
  // so removing one label in practice removes them all (and drops edits made while filtered).
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const label = String(ctx.params(node, data)['filtering-label']?.value);
    const next: PhpMap = isPlainObject(data._unfilteredData) ? { ...data._unfilteredData } : {};
    if (label in FILTERING_LABELS) {
      if (isPlainObject(next.enabledFilters)) {
        const filters = { ...next.enabledFilters };
        delete filters[label];
        next.enabledFilters = filters;
      }
    } else if (label === 'all') {
      next.enabledFilters = [];
    }
    roamingData.setData(next);
    return true;
  },
});
