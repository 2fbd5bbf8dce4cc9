import { Hono } from 'hono';
import type { MmTeam } from '../../mattermost-types.ts';
import { ApiError, invalidBodyParam, notFound } from '../errors.ts';
import { isSystemAdmin, isTeamMember, requireOrForbid } from '../permissions.ts';
import { created, currentUser, idParam, readJsonObject, stringField, type ChatEnv } from '../request.ts';
import type { ChatStore } from '../store.ts';
import { validateDisplayName, validateTeamName } from '../validation.ts';

export const teamNotFound = () =>
  notFound('app.team.get_by_name.missing.app_error', 'Unable to find the existing team.');

export function findTeamById(store: ChatStore, id: string): MmTeam {
  const team = store.teamById(id);
  if (!team) throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
  return team;
}

/** Teams: creation (the creator becomes team admin), lookups, and adding members. */
export function teamRoutes(store: ChatStore): Hono<ChatEnv> {
  const routes = new Hono<ChatEnv>();

  routes.post('/teams', async (c) => {
    const caller = currentUser(c, store);
    const body = await readJsonObject(c, 'team');
    const name = stringField(body, 'name');
    const displayName = stringField(body, 'display_name');
    const type = stringField(body, 'type', 'O');
    validateTeamName(name);
    validateDisplayName(displayName, 'team');
    if (type !== 'O' && type !== 'I')
      throw new ApiError(400, 'model.team.is_valid.type.app_error', 'Invalid type.');
    if (store.teamByName(name)) {
      throw new ApiError(
        400,
        'store.sql_team.save_team.existing.app_error',
        'A team with that name already exists.',
      );
    }
    const team = store.createTeam({ name, display_name: displayName, type, email: caller.email });
    store.addTeamMember(team.id, caller.id, true);
    return created(c, team);
  });

  routes.get('/teams', (c) => {
    const caller = currentUser(c, store);
    const visible = store
      .listTeams()
      .filter((team) => team.allow_open_invite || isTeamMember(store, caller, team.id));
    return c.json(isSystemAdmin(caller) ? store.listTeams() : visible);
  });

  routes.get('/teams/name/:name', (c) => {
    const caller = currentUser(c, store);
    const team = store.teamByName(c.req.param('name'));
    if (!team) throw teamNotFound();
    requireOrForbid(team.allow_open_invite || isTeamMember(store, caller, team.id));
    return c.json(team);
  });

  routes.get('/teams/:team_id', (c) => {
    const caller = currentUser(c, store);
    const team = findTeamById(store, idParam(c, 'team_id'));
    requireOrForbid(team.allow_open_invite || isTeamMember(store, caller, team.id));
    return c.json(team);
  });

  routes.post('/teams/:team_id/members', async (c) => {
    const caller = currentUser(c, store);
    const teamId = idParam(c, 'team_id');
    const body = await readJsonObject(c, 'team_member');
    if (stringField(body, 'team_id') !== teamId) throw invalidBodyParam('team_id');
    const userId = stringField(body, 'user_id');
    const team = findTeamById(store, teamId);
    requireOrForbid(isTeamMember(store, caller, team.id));
    const user = store.userById(userId);
    if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
    return created(c, store.addTeamMember(team.id, user.id));
  });

  return routes;
}
