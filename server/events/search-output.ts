/**
 * restSearch's output shapes, as MISP 2.5.1 answers them: an attribute with its event's summary
 * (no Galaxy or ShadowAttribute; event tags added as `inherited` with includeEventTags), and the
 * CSV export with MISP's header, quoting and trailing blank line.
 */
import type { AttributeRow, EventRow } from './event-repository.ts';
import { attributeViewJson, tagJson, type Json } from './event-json.ts';
import type { EventsDeps } from './deps.ts';

export function attributeSearchJson(
  deps: EventsDeps,
  attribute: AttributeRow,
  event: EventRow,
  withEventTags: boolean,
): Json {
  const tags = deps.tagRepo.attached({ kind: 'Attribute', id: attribute.id, eventId: event.id });
  const { Galaxy: _g, ShadowAttribute: _s, Tag: _t, ...record } = attributeViewJson(attribute, []);
  const json: Json = {
    ...record,
    Event: {
      org_id: String(event.org_id),
      distribution: String(event.distribution),
      publish_timestamp: String(event.publish_timestamp),
      id: String(event.id),
      info: event.info,
      orgc_id: String(event.orgc_id),
      uuid: event.uuid,
    },
  };
  const tagList: Json[] = tags.map(tagJson);
  if (withEventTags)
    for (const tag of deps.tagRepo.attached({ kind: 'Event', id: event.id }))
      if (!tags.some((own) => own.id === tag.id))
        tagList.push({
          id: String(tag.id),
          name: tag.name,
          colour: tag.colour,
          numerical_value: tag.numerical_value === null ? null : String(tag.numerical_value),
          inherited: 1,
        });
  if (tagList.length > 0) json.Tag = tagList;
  return json;
}

const CSV_HEADER =
  'uuid,event_id,category,type,value,comment,to_ids,date,object_relation,attribute_tag,object_uuid,object_name,object_meta_category';

export function attributesCsv(deps: EventsDeps, attributes: AttributeRow[]): string {
  const rows = attributes.map((attribute) => {
    const object = attribute.object_id ? deps.repo.findObject(attribute.object_id) : undefined;
    const tags = deps.tagRepo
      .attached({ kind: 'Attribute', id: attribute.id, eventId: attribute.event_id })
      .map((tag) => tag.name)
      .join(',');
    return [
      quote(attribute.uuid),
      String(attribute.event_id),
      quote(attribute.category),
      quote(attribute.type),
      quote(attribute.type.includes('|') ? `${attribute.value1}|${attribute.value2}` : attribute.value1),
      quote(attribute.comment),
      String(attribute.to_ids),
      String(attribute.timestamp),
      quote(attribute.object_relation ?? ''),
      quote(tags),
      quote(object?.uuid ?? ''),
      quote(object?.name ?? ''),
      quote(object?.meta_category ?? ''),
    ].join(',');
  });
  return `${[CSV_HEADER, ...rows].join('\n')}\n\n`;
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
