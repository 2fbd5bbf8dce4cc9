import { defineTrigger } from './define-trigger.ts';
import { normalizeShadowAttribute } from './shadow-attribute-normalize.ts';

export const shadowAttributeAfterSaveTrigger = defineTrigger({
  id: 'shadow-attribute-after-save',
  scope: 'shadow-attribute',
  name: 'Shadow Attribute After Save',
  description: 'This trigger is called just after a Shadow Attribute has been saved in the database',
  icon: 'comment',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 2,
  trigger_overhead_message:
    'This trigger is called each time a Shadow Attribute has been saved. This means that when a large quantity of Shadow Attributes are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Shadow Attributes.',
  normalizeData: normalizeShadowAttribute,
});
