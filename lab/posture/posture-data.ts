/**
 * What a posture audit reads from a MISP, with GETs only (plus one user view per account: real
 * MISP 2.5.1 leaves `totp_is_set` out of /admin/users/index.json and answers it on
 * /admin/users/view/<id>.json). The checks (checks.ts, workflow-checks.ts) are pure functions
 * over this data, so the Gherkin steps and the trainer's board share them.
 */
import type { MispClient, RestAnswer } from '../clients/misp-client.ts';
import type { ModuleConfig, WorkerQueueJson } from '../clients/misp-types.ts';
import type { DrawflowGraph } from '../workflows/graph-meaning.ts';

export interface UserPosture {
  id: string;
  email: string;
  role: string;
  siteAdmin: boolean;
  orgAdmin: boolean;
  /** Unix seconds; 0 when the user never logged in. */
  lastLogin: number;
  totpSet: boolean;
}

export interface AuthKeyPosture {
  id: string;
  owner: string;
  /** Unix seconds. */
  created: number;
  /** Unix seconds; 0 means the key never expires. */
  expiration: number;
}

export interface TriggerPosture {
  id: string;
  enabled: boolean;
  blocking: boolean;
  /** The graph of the workflow saved on the trigger, when there is one. */
  workflow?: { id: string; name: string; graph: DrawflowGraph };
}

export interface PostureData {
  url: string;
  /** Setting name → value as serverSettings.json lists it (secrets as "*****"). */
  settings: Record<string, unknown>;
  workers: Record<string, WorkerQueueJson>;
  activeUsers: UserPosture[];
  authKeys: AuthKeyPosture[];
  /** Undefined when MISP refused the workflow pages (plugin or background jobs off: HTTP 500). */
  triggers?: TriggerPosture[];
  modules?: ModuleConfig[];
  /** When the data was read (unix seconds): key ages and expiries are judged against it. */
  readAt: number;
}

export class PostureReadError extends Error {}

function ok<T>(what: string, answer: RestAnswer<T>): T {
  if (answer.status !== 200)
    throw new PostureReadError(
      `${what} answered HTTP ${answer.status}: ${JSON.stringify(answer.data).slice(0, 200)}`,
    );
  return answer.data;
}

const seconds = (value: unknown): number => Number(value ?? 0) || 0;

/** Everything the posture checks judge, read from one MISP as its site admin. */
export async function readPosture(misp: MispClient, url: string): Promise<PostureData> {
  const serverSettings = ok('/servers/serverSettings.json', await misp.serverSettings());
  const settings: Record<string, unknown> = {};
  for (const row of serverSettings.finalSettings ?? []) settings[row.setting] = row.value;
  // SecureAuth.* live in config.php, outside the settings list; getSetting answers them with defaults.
  for (const name of ['SecureAuth.amount', 'SecureAuth.expire']) {
    const answer = await misp.getSetting(name);
    if (answer.status === 200) settings[name] = answer.data.value;
  }
  const rows = ok('/admin/users/index.json', await misp.users());
  const activeUsers: UserPosture[] = [];
  for (const row of rows) {
    if (!row.User || row.User.disabled === true) continue;
    const id = String(row.User.id);
    const view = ok(`/admin/users/view/${id}.json`, await misp.getUser(id));
    activeUsers.push({
      id,
      email: String(row.User.email ?? ''),
      role: String(row.Role?.name ?? ''),
      siteAdmin: row.Role?.perm_site_admin === true,
      orgAdmin: row.Role?.perm_admin === true,
      lastLogin: seconds(row.User.last_login),
      totpSet: isSet(view.User?.totp_is_set),
    });
  }
  const authKeys = ok('/auth_keys/index', await misp.authKeys()).map((row) => ({
    id: String(row.AuthKey?.id ?? ''),
    owner: row.User?.email ? String(row.User.email) : `user #${String(row.AuthKey?.user_id ?? '?')}`,
    created: seconds(row.AuthKey?.created),
    expiration: seconds(row.AuthKey?.expiration),
  }));
  return {
    url,
    settings,
    workers: serverSettings.workers ?? {},
    activeUsers,
    authKeys,
    ...(await readWorkflows(misp)),
    readAt: Math.floor(Date.now() / 1000),
  };
}

/** "0"/"1" on real MISP, a boolean on the reference server. */
function isSet(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

async function readWorkflows(misp: MispClient): Promise<Pick<PostureData, 'triggers' | 'modules'>> {
  const triggersAnswer = await misp.workflowTriggers();
  // With the plugin or background jobs off MISP 2.5.1 answers 500 on every /workflows page.
  if (triggersAnswer.status === 500) return {};
  const triggerRows = ok('/workflows/triggers.json', triggersAnswer);
  const modules = ok('/workflows/moduleIndex/type:all.json', await misp.workflowModules());
  const index = ok('/workflows/index.json', await misp.workflowsIndex());
  const triggers: TriggerPosture[] = [];
  for (const trigger of triggerRows) {
    const row = index.find((r) => r.Workflow?.trigger_id === trigger.id)?.Workflow;
    let workflow: TriggerPosture['workflow'];
    if (row) {
      const view = ok(`/workflows/view/${row.id}.json`, await misp.viewWorkflow(String(row.id)));
      const raw = view.Workflow?.data;
      const parsed = (typeof raw === 'string' ? JSON.parse(raw || '{}') : raw) as unknown;
      // PHP encodes an empty graph as [].
      const graph = (Array.isArray(parsed) || !parsed ? {} : parsed) as DrawflowGraph;
      workflow = { id: String(row.id), name: row.name, graph };
    }
    triggers.push({
      id: trigger.id,
      enabled: trigger.disabled !== true,
      blocking: trigger.blocking === true,
      ...(workflow ? { workflow } : {}),
    });
  }
  return { triggers, modules };
}
