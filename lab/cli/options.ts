/**
 * Configuration precedence: flags > environment > config file > defaults. Secrets (passwords,
 * keys, tokens) come only from the environment: a config file that holds one is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export class UsageError extends Error {}

export type TargetName = 'embedded' | 'containers' | 'external';

export interface LabConfig {
  target: TargetName;
  host: string;
  portBase: number;
  dataDir?: string;
  reportsDir: string;
  profile: string;
  tags?: string;
  parallel: number;
}

const DEFAULTS: LabConfig = {
  target: 'embedded',
  host: '127.0.0.1',
  portBase: 0,
  reportsDir: 'reports',
  profile: 'default',
  parallel: 0,
};

const ENV_NAMES: Record<keyof LabConfig, string> = {
  target: 'MISP_LAB_TARGET',
  host: 'MISP_LAB_HOST',
  portBase: 'MISP_LAB_PORT_BASE',
  dataDir: 'MISP_LAB_DATA_DIR',
  reportsDir: 'MISP_LAB_REPORTS_DIR',
  profile: 'MISP_LAB_PROFILE',
  tags: 'MISP_LAB_TAGS',
  parallel: 'MISP_LAB_PARALLEL',
};

const SECRET_KEYS = /password|authkey|auth_key|token|secret/i;

export function resolveConfig(
  flags: Partial<Record<keyof LabConfig, string | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
  configFile?: string,
): LabConfig {
  const file = readConfigFile(
    configFile ?? env.MISP_LAB_CONFIG ?? 'misp-lab.config.json',
    configFile !== undefined,
  );
  const pick = (key: keyof LabConfig): string | undefined => flags[key] ?? env[ENV_NAMES[key]] ?? file[key];
  const config: LabConfig = { ...DEFAULTS };
  const target = pick('target');
  if (target !== undefined) {
    if (!['embedded', 'containers', 'external'].includes(target)) {
      throw new UsageError(`--target must be embedded, containers or external, got "${target}"`);
    }
    config.target = target as TargetName;
  }
  config.host = pick('host') ?? config.host;
  config.portBase = integer('port-base', pick('portBase'), config.portBase, 0, 65_000);
  config.parallel = integer('parallel', pick('parallel'), config.parallel, 0, 16);
  config.dataDir = pick('dataDir');
  config.reportsDir = pick('reportsDir') ?? config.reportsDir;
  config.profile = pick('profile') ?? config.profile;
  config.tags = pick('tags');
  return config;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readConfigFile(path: string, required: boolean): Partial<Record<keyof LabConfig, string>> {
  const full = resolve(path);
  if (!existsSync(full)) {
    if (required) throw new UsageError(`config file ${full} does not exist`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new UsageError(`config file ${full} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`config file ${full} must hold a JSON object`);
  }
  const secret = Object.keys(parsed).find((k) => SECRET_KEYS.test(k));
  if (secret)
    throw new UsageError(`config file ${full} holds "${secret}": secrets come only from the environment`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}
