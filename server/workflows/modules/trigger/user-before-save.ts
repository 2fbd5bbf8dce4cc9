import { defineTrigger } from './define-trigger.ts';

export const userBeforeSaveTrigger = defineTrigger({
  id: 'user-before-save',
  scope: 'user',
  name: 'User Before Save',
  description: 'This trigger is called just before a user is save in the database',
  icon: 'user-plus',
  blocking: true,
  misp_core_format: false,
  trigger_overhead: 1,
});
