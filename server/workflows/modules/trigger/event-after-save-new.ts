import { defineTrigger } from './define-trigger.ts';

export const eventAfterSaveNewTrigger = defineTrigger({
  id: 'event-after-save-new',
  scope: 'event',
  name: 'Event After Save New',
  description: 'This trigger is called after a new Event has been saved in the database',
  icon: 'envelope',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 1,
});
