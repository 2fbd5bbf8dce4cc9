import { defineTrigger } from './define-trigger.ts';

export const userAfterSaveTrigger = defineTrigger({
  id: 'user-after-save',
  scope: 'user',
  name: 'User After Save',
  description: 'This trigger is called after a user has been saved in the database',
  icon: 'user-edit',
  blocking: false,
  misp_core_format: false,
  trigger_overhead: 1,
});
