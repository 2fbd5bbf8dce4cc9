"""The PyMISP 2.5.1 differential battery: the calls automation makes, each reduced to what matters.

Usage: battery.py URL AUTHKEY  (prints one JSON object: {"calls": [{"name", "obs"}...]})

Every call returns an observation: the answer's status, the keys and value types of the record
it returns, and the values a client relies on (counts, names, flags), with volatile data (ids,
uuids, timestamps) left out. Two servers answer alike when their observations are equal; real
MISP 2.5.1's observations are the reference (test/pymisp/real-misp-2.5.1.json).

The battery creates its own organisation, users, events and tags under a random suffix, and
deletes them at the end, so it can run against a real MISP that is used for other things.
"""
import json
import os
import sys
import time
import traceback
import uuid as uuidlib
from datetime import datetime, timezone

from pymisp import (MISPAttribute, MISPEvent, MISPObject, MISPObjectReference, MISPOrganisation,
                    MISPSighting, MISPTag, MISPUser, PyMISP)

URL, KEY = sys.argv[1], sys.argv[2]
OBJECTS_PATH = os.environ.get('MISP_OBJECTS_PATH')
if OBJECTS_PATH and not os.path.isfile(os.path.join(OBJECTS_PATH, 'file', 'definition.json')):
    sys.exit(f'MISP_OBJECTS_PATH={OBJECTS_PATH} holds no misp-objects templates (file/definition.json)')
SUFFIX = uuidlib.uuid4().hex[:8]
misp = PyMISP(URL, KEY, ssl=False, timeout=60)
calls = []
ctx = {}


def call(name):
    def register(fn):
        calls.append((name, fn))
        return fn
    return register


def shape(record):
    """Keys with the JSON type of their value: what a typed client depends on."""
    if not isinstance(record, dict):
        return type(record).__name__
    return {k: type(v).__name__ for k, v in sorted(record.items())}


def answer(result):
    """PyMISP turns 4xx into {'errors': (status, body)}; keep the status and MISP's message."""
    if isinstance(result, dict) and 'errors' in result and isinstance(result['errors'], tuple):
        status, body = result['errors']
        if isinstance(body, dict):
            return {'status': status, 'name': body.get('name'), 'message': body.get('message'),
                    'errors': body.get('errors')}
        return {'status': status, 'body': str(body)[:120]}
    return None


def ok(result, *path):
    """The record at path, or raise with the error answer so the observation shows it."""
    failed = answer(result)
    if failed:
        raise Refused(failed)
    for key in path:
        result = result[key]
    return result


class Refused(Exception):
    def __init__(self, obs):
        super().__init__(json.dumps(obs))
        self.obs = obs


def event_with(info, **extra):
    event = MISPEvent()
    event.info = f'{info} {SUFFIX}'
    event.distribution = 0
    event.threat_level_id = 4
    event.analysis = 0
    for key, value in extra.items():
        setattr(event, key, value)
    return event


def obj(name, attrs, **extra):
    """An object from MISP's own template (MISP_OBJECTS_PATH), as automation builds them."""
    if OBJECTS_PATH:
        o = MISPObject(name, standalone=False, misp_objects_path_custom=OBJECTS_PATH)
    else:
        o = MISPObject(name, standalone=False, strict=False)
        o.template_uuid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, name))
        o.template_version = '1'
        o.description = f'{name} object'
        setattr(o, 'meta-category', 'network')
    for relation, (value, type_) in attrs.items():
        o.add_attribute(relation, value=value, type=type_)
    for key, value in extra.items():
        setattr(o, key, value)
    return o


def fetch(event_id):
    return ok(misp.get_event(event_id), 'Event')


def attr_values(event):
    return sorted(a['value'] for a in event.get('Attribute', []))


def object_summary(event):
    return sorted((o['name'], o.get('description'), tuple(sorted(a['value'] for a in o.get('Attribute', []))),
                   len(o.get('ObjectReference', [])), o.get('first_seen') is not None)
                  for o in event.get('Object', []))


def tag_names(record):
    return sorted(t['name'] for t in record.get('Tag', []))


def infos(events):
    rows = events if isinstance(events, list) else []
    return sorted(e.get('info', e.get('Event', {}).get('info')) for e in rows
                  if SUFFIX in str(e.get('info', e.get('Event', {}).get('info'))))


# ---------------------------------------------------------------- system
@call('version')
def _():
    v = misp.misp_instance_version
    return {'shape': shape(v), 'version': v.get('version')}


@call('describe_types')
def _():
    d = misp.describe_types_remote
    return {'keys': sorted(d), 'ip-dst': 'ip-dst' in d['types'], 'Network activity': 'Network activity' in d['categories']}


@call('setting_get')
def _():
    s = misp.get_server_setting('MISP.max_correlations_per_event')
    return {'keys': sorted(s), 'value_type': type(s.get('value')).__name__}


@call('setting_set')
def _():
    r = misp.set_server_setting('MISP.max_correlations_per_event', 5000, force=True)
    return {'message': r.get('message'), 'value': misp.get_server_setting('MISP.max_correlations_per_event')['value']}


@call('setting_unknown')
def _():
    return answer(misp.get_server_setting('MISP.no_such_setting')) or 'answered'


# ---------------------------------------------------------------- organisations and roles
@call('org_add')
def _():
    org = MISPOrganisation()
    org.name = f'Battery Org {SUFFIX}'
    org.description = 'made by the battery'
    org.nationality = 'Belgium'
    org.sector = 'Energy'
    r = ok(misp.add_organisation(org), 'Organisation')
    ctx['org'] = r
    return {'shape': shape(r), 'name': r['name'] == org.name, 'local': r['local'], 'sector': r['sector']}


@call('org_get')
def _():
    r = ok(misp.get_organisation(ctx['org']['id']), 'Organisation')
    return {'shape': shape(r), 'description': r['description']}


@call('org_update')
def _():
    org = MISPOrganisation()
    org.from_dict(**ctx['org'])
    org.description = 'changed by the battery'
    r = ok(misp.update_organisation(org), 'Organisation')
    return {'description': r['description'], 'name_kept': r['name'] == ctx['org']['name']}


@call('org_add_duplicate')
def _():
    org = MISPOrganisation()
    org.name = ctx['org']['name']
    return answer(misp.add_organisation(org)) or 'saved'


@call('orgs_list')
def _():
    r = misp.organisations()
    mine = [o for o in r if o['Organisation']['name'] == ctx['org']['name']]
    return {'type': type(r).__name__, 'mine': len(mine), 'item_keys': sorted(mine[0]) if mine else None}


@call('orgs_search')
def _():
    r = misp.organisations(search=f'Battery Org {SUFFIX}')
    return {'names': [o['Organisation']['name'] == ctx['org']['name'] for o in r]}


@call('roles_list')
def _():
    r = misp.roles()
    names = sorted(x['Role']['name'] for x in r)
    return {'names': names, 'item_keys': sorted(r[0]), 'has_perms': 'perm_add' in r[0]['Role']}


# ---------------------------------------------------------------- users and auth keys
@call('user_add')
def _():
    user = MISPUser()
    user.email = f'battery-{SUFFIX}@battery.test'
    user.org_id = ctx['org']['id']
    user.role_id = 3
    user.password = 'Battery-Passw0rd-1234'
    r = ok(misp.add_user(user), 'User')
    ctx['user'] = r
    return {'keys': sorted(r), 'org': r['org_id'] == ctx['org']['id'], 'role_id': r['role_id'],
            'change_pw': r.get('change_pw'), 'authkey_shown': 'authkey' in r and len(r.get('authkey') or '') == 40}


@call('user_add_bad_email')
def _():
    user = MISPUser()
    user.email = 'not-an-email'
    user.org_id = ctx['org']['id']
    user.role_id = 3
    return answer(misp.add_user(user)) or 'saved'


@call('user_get')
def _():
    r = ok(misp.get_user(ctx['user']['id']), 'User')
    return {'email': r['email'] == ctx['user']['email'], 'password_hidden': 'password' not in r}


@call('user_update')
def _():
    user = MISPUser()
    user.from_dict(**ctx['user'])
    user.autoalert = True
    user.disabled = True
    r = ok(misp.update_user(user), 'User')
    return {'autoalert': r['autoalert'], 'disabled': r['disabled']}


@call('user_update_change_pw')
def _():
    r = ok(misp.direct_call(f"admin/users/edit/{ctx['user']['id']}", {'change_pw': 1}), 'User')
    return {'change_pw': r['change_pw']}


@call('users_search')
def _():
    r = misp.users(search=f'battery-{SUFFIX}')
    return {'emails': sorted(u['User']['email'] == ctx['user']['email'] for u in r)}


@call('users_of_org')
def _():
    r = misp.users(organisation=ctx['org']['id'])
    return {'count': len(r)}


@call('user_me')
def _():
    r = misp.get_user('me')
    return {'keys': sorted(r), 'role_has_perms': 'perm_site_admin' in r.get('Role', {}), 'has_email': bool(r['User']['email'])}


@call('authkey_new')
def _():
    key = misp.get_new_authkey(ctx['user']['id'])
    return {'length': len(key)}


@call('authkey_add_restricted')
def _():
    r = misp.direct_call(f"auth_keys/add/{ctx['user']['id']}",
                         {'allowed_ips': ['127.0.0.1/32'], 'read_only': 1, 'comment': 'battery', 'expiration': '2099-01-01'})
    k = ok(r, 'AuthKey')
    ctx['authkey'] = k
    return {'keys': sorted(k), 'allowed_ips': k.get('allowed_ips'), 'read_only': k.get('read_only'),
            'comment': k.get('comment'), 'raw_length': len(k.get('authkey_raw', ''))}


@call('authkey_add_camelcase')
def _():
    r = misp.direct_call(f"authKeys/add/{ctx['user']['id']}", {'comment': 'camel'})
    return {'raw_length': len(ok(r, 'AuthKey').get('authkey_raw', ''))}


@call('authkeys_index')
def _():
    r = misp.direct_call('auth_keys/index')
    mine = [k for k in r if k['AuthKey']['user_id'] == ctx['user']['id']]
    return {'type': type(r).__name__, 'mine': len(mine), 'item_keys': sorted(mine[0]) if mine else None,
            'hidden': all('authkey_raw' not in k['AuthKey'] for k in mine)}


@call('authkey_view')
def _():
    r = ok(misp.direct_call(f"auth_keys/view/{ctx['authkey']['id']}"), 'AuthKey')
    return {'comment': r['comment'], 'allowed_ips': r.get('allowed_ips'), 'raw_hidden': 'authkey_raw' not in r}


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


def run():
    results = []
    for name, fn in calls:
        try:
            obs = fn()
        except Refused as refused:
            obs = {'refused': refused.obs}
        except Exception as error:  # noqa: BLE001 - every failure is an observation
            detail = str(error).replace(URL, '<url>')[:200]
            obs = {'raised': type(error).__name__, 'detail': detail}
            if '--trace' in sys.argv:
                traceback.print_exc(file=sys.stderr)
        results.append({'name': name, 'obs': obs})
    cleanup()
    # The random suffix is the only run-specific text left: name it, so two runs compare equal.
    print(json.dumps({'calls': results}, sort_keys=True, default=str).replace(SUFFIX, '<suffix>'))


def cleanup():
    """Leave nothing behind when a call failed half way."""
    for key in ('event', 'meta_event'):
        if key in ctx:
            try:
                misp.delete_event(ctx[key]['id'])
            except Exception:  # noqa: BLE001
                pass
    for event in ctx.get('index', ()):
        try:
            misp.delete_event(event['id'])
        except Exception:  # noqa: BLE001
            pass
    for key, deleter in (('tag', misp.delete_tag), ('user', misp.delete_user), ('org', misp.delete_organisation)):
        if key in ctx:
            try:
                deleter(ctx[key]['id'])
            except Exception:  # noqa: BLE001
                pass


if __name__ == '__main__':
    run()
