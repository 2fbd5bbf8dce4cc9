/**
 * Every MISP endpoint the harness calls, one named method each, named the way PyMISP names them
 * (get_setting → getSetting, add_user → addUser, search_logs → searchLogs …). It only knows
 * MISP's URLs and JSON: it never throws on an HTTP status, because a 403 is something a
 * scenario asserts on, not a crash. Answers carry the status with the typed body; the
 * transport (misp-rest.ts) records every exchange in the scenario's transcript.
 */
import { MispRestClient, type MispRestOptions, type RestAnswer } from './misp-rest.ts';
import type {
  AuthKeyRow,
  BlueprintJson,
  EventJson,
  JobJson,
  LogEntry,
  LogFilter,
  ModuleConfig,
  NewAttribute,
  NewEvent,
  NewObject,
  NewRole,
  NewUser,
  RoleJson,
  SavedAnswer,
  ServerSettingsJson,
  SettingJson,
  TagJson,
  UserIndexRow,
  UserJson,
  WorkflowJson,
} from './misp-types.ts';

export type { RestAnswer };

/** The named parameters of a CakePHP URL (`key:value`), values URL-encoded as PyMISP does. */
function namedParams(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}:${encodeURIComponent(value)}`)
    .join('/');
}

export class MispClient {
  private readonly rest: MispRestClient;

  constructor(options: MispRestOptions) {
    this.rest = new MispRestClient(options);
  }

  // Server
  /** Answers without an auth key too: the load balancer's probe. */
  heartbeat(): Promise<RestAnswer<unknown>> {
    return this.rest.get('/users/heartbeat');
  }

  getVersion(): Promise<RestAnswer<{ version?: string }>> {
    return this.rest.get('/servers/getVersion');
  }

  getSetting(name: string): Promise<RestAnswer<SettingJson>> {
    return this.rest.get(`/servers/getSetting/${name}`);
  }

  /** As PyMISP's set_server_setting: a JSON value (booleans stay booleans), force as the UI does. */
  setServerSetting(name: string, value: unknown, force = true): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/servers/serverSettingsEdit/${name}`, { value, force });
  }

  /** PyMISP's server_settings: every setting with its value, plus workers and module status. */
  serverSettings(): Promise<RestAnswer<ServerSettingsJson>> {
    return this.rest.get('/servers/serverSettings.json');
  }

  /** A MISP path a scenario names in its own text (e.g. the workflow pages of the prerequisites). */
  getPath(path: string): Promise<RestAnswer<unknown>> {
    return this.rest.get(path);
  }

  // Users, roles, keys
  getMe(): Promise<RestAnswer<{ User?: UserJson }>> {
    return this.rest.get('/users/view/me.json');
  }

  /** PyMISP's users(): every account a site admin sees (real MISP 2.5.1 leaves totp_is_set out). */
  users(): Promise<RestAnswer<UserIndexRow[]>> {
    return this.rest.get('/admin/users/index.json');
  }

  getUser(id: string): Promise<RestAnswer<{ User?: UserJson }>> {
    return this.rest.get(`/admin/users/view/${id}.json`);
  }

  addUser(user: NewUser): Promise<RestAnswer<{ User?: UserJson }>> {
    return this.rest.post('/admin/users/add', user);
  }

  /** PyMISP's update_user: only the fields given change. */
  editUser(id: string, fields: Record<string, unknown>): Promise<RestAnswer<{ User?: UserJson }>> {
    return this.rest.post(`/admin/users/edit/${id}`, { User: fields });
  }

  deleteUser(id: string): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/admin/users/delete/${id}`);
  }

  /** A new advanced auth key; MISP shows `authkey_raw` this once. */
  addAuthKey(userId: string): Promise<RestAnswer<{ AuthKey?: { authkey_raw?: string } }>> {
    return this.rest.post(`/auth_keys/add/${userId}`, {});
  }

  /** Every advanced auth key the caller may manage, each with its owner (never the key itself). */
  authKeys(): Promise<RestAnswer<AuthKeyRow[]>> {
    return this.rest.get('/auth_keys/index');
  }

  /** An auth key's restrictions (expiration as a date, allowed_ips, read_only, comment). */
  editAuthKey(id: string, fields: Record<string, unknown>): Promise<RestAnswer<unknown>> {
    return this.rest.post(`/auth_keys/edit/${id}`, { AuthKey: fields });
  }

  deleteTotp(userId: string): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/users/totp_delete/${userId}`);
  }

  addRole(role: NewRole): Promise<RestAnswer<{ Role?: RoleJson }>> {
    return this.rest.post('/admin/roles/add', { Role: role });
  }

  deleteRole(id: string): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/admin/roles/delete/${id}`);
  }

  // Events, attributes, objects, tags
  addEvent(event: NewEvent): Promise<RestAnswer<{ Event?: EventJson }>> {
    return this.rest.post('/events/add', { Event: event });
  }

  eventsIndex(): Promise<RestAnswer<unknown>> {
    return this.rest.get('/events/index');
  }

  getEvent(id: string): Promise<RestAnswer<{ Event?: EventJson }>> {
    return this.rest.get(`/events/view/${id}.json`);
  }

  deleteEvent(id: string): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/events/delete/${id}`);
  }

  /** Background publishing answers "Job queued"; `background: false` asks MISP to publish at once. */
  publish(eventId: string, options: { background: boolean }): Promise<RestAnswer<SavedAnswer>> {
    const suffix = options.background ? '' : '/disable_background_processing:1';
    return this.rest.post(`/events/publish/${eventId}${suffix}`);
  }

  addAttribute(eventId: string, attribute: NewAttribute): Promise<RestAnswer<unknown>> {
    return this.rest.post(`/attributes/add/${eventId}`, { Attribute: attribute });
  }

  /** An object with its attributes in one request (all or nothing). */
  addObject(eventId: string, object: NewObject): Promise<RestAnswer<unknown>> {
    return this.rest.post(`/objects/add/${eventId}`, { Object: object });
  }

  /** PyMISP's tag(): a tag on an event or an attribute, by its uuid. */
  attachTagToObject(uuid: string, tag: string, local = false): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post('/tags/attachTagToObject', { uuid, tag, local });
  }

  searchTags(name: string): Promise<RestAnswer<{ Tag?: TagJson[] }>> {
    return this.rest.get(`/tags/index/searchall:${encodeURIComponent(name)}`);
  }

  addTag(tag: { name: string; colour: string; exportable: boolean }): Promise<RestAnswer<unknown>> {
    return this.rest.post('/tags/add', { Tag: tag });
  }

  // Logs and jobs
  /** PyMISP's search_logs: the filters POSTed as JSON. */
  searchLogs(filter: LogFilter): Promise<RestAnswer<Array<{ Log: LogEntry }>>> {
    return this.rest.post('/admin/logs/index', filter);
  }

  /**
   * The same index with the filters as named parameters (how an auditor's script pages through
   * it): each applies as a filter, a value with `%` as SQL LIKE, and without limit: every match.
   */
  logsIndex(filter: LogFilter): Promise<RestAnswer<Array<{ Log?: Partial<LogEntry> }>>> {
    const named = namedParams(Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)));
    return this.rest.get(`/admin/logs/index/${named}.json`);
  }

  jobsIndex(): Promise<RestAnswer<Array<{ Job?: JobJson }>>> {
    return this.rest.get('/jobs/index.json');
  }

  // Workflows
  workflowsIndex(): Promise<RestAnswer<Array<{ Workflow?: WorkflowJson }>>> {
    return this.rest.get('/workflows/index.json');
  }

  viewWorkflow(id: string): Promise<RestAnswer<{ Workflow?: WorkflowJson }>> {
    return this.rest.get(`/workflows/view/${id}.json`);
  }

  /** The graph goes as a JSON string in Workflow.data, as MISP's editor sends it. */
  editWorkflow(
    id: string,
    workflow: { name: string; description: string; data: string },
  ): Promise<RestAnswer<SavedAnswer & { Workflow?: unknown }>> {
    return this.rest.post(`/workflows/edit/${id}`, { Workflow: workflow });
  }

  /**
   * Runs a saved workflow over the given data (MISP's "Execute workflow" dialog); the data goes
   * as a JSON string in Workflow.data. Real MISP 2.5.1 answers {success, outcome} with outcome
   * "success", "blocked" or "failure …", and counts the run on the workflow (it writes).
   */
  executeWorkflow(id: string, data: unknown): Promise<RestAnswer<{ success?: boolean; outcome?: string }>> {
    return this.rest.post(`/workflows/executeWorkflow/${id}`, { Workflow: { data: JSON.stringify(data) } });
  }

  workflowModules(): Promise<RestAnswer<ModuleConfig[]>> {
    return this.rest.get('/workflows/moduleIndex/type:all.json');
  }

  workflowTriggers(): Promise<RestAnswer<ModuleConfig[]>> {
    return this.rest.get('/workflows/triggers.json');
  }

  toggleWorkflowModule(id: string, enable: boolean, isTrigger: boolean): Promise<RestAnswer<SavedAnswer>> {
    return this.rest.post(`/workflows/toggleModule/${id}/${enable ? 1 : 0}${isTrigger ? '/1' : ''}`);
  }

  workflowBlueprints(): Promise<RestAnswer<Array<{ WorkflowBlueprint: BlueprintJson }>>> {
    return this.rest.get('/workflowBlueprints/index.json');
  }

  viewWorkflowBlueprint(id: string): Promise<RestAnswer<{ WorkflowBlueprint?: BlueprintJson }>> {
    return this.rest.get(`/workflowBlueprints/view/${id}.json`);
  }

  /**
   * Not /import: real MISP 2.5.1 saves an import but answers its REST call with HTTP 500 (no
   * JSON view), while /add answers the saved blueprint.
   */
  addWorkflowBlueprint(blueprint: {
    name: string;
    description?: string;
    data: unknown;
  }): Promise<RestAnswer<unknown>> {
    return this.rest.post('/workflowBlueprints/add', { WorkflowBlueprint: blueprint });
  }
}
