import { toCoreFormat } from '../../engine/core-format.ts';
import { hashGet } from '../../engine/hash-path.ts';
import { phpEmpty } from '../../engine/php.ts';
import { defineAction } from './define-action.ts';

export const reloadFullEvent = defineAction({
  id: 'reload-full-event',
  name: 'Reload full Event',
  description: 'Reload the full Event from the database and assign it to the roaming data.',
  icon: 'sync-alt',
  expect_misp_core_format: true,
  params: [],
  // Only data in MISP core format names an event to reload; the result replaces the roaming data.
  async exec(_node, roamingData, ctx) {
    if (phpEmpty(roamingData.getTriggerNode()?.data?.misp_core_format)) return true;
    const event = await ctx.services.fetchEvent(String(hashGet(roamingData.getData(), 'Event.id')));
    if (event) {
      const converted = await toCoreFormat(event, ctx.services);
      if (!phpEmpty(converted)) roamingData.setData(converted);
    }
    return true;
  },
});
