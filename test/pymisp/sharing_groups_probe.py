"""Sharing-group calls against a MISP: prints one JSON line per call (call, method, path, status, body).

Usage: sharing_groups_probe.py URL ADMIN_AUTHKEY. Recorded on MISP 2.5.1 into
fixtures/misp-samples-observed/sharing-groups-2.5.1.jsonl; sharing-groups.test.ts runs it against
the reference server and compares call by call. Creates its own orgs, users and groups and
deletes them again. Needs MISP.baseurl set (view shows it as the local instance's url).
"""
import json, sys, uuid
import requests
URL, KEY = sys.argv[1], sys.argv[2]
H = {'Authorization': KEY, 'Accept': 'application/json', 'Content-Type': 'application/json'}
def call(label, method, path, body=None, key=KEY):
    h = dict(H); h['Authorization'] = key
    r = requests.request(method, URL + '/' + path.lstrip('/'), headers=h, json=body)
    try: b = r.json() if r.content else None
    except ValueError: b = r.text[:300]
    print(json.dumps({'call': label, 'method': method, 'path': path, 'status': r.status_code, 'body': b}))
    return b
rnd = lambda: str(uuid.uuid4())[:8]
org = call('org add', 'POST', 'admin/organisations/add', {'name': 'SGProbe ' + rnd()})['Organisation']
org2 = call('org2 add', 'POST', 'admin/organisations/add', {'name': 'SGProbe2 ' + rnd()})['Organisation']
u = call('user add', 'POST', 'admin/users/add', {'email': 'sgp' + rnd() + '@x.local', 'org_id': org['id'], 'role_id': 3})['User']
sync = call('sync user add', 'POST', 'admin/users/add', {'email': 'sgs' + rnd() + '@x.local', 'org_id': org2['id'], 'role_id': 5})['User']
sg = call('sg add', 'POST', 'sharingGroups/add', {'name': 'SG probe ' + rnd(), 'releasability': 'Nic'})
sgid = sg['SharingGroup']['id']; sguuid = sg['SharingGroup']['uuid']
dup = call('sg add dup name', 'POST', 'sharingGroups/add', {'name': sg['SharingGroup']['name']})
call('sg add no name', 'POST', 'sharingGroups/add', {'releasability': 'x'})
call('sg add GET', 'GET', 'sharingGroups/add')
call('sg index admin', 'GET', 'sharingGroups/index')
call('sg view admin', 'GET', f'sharingGroups/view/{sgid}')
call('sg view admin uuid', 'GET', f'sharing_groups/view/{sguuid}')
call('sg view missing', 'GET', 'sharingGroups/view/99999')
call('user view hidden', 'GET', f'sharingGroups/view/{sgid}', key=u['authkey'])
call('user index hidden', 'GET', 'sharingGroups/index', key=u['authkey'])
call('user edit hidden', 'POST', f'sharingGroups/edit/{sgid}', {'name': 'x'}, key=u['authkey'])
call('user addOrg hidden', 'POST', 'sharingGroups/addOrg', {'sg_id': sgid, 'org_id': org['uuid'], 'extend': False}, key=u['authkey'])
call('user delete hidden', 'POST', f'sharingGroups/delete/{sgid}', key=u['authkey'])
call('addOrg', 'POST', 'sharingGroups/addOrg', {'sg_id': sgid, 'org_id': org['uuid'], 'extend': False})
call('addOrg again', 'POST', 'sharingGroups/addOrg', {'sg_id': sgid, 'org_id': org['uuid'], 'extend': False})
call('addOrg bad org', 'POST', 'sharingGroups/addOrg', {'sg_id': sgid, 'org_id': 99999})
call('addOrg bad sg', 'POST', 'sharingGroups/addOrg', {'sg_id': 99999, 'org_id': org['id']})
call('addOrg no sg', 'POST', 'sharingGroups/addOrg', {'org_id': org['id']})
call('addOrg sync extend', 'POST', 'sharingGroups/addOrg', {'sg_id': sguuid, 'org_id': org2['id'], 'extend': True})
call('user view visible', 'GET', f'sharingGroups/view/{sgid}', key=u['authkey'])
call('user index visible', 'GET', 'sharingGroups/index', key=u['authkey'])
call('user edit visible', 'POST', f'sharingGroups/edit/{sgid}', {'name': 'x'}, key=u['authkey'])
call('sync edit', 'POST', f'sharingGroups/edit/{sgid}', {'name': 'SG probe renamed ' + rnd(), 'description': 'd'}, key=sync['authkey'])
call('sync delete', 'POST', f'sharingGroups/delete/{sgid}', key=sync['authkey'])
call('admin edit', 'POST', f'sharingGroups/edit/{sguuid}', {'name': 'SG probe admin ' + rnd(), 'releasability': 'R2', 'active': 0})
call('admin edit GET', 'GET', f'sharingGroups/edit/{sgid}')
call('admin edit missing', 'POST', 'sharingGroups/edit/99999', {'name': 'x'})
call('hide setting on', 'POST', 'servers/serverSettingsEdit/Security.hide_organisations_in_sharing_groups', {'value': True, 'force': True})
call('user view hidden orgs', 'GET', f'sharingGroups/view/{sgid}', key=u['authkey'])
call('user index hidden orgs', 'GET', 'sharingGroups/index', key=u['authkey'])
call('hide setting off', 'POST', 'servers/serverSettingsEdit/Security.hide_organisations_in_sharing_groups', {'value': False, 'force': True})
call('head view visible', 'HEAD', f'sharingGroups/view/{sgid}')
call('head view missing', 'HEAD', 'sharingGroups/view/99999')
call('addServer', 'POST', 'sharingGroups/addServer', {'sg_id': sgid, 'server_id': 1})
call('removeOrg', 'POST', 'sharingGroups/removeOrg', {'sg_id': sgid, 'org_id': org['id']})
call('removeOrg again', 'POST', 'sharingGroups/removeOrg', {'sg_id': sgid, 'org_id': org['id']})
sg2 = call('sg2 add', 'POST', 'sharingGroups/add', {'name': 'SG probe in use ' + rnd(), 'releasability': 'R'})['SharingGroup']
ev = call('event add dist 4', 'POST', 'events/add', {'info': 'SG probe event', 'distribution': 4, 'sharing_group_id': sg2['id'], 'Attribute': [{'type': 'text', 'value': 'a', 'distribution': 4, 'sharing_group_id': sg2['id']}]})
if isinstance(ev, dict) and 'Event' in ev:
    call('sg2 addOrg', 'POST', 'sharingGroups/addOrg', {'sg_id': sg2['id'], 'org_id': org['id']})
    call('member views event', 'GET', f"events/view/{ev['Event']['id']}", key=u['authkey'])
    call('outsider views event', 'GET', f"events/view/{ev['Event']['id']}", key=sync['authkey'])
    call('sg2 removeOrg', 'POST', 'sharingGroups/removeOrg', {'sg_id': sg2['id'], 'org_id': org['id']})
    call('former member views event', 'GET', f"events/view/{ev['Event']['id']}", key=u['authkey'])
call('event add dist 4 no sg', 'POST', 'events/add', {'info': 'SG probe event 2', 'distribution': 4})
call('event add dist 4 bad sg', 'POST', 'events/add', {'info': 'SG probe event 3', 'distribution': 4, 'sharing_group_id': 99999})
plain = call('plain event add', 'POST', 'events/add', {'info': 'SG probe plain event', 'distribution': 0})
call('attribute add dist 4 bad sg', 'POST', f"attributes/add/{plain['Event']['id']}", {'type': 'text', 'value': 'b1', 'distribution': 4, 'sharing_group_id': 99999})
call('attribute add dist 4 no sg', 'POST', f"attributes/add/{plain['Event']['id']}", {'type': 'text', 'value': 'b2', 'distribution': 4})
nested = call('event add nested bad sg', 'POST', 'events/add', {'info': 'SG probe nested', 'distribution': 0, 'Attribute': [{'type': 'text', 'value': 'n1', 'distribution': 4, 'sharing_group_id': 99999}, {'type': 'text', 'value': 'n2', 'distribution': 4, 'sharing_group_id': sg2['id']}]})
# The values that matter, as their own line: the test compares this one in full.
print(json.dumps({'call': 'nested attribute distributions', 'method': 'POST', 'path': 'events/add', 'status': 200,
                  'body': sorted([a['value'], a['distribution'], a['sharing_group_id'] == sg2['id']] for a in nested['Event']['Attribute'])}))
for e in (plain, nested): call('event delete', 'POST', f"events/delete/{e['Event']['id']}")
call('sg delete in use', 'POST', f"sharingGroups/delete/{sg2['id']}")
if isinstance(ev, dict) and 'Event' in ev: call('event delete', 'POST', f"events/delete/{ev['Event']['id']}")
call('sg2 delete', 'POST', f"sharingGroups/delete/{sg2['id']}")
call('sg delete', 'POST', f'sharingGroups/delete/{sgid}')
call('sg delete again', 'POST', f'sharingGroups/delete/{sgid}')
call('sg index passive', 'GET', 'sharingGroups/index/true')
call('dup delete', 'POST', f"sharingGroups/delete/{dup['SharingGroup']['id']}")
# What another organisation sees of an event shared with it (distribution 1): each attribute's own
# distribution decides, 4 by its group. Reduced to the values, compared in full by the test.
sg_in = call('sg in add', 'POST', 'sharingGroups/add', {'name': 'SG probe in ' + rnd(), 'releasability': 'r'})['SharingGroup']
sg_out = call('sg out add', 'POST', 'sharingGroups/add', {'name': 'SG probe out ' + rnd(), 'releasability': 'r'})['SharingGroup']
call('sg in addOrg', 'POST', 'sharingGroups/addOrg', {'sg_id': sg_in['id'], 'org_id': org['id']})
mixed = [{'type': 'text', 'value': f'd{d}', 'distribution': d} for d in (0, 1, 2, 3, 5)] + [
    {'type': 'text', 'value': 'd4in', 'distribution': 4, 'sharing_group_id': sg_in['id']},
    {'type': 'text', 'value': 'd4out', 'distribution': 4, 'sharing_group_id': sg_out['id']}]
shared = call('event add mixed', 'POST', 'events/add', {'info': 'SG probe mixed', 'distribution': 1, 'Attribute': mixed})['Event']
seen = call('other org views mixed', 'GET', f"events/view/{shared['id']}", key=u['authkey'])['Event']
by_attr = call('other org attribute search', 'POST', 'attributes/restSearch', {'eventid': shared['id']}, key=u['authkey'])
by_event = call('other org event search', 'POST', 'events/restSearch', {'eventid': shared['id']}, key=u['authkey'])
print(json.dumps({'call': 'what another org sees', 'method': 'GET', 'path': 'events/view', 'status': 200, 'body': {
    'view': sorted(a['value'] for a in seen['Attribute']), 'attribute_count': seen['attribute_count'],
    'attributes/restSearch': sorted(a['value'] for a in by_attr['response']['Attribute']),
    'events/restSearch': sorted(a['value'] for e in by_event['response'] for a in e['Event']['Attribute'])}}))
call('event delete', 'POST', f"events/delete/{shared['id']}")
for g in (sg_in, sg_out): call('sg delete', 'POST', f"sharingGroups/delete/{g['id']}")
for x in (u, sync): call('user delete', 'POST', f"admin/users/delete/{x['id']}")
for x in (org, org2): call('org delete', 'POST', f"admin/organisations/delete/{x['id']}")
