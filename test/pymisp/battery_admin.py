"""Battery calls: system, settings, organisations, roles, users and auth keys."""
from battery_core import *  # noqa: F401,F403 - the battery's shared client, registry and helpers
from battery_core import (MISPAttribute, MISPEvent, MISPObject, MISPObjectReference,  # noqa: F401
                          MISPOrganisation, MISPSighting, MISPTag, MISPUser)
import time  # noqa: F401
from datetime import datetime, timezone  # noqa: F401

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
