/**
 * What an auditor needs to know about a run besides its results: which target, which MISP
 * version, the settings that decide the controls' outcome, the tool's version, and when.
 * Collected over MISP's own REST API (like any client), best effort: a failure to read one
 * value is recorded, never fatal. Saved as reports/run-metadata.json so `misp-lab report`
 * can rebuild reports later.
 */
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import type { LabEnvironment } from '../targets/lab-environment.ts';
import type { RunSelection } from './not-run.ts';

export interface RunMetadata {
  /** A UUID per `check` (a merge makes its own). */
  runId?: string;
  target: string | null;
  mispUrl: string | null;
  mispVersion: string | null;
  settings: Record<string, unknown>;
  toolVersion: string;
  cucumberVersion?: string;
  nodeVersion: string;
  startedAt: string | null;
  finishedAt: string | null;
  notes: string[];
  /** How the scenarios were chosen, so every report can say why one did not run. */
  selection?: RunSelection;
}

export const RUN_METADATA_FILE = 'run-metadata.json';

/** The settings whose value changes what the controls mean. */
export const SNAPSHOT_SETTINGS = [
  'Security.otp_required',
  'Security.otp_disabled',
  'Security.otp_issuer',
  'Security.email_otp_enabled',
  'Security.advanced_authkeys',
  'SecureAuth.amount',
  'SecureAuth.expire',
  'MISP.background_jobs',
  'MISP.disable_emailing',
  'Plugin.Workflow_enable',
  'Security.rest_client_enable_arbitrary_urls',
];

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${pkg.name} ${pkg.version}`;
}

export async function collectRunMetadata(env: LabEnvironment | null): Promise<RunMetadata> {
  const meta: RunMetadata = {
    runId: randomUUID(),
    target: env?.target ?? null,
    mispUrl: env?.misp.url ?? null,
    mispVersion: null,
    settings: {},
    toolVersion: toolVersion(),
    nodeVersion: process.version,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    notes: [],
  };
  if (!env) return meta;
  const client = axios.create({
    baseURL: env.misp.url,
    timeout: 5000,
    validateStatus: () => true,
    headers: { Authorization: env.misp.adminAuthKey, Accept: 'application/json' },
    httpsAgent: new Agent({
      ca: env.misp.caFile ? readFileSync(env.misp.caFile) : undefined,
      rejectUnauthorized: env.misp.insecureTls !== true,
    }),
  });
  try {
    const version = await client.get('/servers/getVersion');
    meta.mispVersion = typeof version.data?.version === 'string' ? version.data.version : null;
    if (!meta.mispVersion) meta.notes.push(`GET /servers/getVersion answered HTTP ${version.status}`);
  } catch (error) {
    meta.notes.push(`MISP version unknown: ${(error as Error).message}`);
  }
  for (const name of SNAPSHOT_SETTINGS) {
    try {
      const answer = await client.get(`/servers/getSetting/${encodeURIComponent(name)}`);
      if (answer.status === 200 && answer.data && 'value' in answer.data)
        meta.settings[name] = answer.data.value;
      else meta.settings[name] = `(unreadable: HTTP ${answer.status})`;
    } catch (error) {
      meta.settings[name] = `(unreadable: ${(error as Error).message})`;
    }
  }
  return meta;
}

export function saveRunMetadata(reportsDir: string, meta: RunMetadata): void {
  writeFileSync(join(reportsDir, RUN_METADATA_FILE), `${JSON.stringify(meta, null, 2)}\n`);
}

/** The metadata a previous run saved, or a minimal stand-in when there is none. */
export function readRunMetadata(reportsDir: string): RunMetadata {
  try {
    return JSON.parse(readFileSync(join(reportsDir, RUN_METADATA_FILE), 'utf8')) as RunMetadata;
  } catch {
    return {
      target: null,
      mispUrl: null,
      mispVersion: null,
      settings: {},
      toolVersion: toolVersion(),
      nodeVersion: process.version,
      startedAt: null,
      finishedAt: null,
      notes: ['no run-metadata.json in the reports folder'],
    };
  }
}
