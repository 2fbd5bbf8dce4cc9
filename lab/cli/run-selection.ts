/**
 * Which scenarios a `check` runs beyond the user's own tags: on an external target the ones that
 * change settings or data (`@mutates`) only when asked for, and with `--shard i/n` every n-th
 * scenario, chosen by feature file and line so that every machine of a CI matrix agrees.
 */
import { loadSources, type IRunConfiguration } from '@cucumber/cucumber/api';
import { MUTATES_TAG } from '../reporting/not-run.ts';
import { UsageError } from './options.ts';

export interface Shard {
  /** 1-based, as people count machines. */
  index: number;
  total: number;
}

export function parseShard(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n (e.g. 2/4), got "${raw}"`);
  }
  return { index, total };
}

/** The tag expression to run: the user's, without @mutates on an external target unless allowed. */
export function effectiveTags(
  userTags: string | undefined,
  target: string,
  allowMutations: boolean,
): string | undefined {
  if (target !== 'external' || allowMutations) return userTags;
  return userTags ? `(${userTags}) and not ${MUTATES_TAG}` : `not ${MUTATES_TAG}`;
}

/**
 * What a profile sets out to check. A control outside its scope is reported as out of the
 * profile's scope and does not make the run "not run" (exit 3): `--profile posture` audits a
 * deployment and can pass; `ci` and, on the lab's own targets, `default` leave the posture
 * controls out (a lab set up scenario by scenario is not a deployment to audit). Any other
 * profile or selection keeps the rule that what did not run is not a pass.
 */
export function profileScope(profile: string, target: string): string | undefined {
  if (profile === 'posture') return POSTURE_TAG;
  if (profile === 'ci' || (profile === 'default' && target !== 'external')) return `not ${POSTURE_TAG}`;
  return undefined;
}

export const POSTURE_TAG = '@posture';

/** The expression Cucumber runs: the selection within the profile's scope. */
export function withinScope(tags: string | undefined, scope: string | undefined): string | undefined {
  if (!scope) return tags;
  return tags ? `(${tags}) and ${scope}` : scope;
}

/** Each shard writes its own reports folder, so a CI matrix can collect and merge them. */
export function shardReportsDir(reportsDir: string, shard: Shard | undefined): string {
  return shard ? `${reportsDir.replace(/\/+$/, '')}/shard-${shard.index}-of-${shard.total}` : reportsDir;
}

/**
 * Narrows the run to this shard's scenarios (feature uri:line, sorted, every n-th). Returns how
 * many it kept; 0 means this shard has nothing to run.
 */
export async function applyShard(runConfiguration: IRunConfiguration, shard: Shard): Promise<number> {
  const { plan, errors } = await loadSources(runConfiguration.sources);
  if (errors.length > 0) throw new UsageError(`cannot parse the features: ${errors[0]?.message ?? ''}`);
  const all = [...new Set(plan.map((pickle) => `${pickle.uri}:${pickle.location.line}`))].sort(
    compareLocations,
  );
  const mine = all.filter((_, position) => position % shard.total === shard.index - 1);
  runConfiguration.sources.paths = mine;
  return mine.length;
}

function compareLocations(a: string, b: string): number {
  const [fileA = '', lineA = '0'] = a.split(/:(?=\d+$)/);
  const [fileB = '', lineB = '0'] = b.split(/:(?=\d+$)/);
  return fileA === fileB ? Number(lineA) - Number(lineB) : fileA < fileB ? -1 : 1;
}
