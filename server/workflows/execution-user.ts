/**
 * Who a workflow runs as (Workflow::getUserForWorkflow, spec §3.1): a synthetic SYSTEM user of the
 * host organisation holding every permission; else the first enabled site admin; else nobody,
 * which the engine reports as "Could not find a valid user to run the workflow…".
 */
import type { ServerServices } from '../services.ts';
import { loadAuthUser, type AuthUser } from '../users/current-user.ts';
import { PERMISSION_FLAGS, type Permissions } from '../users/roles.ts';
import type { UserRow } from '../users/user-repository.ts';
import type { WorkflowUser } from './engine/index.ts';

const ALL_PERMISSIONS = Object.fromEntries(PERMISSION_FLAGS.map((flag) => [flag, true])) as Permissions;

/** The SYSTEM user as the events services need it (an AuthUser), or null when none can be built. */
export function workflowAuthUser(services: ServerServices): AuthUser | null {
  const hostOrg = services.users.org(services.settings.number('MISP.host_org_id'));
  if (hostOrg) {
    const user = {
      id: 0,
      email: 'SYSTEM',
      org_id: hostOrg.id,
      role_id: 0,
      disabled: 0,
    } as UserRow;
    return {
      user,
      org: hostOrg,
      role: {
        id: 0,
        name: 'SYSTEM',
        created: '',
        modified: '',
        perms: ALL_PERMISSIONS,
        permission: 3,
        default_role: 0,
        memory_limit: null,
        max_execution_time: null,
      },
    };
  }
  for (const row of services.users.list()) {
    const auth = loadAuthUser(services.users, row.id);
    if (auth && !auth.user.disabled && auth.role.perms.perm_site_admin) return auth;
  }
  return null;
}

/** The same user as the engine's roaming data carries it. */
export function workflowEngineUser(auth: AuthUser | null): WorkflowUser | null {
  if (!auth) return null;
  return {
    email: auth.user.email,
    id: auth.user.id,
    org_id: auth.org.id,
    Role: { ...auth.role.perms },
    Organisation: { id: auth.org.id, name: auth.org.name, uuid: auth.org.uuid },
  };
}
