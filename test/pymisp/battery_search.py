"""Battery calls: tags, publishing, sightings, events/index, restSearch, workflows, clean-up."""
from battery_core import *  # noqa: F401,F403 - the battery's shared client, registry and helpers
from battery_core import (MISPAttribute, MISPEvent, MISPObject, MISPObjectReference,  # noqa: F401
                          MISPOrganisation, MISPSighting, MISPTag, MISPUser)
import time  # noqa: F401
from datetime import datetime, timezone  # noqa: F401

# ---------------------------------------------------------------- tags
@call('tag_add')
def _():
    t = MISPTag()
    t.name = f'battery:{SUFFIX}'
    t.colour = '#ff00aa'
    r = ok(misp.add_tag(t), 'Tag')
    ctx['tag'] = r
    return {'shape': shape(r), 'colour': r['colour']}


@call('tags_list')
def _():
    r = misp.tags()
    mine = [t for t in r if t['name'] == ctx['tag']['name']]
    return {'mine': len(mine), 'item_shape': shape(mine[0]) if mine else None}


@call('tag_get')
def _():
    r = ok(misp.get_tag(ctx['tag']['id']))
    tag = r.get('Tag', r)
    return {'wrapped': 'Tag' in r, 'name': tag['name'] == ctx['tag']['name']}


@call('tag_search')
def _():
    r = misp.search_tags(f'battery:{SUFFIX}')
    return {'type': type(r).__name__, 'found': len(r), 'item_keys': sorted(r[0]) if r else None}


@call('tag_update')
def _():
    t = MISPTag()
    t.from_dict(**ctx['tag'])
    t.colour = '#00ff00'
    r = ok(misp.update_tag(t), 'Tag')
    return {'colour': r['colour']}


@call('tag_attach_event')
def _():
    r = misp.tag(ctx['event']['uuid'], ctx['tag']['name'])
    return {'message': r.get('message', '').replace(ctx['tag']['name'], 'T').split('(')[0],
            'tags': tag_names(fetch(ctx['event']['id']))}


@call('tag_attach_local')
def _():
    r = misp.tag(ctx['attribute']['uuid'], 'tlp:clear', local=True)
    attribute = ok(misp.get_attribute(ctx['attribute']['id']), 'Attribute')
    return {'success': r.get('success'), 'local': [t['local'] for t in attribute.get('Tag', [])]}


@call('tag_detach')
def _():
    r = misp.untag(ctx['event']['uuid'], ctx['tag']['name'])
    return {'success': r.get('success'), 'tags': tag_names(fetch(ctx['event']['id']))}


@call('tag_delete')
def _():
    t = ok(misp.add_tag(tag_named(f'battery-del:{SUFFIX}')), 'Tag')
    r = misp.delete_tag(t['id'])
    return {'message': r.get('message'), 'after': answer(misp.get_tag(t['id']))}


def tag_named(name):
    t = MISPTag()
    t.name = name
    return t


# ---------------------------------------------------------------- publishing
@call('publish')
def _():
    r = misp.publish(ctx['event']['id'])
    return {'success': r.get('success'), 'message': r.get('message'), 'published': published_soon(ctx['event']['id'], True)}


@call('unpublish')
def _():
    r = misp.unpublish(ctx['event']['id'])
    return {'success': r.get('success'), 'message': r.get('message'), 'published': published_soon(ctx['event']['id'], False)}


@call('alert')
def _():
    r = misp.publish(ctx['event']['id'], alert=True)
    return {'success': r.get('success'), 'message': r.get('message'), 'published': published_soon(ctx['event']['id'], True)}


def published_soon(event_id, wanted, seconds=20):
    """A background publish ("Job queued") lands when a worker runs it: wait for it, bounded."""
    deadline = time.monotonic() + seconds
    while True:
        state = fetch(event_id)['published']
        if state == wanted or time.monotonic() > deadline:
            return state
        time.sleep(0.5)


# ---------------------------------------------------------------- sightings
@call('sighting_add')
def _():
    s = MISPSighting()
    s.source = 'battery'
    s.type = '0'
    r = ok(misp.add_sighting(s, ctx['attribute']['id']), 'Sighting')
    return {'keys': sorted(r), 'source': r['source'], 'type': r['type']}


@call('sighting_add_by_value')
def _():
    r = misp.add_sighting({'value': '198.51.100.10', 'source': 'battery-value'})
    return answer(r) or {'keys': sorted(r) if isinstance(r, dict) else type(r).__name__,
                         'message': r.get('message') if isinstance(r, dict) else None}


@call('sightings_list')
def _():
    a = MISPAttribute()
    a.from_dict(**ctx['attribute'])
    r = misp.sightings(a)
    if answer(r):
        return answer(r)
    items = r if isinstance(r, list) else []
    return {'type': type(r).__name__, 'count': len(items), 'item_keys': sorted(items[0]) if items else None}


# ---------------------------------------------------------------- events/index
def index_setup():
    if 'index' in ctx:
        return ctx['index']
    first = ok(misp.add_event(event_with('Battery index alpha', date='2024-01-10')), 'Event')
    e2 = event_with('Battery index beta', date='2024-02-10')
    e2.add_tag('tlp:red')
    second = ok(misp.add_event(e2), 'Event')
    misp.publish(second['id'])
    ctx['index'] = (first, second)
    return ctx['index']


@call('index_all')
def _():
    index_setup()
    r = misp.search_index(eventinfo=f'%{SUFFIX}%')
    return {'infos': infos(r), 'item_shape': shape(r[0]) if r else None}


@call('index_eventinfo')
def _():
    index_setup()
    return {'infos': infos(misp.search_index(eventinfo=f'%alpha {SUFFIX}%'))}


@call('index_published')
def _():
    index_setup()
    return {'published': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', published=True)),
            'unpublished': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', published=False))}


@call('index_tags')
def _():
    index_setup()
    return {'red': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', tags=['tlp:red'])),
            'not_red': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', tags=['!tlp:red']))}


@call('index_timestamp')
def _():
    index_setup()
    future = int(datetime.now(timezone.utc).timestamp()) + 3600
    return {'future': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', timestamp=future)),
            'past': len(infos(misp.search_index(eventinfo=f'%{SUFFIX}%', timestamp=1)))}


@call('index_limit_page')
def _():
    index_setup()
    page1 = misp.search_index(eventinfo=f'%Battery index%{SUFFIX}%', limit=1, page=1, sort='info', desc=False)
    page2 = misp.search_index(eventinfo=f'%Battery index%{SUFFIX}%', limit=1, page=2, sort='info', desc=False)
    return {'page1': infos(page1), 'page2': infos(page2)}


@call('index_date')
def _():
    index_setup()
    return {'from': infos(misp.search_index(eventinfo=f'%{SUFFIX}%', date_from='2024-02-01', date_to='2024-03-01'))}


# ---------------------------------------------------------------- restSearch
@call('search_events_value')
def _():
    r = misp.search(controller='events', value='198.51.100.10', eventinfo=f'%{SUFFIX}%')
    return {'type': type(r).__name__, 'infos': infos(r), 'item_keys': sorted(r[0]) if r else None}


@call('search_attributes_value')
def _():
    r = misp.search(controller='attributes', value='198.51.100.10', eventid=ctx['event']['id'])
    return {'keys': sorted(r), 'values': sorted(a['value'] for a in r['Attribute']),
            'item_shape': shape(r['Attribute'][0]) if r['Attribute'] else None}


@call('search_attributes_type')
def _():
    r = misp.search(controller='attributes', type_attribute='ip-src', eventid=ctx['event']['id'])
    return {'values': sorted(a['value'] for a in r['Attribute'])}


@call('search_attributes_category')
def _():
    r = misp.search(controller='attributes', category='Payload delivery', eventid=ctx['event']['id'])
    return {'types': sorted(a['type'] for a in r['Attribute'])}


@call('search_attributes_to_ids')
def _():
    on = misp.search(controller='attributes', to_ids=True, eventid=ctx['event']['id'])
    off = misp.search(controller='attributes', to_ids=False, eventid=ctx['event']['id'])
    return {'on': sorted(a['value'] for a in on['Attribute']), 'off': sorted(a['value'] for a in off['Attribute'])}


@call('search_attributes_tags')
def _():
    index_setup()
    r = misp.search(controller='attributes', tags=['tlp:green'], eventid=ctx['event']['id'])
    return {'values': sorted(a['value'] for a in r['Attribute'])}


@call('search_events_tags_negated')
def _():
    index_setup()
    r = misp.search(controller='events', eventinfo=f'%Battery index%{SUFFIX}%', tags=['!tlp:red'], metadata=True)
    return {'infos': infos(r)}


@call('search_events_published')
def _():
    index_setup()
    r = misp.search(controller='events', eventinfo=f'%Battery index%{SUFFIX}%', published=True, metadata=True)
    return {'infos': infos(r)}


@call('search_events_timestamp')
def _():
    index_setup()
    r = misp.search(controller='events', eventinfo=f'%{SUFFIX}%', timestamp='1h', metadata=True)
    old = misp.search(controller='events', eventinfo=f'%{SUFFIX}%', timestamp=int(datetime.now(timezone.utc).timestamp()) + 3600, metadata=True)
    return {'recent': len(infos(r)) > 0, 'future': infos(old)}


@call('search_events_last')
def _():
    index_setup()
    r = misp.search(controller='events', eventinfo=f'%Battery index%{SUFFIX}%', last='1d', metadata=True)
    return {'infos': infos(r)}


@call('search_events_limit_page')
def _():
    index_setup()
    p1 = misp.search(controller='events', eventinfo=f'%Battery index%{SUFFIX}%', limit=1, page=1, metadata=True)
    p3 = misp.search(controller='events', eventinfo=f'%Battery index%{SUFFIX}%', limit=1, page=3, metadata=True)
    return {'page1': len(p1), 'page3': len(p3)}


@call('search_attributes_limit_page')
def _():
    p1 = misp.search(controller='attributes', eventid=ctx['event']['id'], limit=2, page=1)
    p2 = misp.search(controller='attributes', eventid=ctx['event']['id'], limit=2, page=2)
    return {'page1': len(p1['Attribute']), 'page2': len(p2['Attribute']),
            'distinct': len({a['id'] for a in p1['Attribute'] + p2['Attribute']})}


@call('search_attributes_event_tags')
def _():
    r = misp.search(controller='attributes', value='198.51.100.10', eventid=ctx['event']['id'], include_event_tags=True)
    a = r['Attribute'][0] if r['Attribute'] else {}
    return {'event_keys': sorted(a.get('Event', {})), 'tags': tag_names(a)}


@call('search_attributes_csv')
def _():
    r = misp.search(controller='attributes', return_format='csv', eventid=ctx['event']['id'], type_attribute='ip-dst')
    lines = r.strip().splitlines()
    return {'header': lines[0] if lines else None, 'rows': len(lines) - 1,
            'values': sorted(line.split(',')[4].strip('"') for line in lines[1:])}


@call('search_events_csv')
def _():
    r = misp.search(controller='events', return_format='csv', eventid=ctx['event']['id'], type_attribute='domain')
    lines = r.strip().splitlines()
    return {'header': lines[0] if lines else None, 'rows': len(lines) - 1}


@call('search_objects_name')
def _():
    r = misp.search(controller='objects', object_name='ip-port', eventid=ctx['event']['id'])
    return {'type': type(r).__name__, 'names': sorted(o['Object']['name'] for o in r) if isinstance(r, list) else r}


@call('search_events_full')
def _():
    r = misp.search(controller='events', eventid=ctx['event']['id'])
    e = r[0]['Event'] if r else {}
    return {'count': len(r), 'event_keys': sorted(e), 'attributes': len(e.get('Attribute', [])) > 0}


# ---------------------------------------------------------------- workflows and spellings
@call('workflow_triggers')
def _():
    misp.set_server_setting('Plugin.Workflow_enable', True, force=True)
    r = misp.direct_call('workflows/triggers')
    if answer(r):
        return answer(r)
    ids = sorted(t['id'] for t in r) if isinstance(r, list) else r
    return {'has_publish': 'event-publish' in ids, 'count': len(ids)}


@call('workflow_blueprints_underscore')
def _():
    r = misp.direct_call('workflow_blueprints/index')
    return answer(r) or {'type': type(r).__name__}


@call('workflow_blueprints_camel')
def _():
    r = misp.direct_call('workflowBlueprints/index')
    return answer(r) or {'type': type(r).__name__}


@call('unknown_action')
def _():
    return answer(misp.direct_call('events/no_such_action'))


# ---------------------------------------------------------------- clean-up (also observed)
@call('event_delete')
def _():
    r = misp.delete_event(ctx['event']['id'])
    return {'message': r.get('message'), 'after': answer(misp.get_event(ctx['event']['id']))}


@call('user_delete')
def _():
    r = misp.delete_user(ctx['user']['id'])
    return {'message': r.get('message'), 'success': r.get('success')}


@call('org_delete')
def _():
    for event in ctx.get('index', ()):
        misp.delete_event(event['id'])
    if 'meta_event' in ctx:
        misp.delete_event(ctx['meta_event']['id'])
    r = misp.delete_organisation(ctx['org']['id'])
    return {'message': r.get('message'), 'success': r.get('success')}
