"""Battery calls: events, attributes and objects, including update and delete semantics."""
from battery_core import *  # noqa: F401,F403 - the battery's shared client, registry and helpers
from battery_core import (MISPAttribute, MISPEvent, MISPObject, MISPObjectReference,  # noqa: F401
                          MISPOrganisation, MISPSighting, MISPTag, MISPUser)
import time  # noqa: F401
from datetime import datetime, timezone  # noqa: F401

# ---------------------------------------------------------------- events
@call('event_add')
def _():
    event = event_with('Battery event', date='2024-05-01')
    event.add_attribute('ip-dst', '198.51.100.10', to_ids=True, comment='c2')
    event.add_attribute('domain', f'battery-{SUFFIX}.example', to_ids=False)
    event.add_tag('tlp:amber')
    file_object = obj('file', {'filename': ('report.pdf', 'filename'), 'md5': ('d41d8cd98f00b204e9800998ecf8427e', 'md5')},
                      first_seen='2024-01-01T00:00:00+00:00', last_seen='2024-02-01T00:00:00+00:00')
    domain_object = obj('domain-ip', {'domain': (f'obj-{SUFFIX}.example', 'domain'), 'ip': ('203.0.113.5', 'ip-dst')})
    file_object.add_reference(domain_object.uuid, 'downloaded-from')
    event.add_object(file_object)
    event.add_object(domain_object)
    r = ok(misp.add_event(event), 'Event')
    ctx['event'] = r
    return {'shape': shape(r), 'attributes': attr_values(r), 'objects': object_summary(r), 'tags': tag_names(r),
            'published': r['published'], 'date': r['date'], 'attribute_count': r['attribute_count']}


@call('event_get')
def _():
    r = fetch(ctx['event']['id'])
    attribute = r['Attribute'][0]
    return {'shape': shape(r), 'attribute_shape': shape(attribute), 'object_shape': shape(r['Object'][0]),
            'references': sorted(ref['relationship_type'] for o in r['Object'] for ref in o.get('ObjectReference', []))}


@call('event_get_uuid')
def _():
    return {'same': fetch(ctx['event']['uuid'])['id'] == ctx['event']['id']}


@call('event_get_missing')
def _():
    return answer(misp.get_event(99999999))


@call('event_exists')
def _():
    return {'exists': misp.event_exists(ctx['event']['id']), 'missing': misp.event_exists(99999999)}


@call('event_add_metadata')
def _():
    event = event_with('Battery metadata')
    event.add_attribute('ip-src', '192.0.2.44')
    r = ok(misp.add_event(event, metadata=True), 'Event')
    ctx['meta_event'] = r
    return {'has_attributes': 'Attribute' in r, 'info': r['info'] == event.info}


@call('event_add_empty')
def _():
    return answer(misp.direct_call('events/add', {'Event': {'distribution': 0}}))


@call('event_add_duplicate_uuid')
def _():
    event = event_with('Battery duplicate')
    event.uuid = ctx['event']['uuid']
    return answer(misp.add_event(event))


@call('event_update_info')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.info = f'Battery event renamed {SUFFIX}'
    r = ok(misp.update_event(event), 'Event')
    return {'info': r['info'] == event.info, 'attributes': attr_values(r)}


@call('event_update_new_attribute')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.add_attribute('url', f'https://battery-{SUFFIX}.example/path')
    ok(misp.update_event(event))
    return {'attributes': attr_values(fetch(ctx['event']['id']))}


@call('event_update_new_object')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.add_object(obj('url', {'url': (f'https://obj-{SUFFIX}.example/x', 'url')}))
    ok(misp.update_event(event))
    return {'objects': object_summary(fetch(ctx['event']['id']))}


@call('event_update_object_attribute')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    target = next(o for o in event.objects if o.name == 'domain-ip')
    for a in target.attributes:
        if a.object_relation == 'ip':
            a.value = '203.0.113.99'
    ok(misp.update_event(event))
    return {'objects': object_summary(fetch(ctx['event']['id']))}


@call('event_update_tag_attribute')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.attributes[0].add_tag('tlp:green')
    ok(misp.update_event(event))
    r = fetch(ctx['event']['id'])
    return {'tags': sorted((a['value'], tuple(tag_names(a))) for a in r['Attribute'])}


@call('event_update_published')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.published = True
    r = ok(misp.update_event(event), 'Event')
    return {'answer': r['published'], 'stored': fetch(ctx['event']['id'])['published']}


@call('event_update_attribute_deleted')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    gone = next(a for a in event.attributes if a.type == 'url')
    gone.deleted = True
    ok(misp.update_event(event))
    return {'attributes': attr_values(fetch(ctx['event']['id']))}


@call('event_update_metadata')
def _():
    event = MISPEvent()
    event.load(fetch(ctx['event']['id']))
    event.analysis = 2
    r = ok(misp.update_event(event, metadata=True), 'Event')
    return {'analysis': r['analysis'], 'has_attributes': 'Attribute' in r}


# ---------------------------------------------------------------- attributes
@call('attribute_add')
def _():
    a = MISPAttribute()
    a.type = 'ip-src'
    a.value = '192.0.2.1'
    a.comment = 'battery'
    r = ok(misp.add_attribute(ctx['event']['id'], a), 'Attribute')
    ctx['attribute'] = r
    return {'shape': shape(r), 'category': r['category'], 'to_ids': r['to_ids'], 'distribution': r['distribution']}


@call('attribute_add_list')
def _():
    r = ok(misp.add_attribute(ctx['event']['id'], [{'type': 'ip-src', 'value': '192.0.2.2'},
                                                   {'type': 'ip-src', 'value': '192.0.2.3'}]))
    return {'values': sorted(a['value'] for a in r['Attribute'])}


@call('attribute_add_duplicate')
def _():
    return answer(misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': '192.0.2.1'}))


@call('attribute_add_duplicate_no_break')
def _():
    r = misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': '192.0.2.1', 'comment': 'again'},
                           break_on_duplicate=False)
    failed = answer(r)
    if failed:
        return failed
    return {'comment': r['Attribute']['comment'], 'same_id': r['Attribute']['id'] == ctx['attribute']['id']}


@call('attribute_add_invalid')
def _():
    return answer(misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': 'not an ip'}))


@call('attribute_get')
def _():
    r = ok(misp.get_attribute(ctx['attribute']['id']), 'Attribute')
    return {'shape': shape(r), 'value': r['value']}


@call('attribute_update')
def _():
    a = MISPAttribute()
    a.from_dict(**ctx['attribute'])
    a.comment = 'changed'
    a.to_ids = True
    r = ok(misp.update_attribute(a), 'Attribute')
    return {'comment': r['comment'], 'to_ids': r['to_ids']}


@call('attribute_update_deleted')
def _():
    a = ok(misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': '192.0.2.60'}), 'Attribute')
    r = ok(misp.update_attribute({'deleted': True}, a['id']), 'Attribute')
    after = misp.get_attribute(a['id'])
    return {'answer': r.get('deleted'), 'view_after': answer(after) or 'visible'}


@call('attribute_delete')
def _():
    a = ok(misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': '192.0.2.50'}), 'Attribute')
    r = misp.delete_attribute(a['id'])
    return {'message': r.get('message'), 'after': answer(misp.get_attribute(a['id']))}


@call('attribute_delete_hard')
def _():
    a = ok(misp.add_attribute(ctx['event']['id'], {'type': 'ip-src', 'value': '192.0.2.51'}), 'Attribute')
    r = misp.delete_attribute(a['id'], hard=True)
    return {'message': r.get('message'), 'after': answer(misp.get_attribute(a['id']))}


# ---------------------------------------------------------------- objects
@call('object_add')
def _():
    o = obj('ip-port', {'ip': ('198.51.100.77', 'ip-dst'), 'dst-port': ('8443', 'port')},
            first_seen='2024-03-01T00:00:00+00:00', comment='battery object')
    r = ok(misp.add_object(ctx['event']['id'], o), 'Object')
    ctx['object'] = r
    return {'shape': shape(r), 'description': r['description'], 'comment': r['comment'],
            'first_seen': r['first_seen'], 'values': sorted(a['value'] for a in r['Attribute'])}


@call('object_add_no_template')
def _():
    return answer(misp.direct_call(f"objects/add/{ctx['event']['id']}",
                                   {'Object': {'name': 'mystery', 'Attribute': [{'object_relation': 'x', 'type': 'text', 'value': 'y'}]}}))


@call('object_get')
def _():
    r = ok(misp.get_object(ctx['object']['id']), 'Object')
    return {'shape': shape(r), 'values': sorted(a['value'] for a in r['Attribute'])}


@call('object_update')
def _():
    o = MISPObject('ip-port', standalone=False, strict=False)
    o.from_dict(**fetch_object(ctx['object']['id']))
    o.comment = 'changed'
    for a in o.attributes:
        if a.object_relation == 'dst-port':
            a.value = '9443'
    r = ok(misp.update_object(o), 'Object')
    return {'comment': r['comment'], 'values': sorted(a['value'] for a in r['Attribute'])}


def fetch_object(object_id):
    return ok(misp.get_object(object_id), 'Object')


@call('object_reference_add')
def _():
    ref = MISPObjectReference()
    ref.object_uuid = ctx['object']['uuid']
    ref.referenced_uuid = ctx['attribute']['uuid']
    ref.relationship_type = 'related-to'
    r = ok(misp.add_object_reference(ref), 'ObjectReference')
    return {'keys': sorted(r), 'relationship_type': r['relationship_type'], 'referenced_type': r.get('referenced_type')}


@call('object_delete')
def _():
    o = ok(misp.add_object(ctx['event']['id'], obj('url', {'url': ('https://delete.example/', 'url')})), 'Object')
    r = misp.delete_object(o['id'])
    return {'message': r.get('message'), 'after': answer(misp.get_object(o['id']))}
