import { defineTrigger } from './define-trigger.ts';

export const logAfterSaveTrigger = defineTrigger({
  id: 'log-after-save',
  scope: 'log',
  name: 'Log After Save',
  description: 'This trigger is called after a Log event has been saved in the database',
  icon: 'file',
  blocking: false,
  misp_core_format: false,
  trigger_overhead: 3,
  trigger_overhead_message:
    'This trigger is called each time after Log event has been saved. This means that when a large quantity of Logs are being saved, the workflow will be run for as many time as there are log entries.',
});
