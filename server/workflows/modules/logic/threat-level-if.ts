import { isPlainObject, phpCompare, phpLooseEquals } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

export const threatLevelIf = defineLogic({
  id: 'threat-level-if',
  name: 'IF :: Threat Level',
  description: `Threat Level IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  params: [
    {
      id: 'condition',
      label: 'Condition',
      type: 'select',
      default: 'equals',
      options: {
        equals: 'Is',
        not_equals: 'Is not',
        greater_or_equal_than: 'Greater or equal than',
        less_or_equal_than: 'Less or equal than',
      },
    },
    {
      id: 'threatlevel',
      label: 'Threat Level',
      type: 'select',
      // Quirk kept from MISP: the default is the label 'Low', not the id 3.
      default: 'Low',
      options: { '1': 'High', '2': 'Medium', '3': 'Low', '4': 'Undefined' },
      placeholder: 'Pick a threat level',
    },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const selected = params.threatlevel?.value;
    const event = isPlainObject(data.Event) ? data.Event : {};
    const level = event.threat_level_id;
    // Level 1 is the highest threat, so "greater or equal" means a numerically lower or equal id.
    switch (params.condition?.value) {
      case 'equals':
        return phpLooseEquals(level, selected);
      case 'not_equals':
        return !phpLooseEquals(level, selected);
      case 'greater_or_equal_than':
        return phpCompare(level, selected) <= 0;
      case 'less_or_equal_than':
        return phpCompare(level, selected) >= 0;
      default:
        return false;
    }
  },
});
