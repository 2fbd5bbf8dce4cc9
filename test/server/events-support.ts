/**
 * Shared set-up for the events tests: a real server on 127.0.0.1, a REST caller with an auth key,
 * extra users, the recorded MISP samples, a shape function, and a recording WorkflowTriggerPort
 * (a port double: the workflow engine is another component, reached only through this seam).
 */
import { readFileSync } from 'node:fs';
import { startMispServer, type MispServerOptions, type StartedMispServer } from '../../server/app.ts';
import { generateAuthKey } from '../../server/auth/secrets.ts';
import type {
  TriggerOutcome,
  TriggerRunOptions,
  WorkflowTriggerPort,
} from '../../server/events/trigger-port.ts';

export type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

export interface Lab {
  server: StartedMispServer;
  call(method: string, path: string, body?: unknown, key?: string): Promise<Answer>;
  raw(method: string, path: string, body: string, key?: string): Promise<Answer>;
  addUser(roleId: number, orgName?: string): { key: string; id: number };
  addEvent(extra?: Json, key?: string): Promise<Json>;
}

export async function startLab(options: MispServerOptions = {}): Promise<Lab> {
  const server = await startMispServer(options);
  const adminKey = server.getAdmin().authKey;
  const raw = async (method: string, path: string, body: string | undefined, key = adminKey) => {
    const response = await fetch(server.getUrl() + path, {
      method,
      headers: { Authorization: key, Accept: 'application/json', 'Content-Type': 'application/json' },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Json, headers: response.headers };
  };
  let users = 0;
  const lab: Lab = {
    server,
    raw,
    call: (method, path, body, key) =>
      raw(method, path, body === undefined ? undefined : JSON.stringify(body), key),
    addUser(roleId, orgName) {
      const services = server.services;
      const org = orgName
        ? (services.users.orgByName(orgName) ?? services.users.createOrg(orgName))
        : undefined;
      const key = generateAuthKey();
      users += 1;
      const user = services.users.create({
        email: `user${users}@lab.test`,
        password: 'Password1234!',
        org_id: org?.id ?? 1,
        role_id: roleId,
        authkey: key,
      });
      return { key, id: user.id };
    },
    async addEvent(extra = {}, key) {
      const answer = await lab.call('POST', '/events/add', { Event: { info: 'test event', ...extra } }, key);
      if (answer.status !== 200) throw new Error(`event add failed: ${JSON.stringify(answer.body)}`);
      return answer.body.Event as Json;
    },
  };
  return lab;
}

export function sample(name: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/misp-samples/${name}.json`, import.meta.url), 'utf8'),
  ) as Json;
}

/**
 * The shape of a JSON value: object keys in order with the shapes of their values, the type name
 * of scalars (null stays null), the shape of the first element of a list.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

export interface RecordedRun {
  triggerId: string;
  data: Json;
  options: TriggerRunOptions;
}

/** Answers `verdicts[trigger]` (success by default) and records every run. */
export class RecordingPort implements WorkflowTriggerPort {
  readonly runs: RecordedRun[] = [];

  constructor(
    private readonly callable: readonly string[],
    private readonly verdicts: Record<string, TriggerOutcome | Error> = {},
  ) {}

  isCallable(triggerId: string): boolean {
    return this.callable.includes(triggerId);
  }

  async run(triggerId: string, data: unknown, options: TriggerRunOptions): Promise<TriggerOutcome> {
    this.runs.push({ triggerId, data: JSON.parse(JSON.stringify(data)) as Json, options });
    const verdict = this.verdicts[triggerId];
    if (verdict instanceof Error) throw verdict;
    return verdict ?? { success: true, outcome: 'success', errors: [] };
  }

  of(triggerId: string): RecordedRun[] {
    return this.runs.filter((run) => run.triggerId === triggerId);
  }
}

export const BLOCKED: TriggerOutcome = {
  success: false,
  outcome: 'blocked',
  errors: [
    'Node `stop-execution` (2) from Workflow `Workflow for trigger event-publish` (1) returned the following error: Execution stopped',
  ],
};
