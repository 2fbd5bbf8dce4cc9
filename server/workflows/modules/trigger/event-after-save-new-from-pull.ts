import { defineTrigger } from './define-trigger.ts';

export const eventAfterSaveNewFromPullTrigger = defineTrigger({
  id: 'event-after-save-new-from-pull',
  scope: 'event',
  name: 'Event After Save New From Pull',
  description:
    'This trigger is called after a new Event has been saved in the database from a PULL operation. This trigger executes in place of `event-after-save-new`',
  icon: 'envelope',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 1,
});
