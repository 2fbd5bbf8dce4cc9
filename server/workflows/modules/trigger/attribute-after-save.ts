import { defineTrigger } from './define-trigger.ts';

export const attributeAfterSaveTrigger = defineTrigger({
  id: 'attribute-after-save',
  scope: 'attribute',
  name: 'Attribute After Save',
  description: 'This trigger is called after an Attribute has been saved in the database',
  icon: 'cube',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 3,
  trigger_overhead_message:
    'This trigger is called each time an Attribute has been saved. This means that when a large quantity of Attributes are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Attributes.',
});
