/**
 * Every MISP request the harness makes (steps/tasks, lab/targets/preflight.ts, lab/clients), as
 * data: method, path template, body, actor, where the harness sends it, and which answer values
 * matter beyond their shape. Run in order, the list sets up its own data (a user, a tag, an
 * event, the event-publish workflow) and captures ids for later paths; `cleanup` entries run
 * last, even after a failure, and leave the MISP as found. Pages are in page-landmarks.ts.
 *
 * `{name}` in a path or body is a setup value: one the run chose (namespace, email, password)
 * or one captured from an earlier answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGE_EXCHANGES, type PageExchange } from './page-landmarks.ts';

export type RestActor = 'admin' | 'user' | 'anonymous' | 'wrongKey';

export interface RestExchange {
  kind: 'rest';
  id: string;
  method: 'GET' | 'POST';
  path: string;
  actor: RestActor;
  body?: unknown;
  /** The harness file that sends it (for the reader and for keeping the list current). */
  usedBy: string;
  /** Answer paths whose (normalised) values must be MISP's, beyond the JSON shape. */
  values?: string[];
  /** Setup values taken from the answer: a path, or a function for finds in a list. */
  capture?: Record<string, string | ((body: unknown) => unknown)>;
  cleanup?: true;
}

/** MISP's console (`cake Admin …`), recorded when the recorder is given --console. */
export interface ConsoleExchange {
  kind: 'console';
  id: string;
  args: string[];
  usedBy: string;
}

export type Exchange = RestExchange | PageExchange | ConsoleExchange;

const exampleB = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/events/example-b.json', import.meta.url)), 'utf8'),
) as { Object: unknown[] };

function rest(
  id: string,
  method: RestExchange['method'],
  path: string,
  usedBy: string,
  more: Partial<RestExchange> = {},
): RestExchange {
  return { kind: 'rest', id, method, path, actor: 'admin', usedBy, ...more };
}

const workflowOf = (trigger: string) => (body: unknown) =>
  Array.isArray(body)
    ? (body as Array<{ Workflow?: { trigger_id?: string; id?: unknown } }>).find(
        (row) => row.Workflow?.trigger_id === trigger,
      )?.Workflow?.id
    : undefined;

const REST_EXCHANGES: RestExchange[] = [
  rest('heartbeat', 'GET', '/users/heartbeat', 'steps/tasks/lab-checks.ts', { actor: 'anonymous' }),
  rest('version', 'GET', '/servers/getVersion', 'lab/targets/preflight.ts', { values: ['version'] }),
  rest('version-anonymous', 'GET', '/servers/getVersion', 'lab/targets/preflight.ts', {
    actor: 'anonymous',
    values: ['name', 'message'],
  }),
  rest('version-wrong-key', 'GET', '/servers/getVersion', 'lab/targets/preflight.ts', {
    actor: 'wrongKey',
    values: ['name', 'message'],
  }),
  rest('me-admin', 'GET', '/users/view/me.json', 'steps/tasks/auth/users.ts', {
    values: ['User.email', 'User.role_id', 'User.totp', 'User.totp_is_set', 'Role.perm_site_admin'],
  }),
  rest('me-wrong-key', 'GET', '/users/view/me.json', 'steps/tasks/auth/findings.ts', {
    actor: 'wrongKey',
    values: ['name', 'message'],
  }),
  rest(
    'setting-otp-required',
    'GET',
    '/servers/getSetting/Security.otp_required',
    'steps/tasks/auth/settings.ts',
    {
      values: ['setting', 'type', 'value'],
    },
  ),
  rest(
    'setting-background-jobs',
    'GET',
    '/servers/getSetting/MISP.background_jobs',
    'lab/targets/preflight.ts',
    {
      values: ['setting', 'type', 'value'],
    },
  ),
  rest(
    'setting-workflow-enable',
    'GET',
    '/servers/getSetting/Plugin.Workflow_enable',
    'steps/tasks/workflows/settings.ts',
    {
      values: ['setting', 'type', 'value'],
    },
  ),
  rest(
    'setting-unknown',
    'GET',
    '/servers/getSetting/Security.no_such_setting',
    'steps/tasks/auth/settings.ts',
    {
      values: ['name', 'message'],
    },
  ),
  rest(
    'setting-edit-otp-required',
    'POST',
    '/servers/serverSettingsEdit/Security.otp_required',
    'steps/tasks/workflows/settings.ts',
    {
      body: { value: false, force: true },
      values: ['saved', 'success', 'name', 'message'],
    },
  ),
  // MISP 2.5.1 lets only its console change some settings; the value is the default either way.
  rest(
    'setting-edit-cli-only',
    'POST',
    '/servers/serverSettingsEdit/Security.rest_client_enable_arbitrary_urls',
    'steps/tasks/workflows/settings.ts',
    { body: { value: false }, values: ['saved', 'success', 'name', 'message', 'errors'] },
  ),
  rest('users-add', 'POST', '/admin/users/add', 'steps/tasks/auth/users.ts', {
    body: { email: '{userEmail}', password: '{userPassword}', change_pw: false },
    values: ['User.email', 'User.role_id', 'User.change_pw', 'User.disabled'],
    capture: { userId: 'User.id' },
  }),
  rest('auth-keys-add', 'POST', '/auth_keys/add/{userId}', 'steps/tasks/auth/users.ts', {
    body: {},
    capture: { userKey: 'AuthKey.authkey_raw' },
  }),
  rest('me-user', 'GET', '/users/view/me.json', 'steps/tasks/auth/login.ts', {
    actor: 'user',
    values: ['User.email', 'User.role_id', 'User.totp_is_set'],
  }),
  rest('admin-users-view', 'GET', '/admin/users/view/{userId}.json', 'steps/tasks/auth/recovery.ts', {
    values: ['User.email', 'User.totp_is_set'],
  }),
  rest('roles-add', 'POST', '/admin/roles/add', 'steps/tasks/auth/users.ts', {
    body: { Role: { name: '{roleName}', permission: '1', perm_auth: true, perm_skip_otp: true } },
    values: ['Role.name', 'Role.perm_skip_otp', 'Role.perm_auth', 'Role.permission'],
    capture: { roleId: 'Role.id' },
  }),
  rest('tags-search', 'GET', '/tags/index/searchall:{tagName}', 'steps/tasks/events/seed-events.ts'),
  rest('tags-add', 'POST', '/tags/add', 'steps/tasks/events/seed-events.ts', {
    body: { Tag: { name: '{tagName}', colour: '#cc0033', exportable: true } },
    values: ['Tag.name', 'Tag.colour', 'Tag.exportable'],
    capture: { tagId: 'Tag.id' },
  }),
  rest('events-add', 'POST', '/events/add', 'steps/tasks/events/seed-events.ts', {
    body: { Event: { info: '{eventInfo}', threat_level_id: '3', analysis: '0', distribution: '0' } },
    values: ['Event.info', 'Event.distribution', 'Event.published', 'Event.threat_level_id'],
    capture: { eventId: 'Event.id', eventUuid: 'Event.uuid' },
  }),
  rest('attributes-add', 'POST', '/attributes/add/{eventId}', 'steps/tasks/events/seed-events.ts', {
    body: {
      Attribute: { type: 'datetime', category: 'Other', value: '2024-01-01T10:00:00+00:00', to_ids: true },
    },
    values: ['Attribute.type', 'Attribute.category', 'Attribute.to_ids', 'Attribute.value'],
  }),
  rest('objects-add', 'POST', '/objects/add/{eventId}', 'steps/tasks/events/seed-events.ts', {
    body: { Object: exampleB.Object[0] },
    values: ['Object.name', 'Object.meta-category', 'Object.Attribute.[].object_relation'],
  }),
  rest('tags-attach', 'POST', '/tags/attachTagToObject', 'steps/tasks/events/seed-events.ts', {
    body: { uuid: '{eventUuid}', tag: '{tagName}', local: false },
    values: ['saved', 'success', 'check_publish', 'errors'],
  }),
  rest('events-view', 'GET', '/events/view/{eventId}.json', 'steps/tasks/events/seed-events.ts', {
    values: ['Event.info', 'Event.Attribute.[].type', 'Event.Object.[].name', 'Event.Tag.[].name'],
  }),
  rest('events-index', 'GET', '/events/index', 'steps/tasks/auth/findings.ts'),
  rest(
    'workflows-modules',
    'GET',
    '/workflows/moduleIndex/type:all.json',
    'steps/tasks/workflows/modules.ts',
  ),
  // The harness opens the editor through a web session since MISP's JSON form answers 500; kept
  // to show that answer (it still creates the trigger's workflow on both servers).
  rest('workflows-editor', 'GET', '/workflows/editor/event-publish', 'lab/clients/misp-web-session.ts'),
  // After the editor: MISP's triggers list carries each trigger's Workflow once one exists.
  rest('workflows-triggers', 'GET', '/workflows/triggers.json', 'steps/tasks/workflows/modules.ts'),
  rest('workflows-index', 'GET', '/workflows/index.json', 'steps/tasks/workflows/workflow-store.ts', {
    capture: { workflowId: workflowOf('event-publish') },
  }),
  rest(
    'workflows-view',
    'GET',
    '/workflows/view/{workflowId}.json',
    'steps/tasks/workflows/workflow-store.ts',
    {
      values: ['Workflow.trigger_id'],
      capture: {
        workflowName: 'Workflow.name',
        workflowDescription: 'Workflow.description',
        workflowData: (body) =>
          JSON.stringify((body as { Workflow?: { data?: unknown } }).Workflow?.data ?? {}),
      },
    },
  ),
  // Saves the graph it just read: MISP's answer to a save, and nothing changes.
  rest('workflows-edit', 'POST', '/workflows/edit/{workflowId}', 'steps/tasks/workflows/workflow-store.ts', {
    body: {
      Workflow: { name: '{workflowName}', description: '{workflowDescription}', data: '{workflowData}' },
    },
    values: ['saved', 'success', 'message', 'errors'],
  }),
  rest('blueprints-index', 'GET', '/workflowBlueprints/index.json', 'steps/tasks/workflows/blueprints.ts'),
  rest(
    'publish-sync',
    'POST',
    '/events/publish/{eventId}/disable_background_processing:1',
    'steps/tasks/events/publish.ts',
    {
      values: ['saved', 'success', 'name', 'message', 'url'],
    },
  ),
  rest('publish-background', 'POST', '/events/publish/{eventId}', 'steps/tasks/events/publish.ts', {
    values: ['saved', 'success', 'name', 'message', 'url'],
  }),
  rest('jobs-index', 'GET', '/jobs/index.json', 'steps/tasks/events/publish.ts'),
  rest('logs-search', 'POST', '/admin/logs/index', 'steps/tasks/workflows/logs.ts', {
    body: { model: 'Event' },
  }),
  rest(
    'logs-named',
    'GET',
    '/admin/logs/index/model:User/action:add/title:%25{userEmail}%25.json',
    'steps/tasks/auth/audit-log.ts',
    {
      values: ['[].Log.model', '[].Log.action'],
    },
  ),
  rest('totp-delete-none', 'POST', '/users/totp_delete/{userId}', 'steps/tasks/auth/recovery.ts', {
    values: ['saved', 'success', 'name', 'message', 'errors'],
  }),
  rest('events-delete', 'POST', '/events/delete/{eventId}', 'lab/clients/cleanup-ledger.ts', {
    cleanup: true,
    values: ['saved', 'success', 'name', 'message'],
  }),
  rest('roles-delete', 'POST', '/admin/roles/delete/{roleId}', 'lab/clients/cleanup-ledger.ts', {
    cleanup: true,
    values: ['saved', 'success', 'name', 'message'],
  }),
  rest('users-delete', 'POST', '/admin/users/delete/{userId}', 'lab/clients/cleanup-ledger.ts', {
    cleanup: true,
    values: ['saved', 'success', 'name', 'message'],
  }),
  // Not a harness call: the tag the run added is shared vocabulary on a real MISP, so it goes.
  rest('tags-delete', 'POST', '/tags/delete/{tagId}', 'lab/contract/catalogue.ts', { cleanup: true }),
];

const CONSOLE_EXCHANGES: ConsoleExchange[] = [
  {
    kind: 'console',
    id: 'console-get-otp-required',
    args: ['getSetting', 'Security.otp_required'],
    usedBy: 'steps/tasks/auth/console.ts',
  },
  {
    kind: 'console',
    id: 'console-set-otp-required',
    args: ['setSetting', 'Security.otp_required', 'false'],
    usedBy: 'steps/tasks/auth/console.ts',
  },
  {
    kind: 'console',
    id: 'console-set-unknown',
    args: ['setSetting', 'Security.no_such_setting', 'true'],
    usedBy: 'steps/tasks/auth/console.ts',
  },
];

/** REST first (it makes the data), then pages, console, and the cleanup calls last. */
export const CATALOGUE: Exchange[] = [
  ...REST_EXCHANGES.filter((e) => !e.cleanup),
  ...PAGE_EXCHANGES,
  ...CONSOLE_EXCHANGES,
  ...REST_EXCHANGES.filter((e) => e.cleanup),
];
