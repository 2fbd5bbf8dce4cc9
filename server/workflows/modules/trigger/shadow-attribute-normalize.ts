/**
 * Both shadow-attribute triggers show a proposal inside what it proposes to change: the existing
 * attribute (an edit proposal) or the event (a new-attribute proposal).
 */
import { toCoreFormat } from '../../engine/core-format.ts';
import { isPlainObject, phpEmpty, type PhpMap } from '../../engine/php.ts';
import type { WorkflowServices } from '../../engine/services.ts';
import { fetchAttribute, fetchSimpleEvent } from './event-lookup.ts';

export async function normalizeShadowAttribute(
  data: PhpMap,
  services: WorkflowServices,
): Promise<PhpMap | false> {
  const proposal = data.ShadowAttribute;
  if (phpEmpty(proposal) || !isPlainObject(proposal)) return false;
  if (!phpEmpty(proposal.old_id)) {
    const attribute = await fetchAttribute(services, proposal.old_id);
    const wrapped: PhpMap = {
      ...attribute,
      Attribute: { ...attribute.Attribute, ShadowAttribute: [proposal] },
    };
    return toCoreFormat(wrapped, services);
  }
  const event = await fetchSimpleEvent(services, proposal.event_id);
  (event.Event as PhpMap).ShadowAttribute = [proposal];
  return toCoreFormat(event, services);
}
