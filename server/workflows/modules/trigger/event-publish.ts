import { defineTrigger } from './define-trigger.ts';

export const eventPublishTrigger = defineTrigger({
  id: 'event-publish',
  scope: 'event',
  name: 'Event Publish',
  description: 'This trigger is called just before a MISP Event starts the publishing process',
  icon: 'upload',
  blocking: true,
  misp_core_format: true,
  trigger_overhead: 1,
});
