"""Battery calls: sharing groups (add, list, view, exists, update, member orgs, servers, delete) and
an event shared with one."""
from battery_core import SUFFIX, answer, call, ctx, event_with, misp, ok, shape
from pymisp import MISPSharingGroup


def group_summary(r):
    return {'shape': shape(r['SharingGroup']), 'keys': sorted(r),
            'orgs': sorted(o['Organisation']['name'] == ctx['org']['name'] for o in r.get('SharingGroupOrg', [])),
            'servers': sorted(s['server_id'] for s in r.get('SharingGroupServer', []))}


@call('sharing_group_add')
def _():
    sg = MISPSharingGroup()
    sg.name = f'Battery SG {SUFFIX}'
    sg.releasability = 'battery partners'
    sg.description = 'made by the battery'
    r = ok(misp.add_sharing_group(sg))
    ctx['sg'] = r['SharingGroup']
    return {**group_summary(r), 'name': r['SharingGroup']['name'] == sg.name, 'local': r['SharingGroup']['local'],
            'active': r['SharingGroup']['active'], 'releasability': r['SharingGroup']['releasability']}


@call('sharing_group_add_without_name')
def _():
    sg = MISPSharingGroup()
    sg.releasability = 'nobody'
    return answer(misp.add_sharing_group(sg)) or 'saved'


@call('sharing_group_add_org')
def _():
    r = misp.add_org_to_sharing_group(ctx['sg']['id'], ctx['org']['uuid'], extend=True)
    return answer(r) or {'message': r.get('message')}


@call('sharing_group_add_org_again')
def _():
    return answer(misp.add_org_to_sharing_group(ctx['sg']['id'], ctx['org']['id'])) or 'added'


@call('sharing_groups_list')
def _():
    r = misp.sharing_groups()
    mine = [g for g in r if g['SharingGroup']['uuid'] == ctx['sg']['uuid']]
    return {'type': type(r).__name__, 'mine': len(mine), 'item_keys': sorted(mine[0]) if mine else None,
            'org_count': mine[0]['SharingGroup']['org_count'] if mine else None,
            'editable': mine[0]['editable'] if mine else None}


@call('sharing_group_get')
def _():
    r = ok(misp.get_sharing_group(ctx['sg']['uuid']))
    return {**group_summary(r), 'local_server': [s['Server']['name'] for s in r['SharingGroupServer']]}


@call('sharing_group_exists')
def _():
    return {'mine': misp.sharing_group_exists(ctx['sg']['id']), 'missing': misp.sharing_group_exists(987654)}


@call('sharing_group_update')
def _():
    sg = MISPSharingGroup()
    sg.from_dict(**ctx['sg'])
    sg.description = 'changed by the battery'
    r = ok(misp.update_sharing_group(sg))
    return {**group_summary(r), 'description': r['SharingGroup']['description'],
            'name_kept': r['SharingGroup']['name'] == ctx['sg']['name']}


@call('sharing_group_add_server')
def _():
    return answer(misp.add_server_to_sharing_group(ctx['sg']['id'], 987654)) or 'added'


@call('event_add_sharing_group')
def _():
    r = ok(misp.add_event(event_with('battery shared', distribution=4, sharing_group_id=ctx['sg']['id'])), 'Event')
    ctx['sg_event'] = r
    return {'distribution': r['distribution'], 'sg': r['sharing_group_id'] == ctx['sg']['id'],
            'SharingGroup': sorted(r.get('SharingGroup', {}))}


@call('event_add_sharing_group_missing')
def _():
    return answer(misp.add_event(event_with('battery no group', distribution=4))) or 'saved'


@call('sharing_group_delete_in_use')
def _():
    if 'sg_event' not in ctx:
        return 'no event'
    r = answer(misp.delete_sharing_group(ctx['sg']['id'])) or 'deleted'
    misp.delete_event(ctx.pop('sg_event')['id'])
    return r


@call('sharing_group_remove_org')
def _():
    r = misp.remove_org_from_sharing_group(ctx['sg']['id'], ctx['org']['id'])
    return answer(r) or {'message': r.get('message')}


@call('sharing_group_delete')
def _():
    r = misp.delete_sharing_group(ctx['sg']['id'])
    return answer(r) or {'message': r.get('message'), 'gone': not misp.sharing_group_exists(ctx.pop('sg')['id'])}
