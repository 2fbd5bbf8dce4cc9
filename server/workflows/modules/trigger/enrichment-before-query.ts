import { defineTrigger } from './define-trigger.ts';

export const enrichmentBeforeQueryTrigger = defineTrigger({
  id: 'enrichment-before-query',
  scope: 'others',
  name: 'Enrichment Before Query',
  description: 'This trigger is called just before a query against the enrichment service is done',
  icon: 'asterisk',
  blocking: true,
  misp_core_format: true,
  trigger_overhead: 1,
});
