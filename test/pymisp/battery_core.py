"""Shared state and helpers of the PyMISP battery (see battery.py): the client, the registry of
calls, and the reductions of MISP's answers to comparable observations."""
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
