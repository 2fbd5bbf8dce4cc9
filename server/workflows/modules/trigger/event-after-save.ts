import { defineTrigger } from './define-trigger.ts';

export const eventAfterSaveTrigger = defineTrigger({
  id: 'event-after-save',
  scope: 'event',
  name: 'Event After Save',
  description: 'This trigger is called after an Event or any of its elements has been saved in the database',
  icon: 'envelope',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 3,
  trigger_overhead_message:
    'This trigger is called each time an Event or Attribute have been saved. This means that when a large quantity of Attributes are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Attributes.',
});
