import { hashGet } from '../../engine/hash-path.ts';
import { defineAction } from './define-action.ts';

export const publishEvent = defineAction({
  id: 'publish-event',
  name: 'Publish Event',
  description: 'Publish an Event in the context of the workflow',
  icon: 'upload',
  params: [],
  async exec(_node, roamingData, ctx) {
    const eventId = hashGet(roamingData.getData(), 'Event.id');
    return (await ctx.services.publishEvent(String(eventId))) === true;
  },
});
