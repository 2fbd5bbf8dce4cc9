import { toCoreFormat } from '../../engine/core-format.ts';
import { isPlainObject, phpEmpty } from '../../engine/php.ts';
import { defineTrigger } from './define-trigger.ts';
import { fetchSimpleEvent } from './event-lookup.ts';

export const eventReportAfterSaveTrigger = defineTrigger({
  id: 'event-report-after-save',
  scope: 'event-report',
  name: 'Event Report After Save',
  description: 'This trigger is called after an Event Report has been saved in the database',
  icon: 'file-alt',
  blocking: false,
  misp_core_format: true,
  trigger_overhead: 1,
  // The report is shown inside its event, as the only entry of Event.EventReport.
  async normalizeData(data, services) {
    if (phpEmpty(data.EventReport) || !isPlainObject(data.EventReport)) return false;
    const event = await fetchSimpleEvent(services, data.EventReport.event_id);
    (event.Event as Record<string, unknown>).EventReport = [data.EventReport];
    return toCoreFormat(event, services);
  },
});
