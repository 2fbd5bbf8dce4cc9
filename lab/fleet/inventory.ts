/**
 * The fleet's inventory (YAML): which MISP deployments one `misp-lab check --inventory FILE` audits.
 * Secrets never live in the file: each deployment names the environment variable that holds its
 * auth key. Every problem is one line naming the file and the deployment, so a pipeline log says
 * what to fix; checks that need the environment (keys, CA files) apply only to the deployments
 * this run selected, so a CI shard needs only its own secrets.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import parseTagExpression from '@cucumber/tag-expressions';
import { parseDocument } from 'yaml';
import type { Shard } from '../cli/run-selection.ts';

export class InventoryError extends Error {}

export interface Deployment {
  name: string;
  url: string;
  /** The variable holding the site admin's auth key (read-only keys work for read-only profiles). */
  authkeyEnv: string;
  /** Absolute path, resolved against the inventory file's folder. */
  caFile?: string;
  tags: string[];
  /** Optional: the variable holding the admin password (scenarios that log in through pages). */
  passwordEnv?: string;
  adminEmail?: string;
  /** TLS verification off: a throw-away lab only. */
  insecureTls: boolean;
}

/** What a child `check` needs besides the deployment: its secrets, read from the environment. */
export interface ResolvedDeployment extends Deployment {
  authkey: string;
  password?: string;
}

const TOP_KEYS = new Set(['deployments']);
const KEYS = new Set([
  'name',
  'url',
  'authkey_env',
  'ca_file',
  'tags',
  'password_env',
  'admin_email',
  'insecure_tls',
]);
/** A deployment's name is a folder name in the reports and a JUnit suite name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function loadInventory(file: string): Deployment[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InventoryError(
      `inventory ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  return parseInventory(text, file);
}

export function parseInventory(text: string, file: string): Deployment[] {
  const document = parseDocument(text, { uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError) throw new InventoryError(`inventory ${file}: ${yamlError.message.split('\n')[0]}`);
  const root: unknown = document.toJS();
  if (!isRecord(root)) throw new InventoryError(`inventory ${file} must be a mapping with "deployments:"`);
  for (const key of Object.keys(root))
    if (!TOP_KEYS.has(key))
      throw new InventoryError(`inventory ${file}: unknown key "${key}" (expected "deployments")`);
  const list = root.deployments;
  if (!Array.isArray(list) || list.length === 0)
    throw new InventoryError(`inventory ${file}: "deployments" must be a non-empty list`);
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const where = `inventory ${file}: deployment ${index + 1}`;
    if (!isRecord(entry)) throw new InventoryError(`${where} must be a mapping`);
    const named = typeof entry.name === 'string' ? `${where} ("${entry.name}")` : where;
    for (const key of Object.keys(entry))
      if (!KEYS.has(key))
        throw new InventoryError(`${named}: unknown key "${key}" (known: ${[...KEYS].join(', ')})`);
    const text = (key: string, required: boolean): string | undefined => {
      const value = entry[key];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || value.trim() === '')
        throw new InventoryError(`${named}: "${key}" must be a non-empty string`);
      return value.trim();
    };
    const name = text('name', true)!;
    if (!NAME.test(name))
      throw new InventoryError(
        `${named}: "name" may hold letters, digits, ".", "_" and "-" only (it names a folder)`,
      );
    if (seen.has(name)) throw new InventoryError(`inventory ${file}: two deployments are named "${name}"`);
    seen.add(name);
    const url = text('url', true)!;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      throw new InventoryError(`${named}: "url" must be an http(s) URL, got "${url}"`);
    const envName = (key: string, required: boolean) => {
      const value = text(key, required);
      if (value !== undefined && !ENV_NAME.test(value))
        throw new InventoryError(
          `${named}: "${key}" names an environment variable, got "${value}" (the secret itself never goes in the file)`,
        );
      return value;
    };
    const tags = entry.tags ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !/^[^\s@()]+$/.test(t)))
      throw new InventoryError(`${named}: "tags" must be a list of words, e.g. [prod, eu]`);
    if (entry.insecure_tls !== undefined && typeof entry.insecure_tls !== 'boolean')
      throw new InventoryError(`${named}: "insecure_tls" must be true or false`);
    const caFile = text('ca_file', false);
    const passwordEnv = envName('password_env', false);
    const adminEmail = text('admin_email', false);
    return {
      name,
      url: url.replace(/\/+$/, ''),
      authkeyEnv: envName('authkey_env', true)!,
      ...(caFile ? { caFile: resolve(dirname(resolve(file)), caFile) } : {}),
      tags: tags as string[],
      ...(passwordEnv ? { passwordEnv } : {}),
      ...(adminEmail ? { adminEmail } : {}),
      insecureTls: entry.insecure_tls === true,
    };
  });
}

/**
 * The deployments this run audits: those whose tags match `expression` (Cucumber's tag
 * expressions; `prod` and `@prod` mean the same), then this shard's share (every n-th by name,
 * so every machine of a CI matrix agrees). `outside` are the ones left to other shards.
 */
export function selectDeployments(
  all: Deployment[],
  expression: string | undefined,
  shard: Shard | undefined,
): { selected: Deployment[]; outside: Deployment[] } {
  let matches = all;
  if (expression) {
    let node: ReturnType<typeof parseTagExpression>;
    try {
      node = parseTagExpression(expression);
    } catch (error) {
      throw new InventoryError(`--deployments: ${(error as Error).message}`);
    }
    matches = all.filter((d) => node.evaluate(d.tags.flatMap((t) => [t, `@${t}`])));
    if (matches.length === 0)
      throw new InventoryError(`--deployments "${expression}" matches no deployment of the inventory`);
  }
  const sorted = [...matches].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!shard) return { selected: sorted, outside: [] };
  const mine = (_: Deployment, i: number) => i % shard.total === shard.index - 1;
  return { selected: sorted.filter(mine), outside: sorted.filter((d, i) => !mine(d, i)) };
}

/** The secrets and files of the selected deployments, checked before any of them runs. */
export function resolveSecrets(deployments: Deployment[], env: NodeJS.ProcessEnv): ResolvedDeployment[] {
  return deployments.map((d) => {
    const authkey = env[d.authkeyEnv];
    if (!authkey)
      throw new InventoryError(
        `deployment "${d.name}": the environment variable ${d.authkeyEnv} (authkey_env) is not set`,
      );
    const password = d.passwordEnv ? env[d.passwordEnv] : undefined;
    if (d.passwordEnv && !password)
      throw new InventoryError(
        `deployment "${d.name}": the environment variable ${d.passwordEnv} (password_env) is not set`,
      );
    if (d.caFile) {
      try {
        accessSync(d.caFile, constants.R_OK);
      } catch {
        throw new InventoryError(`deployment "${d.name}": ca_file ${d.caFile} cannot be read`);
      }
    }
    return { ...d, authkey, ...(password ? { password } : {}) };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
