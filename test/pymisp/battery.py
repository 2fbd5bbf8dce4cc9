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
import sys
import traceback

from battery_core import SUFFIX, URL, Refused, calls, ctx, misp
import battery_admin  # noqa: F401 - registers its calls, in this order
import battery_sharing  # noqa: F401
import battery_events  # noqa: F401
import battery_search  # noqa: F401


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
    for key in ('event', 'meta_event', 'sg_event'):
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
    for key, deleter in (('sg', misp.delete_sharing_group), ('tag', misp.delete_tag), ('user', misp.delete_user), ('org', misp.delete_organisation)):
        if key in ctx:
            try:
                deleter(ctx[key]['id'])
            except Exception:  # noqa: BLE001
                pass


if __name__ == '__main__':
    run()
