import { defineTrigger } from './define-trigger.ts';

export const eventBeforeSaveTrigger = defineTrigger({
  id: 'event-before-save',
  scope: 'event',
  name: 'Event Before Save',
  description:
    'This trigger is called before an Event or any of its elements is about to be saved in the database',
  icon: 'envelope',
  blocking: true,
  misp_core_format: true,
  trigger_overhead: 3,
  trigger_overhead_message:
    'This trigger is called each time an Event or Attribute is about to be saved. This means that when a large quantity of Attributes are being saved (e.g. Feed pulling or synchronisation), the workflow will be run for as many time as there are Attributes.',
});
