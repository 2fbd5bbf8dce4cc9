import { defineTrigger } from './define-trigger.ts';
import { normalizeShadowAttribute } from './shadow-attribute-normalize.ts';

export const shadowAttributeBeforeSaveTrigger = defineTrigger({
  id: 'shadow-attribute-before-save',
  scope: 'shadow-attribute',
  name: 'Shadow Attribute Before Save',
  description: 'This trigger is called just before a Shadow Attribute is saved in the database',
  icon: 'comment',
  blocking: true,
  misp_core_format: true,
  trigger_overhead: 2,
  trigger_overhead_message:
    'This trigger is called each time a Shadow Attribute is about to be saved. This means that when a large quantity of Shadow Attributes are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Shadow Attributes.',
  normalizeData: normalizeShadowAttribute,
});
