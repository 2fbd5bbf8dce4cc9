/**
 * `misp-lab report merge`: the shard folders of a CI matrix become one run. Their Cucumber
 * message streams are joined into one stream (the sources and pickles once, every shard's test
 * cases mapped onto them), their Allure results pooled, their metadata combined; every output
 * is then rebuilt from that as for a single run, so 3 shards give the verdict one run gives.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { TimeConversion, type Envelope, type Pickle } from '@cucumber/messages';
import { readRunMetadata, saveRunMetadata, RUN_METADATA_FILE, type RunMetadata } from './run-metadata.ts';
import { readEnvelopes } from './run-results.ts';

export class MergeError extends Error {}

const MESSAGES = 'cucumber-messages.ndjson';
/** Shared by every shard (same sources): taken from the first one only. */
const SOURCE_KINDS = ['meta', 'source', 'gherkinDocument', 'pickle', 'parameterType'] as const;

/** Writes the merged inputs (messages, cucumber-report.html, metadata, allure-results) into `into`. */
export async function mergeShards(shardDirs: string[], into: string): Promise<void> {
  if (shardDirs.length === 0) throw new MergeError('report merge needs at least one shard folder');
  for (const dir of shardDirs)
    if (!existsSync(join(dir, MESSAGES)))
      throw new MergeError(`${dir} has no ${MESSAGES}: not the reports folder of a shard that ran`);
  const streams = shardDirs.map((dir) => readEnvelopes(join(dir, MESSAGES)));
  const merged = mergeStreams(streams, shardDirs);
  writeFileSync(join(into, MESSAGES), merged.map((e) => JSON.stringify(e)).join('\n') + '\n');
  await writeCucumberHtml(merged, join(into, 'cucumber-report.html'));
  saveRunMetadata(into, mergeMetadata(shardDirs));
  const allure = join(into, 'allure-results');
  mkdirSync(allure, { recursive: true });
  // Allure names every result file by a UUID: shards never collide.
  for (const dir of shardDirs)
    if (existsSync(join(dir, 'allure-results')))
      for (const name of readdirSync(join(dir, 'allure-results')))
        cpSync(join(dir, 'allure-results', name), join(allure, name), { recursive: true });
}

/** One stream from many: exported for tests. */
export function mergeStreams(streams: Envelope[][], names: string[]): Envelope[] {
  const { base, basePickles } = unionOfSources(streams);
  const ranIn = new Map<string, string>();
  const runs: Envelope[] = [];
  let startedAt: Envelope['testRunStarted'];
  let finishedAt: Envelope['testRunFinished'];
  streams.forEach((stream, index) => {
    const mine = picklesByKey(stream);
    const pickleMap = new Map<string, Pickle>();
    const ownPickles = new Map([...mine.values()].map((p) => [p.id, p]));
    for (const [key, pickle] of mine) {
      const target = basePickles.get(key);
      if (!target || target.steps.length !== pickle.steps.length)
        throw new MergeError(
          `${names[index]} ran other feature files than ${names[0]}: not shards of one run`,
        );
      pickleMap.set(pickle.id, target);
    }
    for (const e of stream) {
      if (e.testRunStarted) {
        if (!startedAt || ms(e.testRunStarted.timestamp) < ms(startedAt.timestamp))
          startedAt = e.testRunStarted;
      } else if (e.testRunFinished) {
        const success = (finishedAt?.success ?? true) && e.testRunFinished.success;
        if (!finishedAt || ms(e.testRunFinished.timestamp) > ms(finishedAt.timestamp))
          finishedAt = { ...e.testRunFinished, success };
        else finishedAt = { ...finishedAt, success };
      } else if (e.testCase) {
        const pickle = pickleMap.get(e.testCase.pickleId)!;
        const own = ownPickles.get(e.testCase.pickleId)!;
        const where = ranIn.get(pickle.id);
        if (where !== undefined)
          throw new MergeError(
            `"${pickle.name}" ran in both ${where} and ${names[index]}: not shards of one run`,
          );
        ranIn.set(pickle.id, names[index]!);
        const stepIds = new Map(own.steps.map((s, i) => [s.id, pickle.steps[i]!.id]));
        runs.push({
          testCase: {
            ...e.testCase,
            pickleId: pickle.id,
            testSteps: e.testCase.testSteps.map((s) =>
              s.pickleStepId ? { ...s, pickleStepId: stepIds.get(s.pickleStepId)! } : s,
            ),
          },
        });
      } else if (!SOURCE_KINDS.some((k) => k in e) && !e.suggestion && !e.undefinedParameterType) {
        runs.push(e);
      }
    }
  });
  return [
    ...base,
    ...(startedAt ? [{ testRunStarted: startedAt }] : []),
    ...runs,
    ...(finishedAt ? [{ testRunFinished: finishedAt }] : []),
  ];
}

/**
 * Each shard loads only its own feature files: the merged sources are their union, each
 * document and pickle once (Cucumber's meta and parameter types from the first shard).
 */
function unionOfSources(streams: Envelope[][]): { base: Envelope[]; basePickles: Map<string, Pickle> } {
  const base: Envelope[] = [];
  const basePickles = new Map<string, Pickle>();
  const seen = new Set<string>();
  streams.forEach((stream, index) => {
    const keyOf = new Map([...picklesByKey(stream)].map(([key, pickle]) => [pickle.id, key]));
    for (const e of stream) {
      const key = e.source
        ? `source:${e.source.uri}`
        : e.gherkinDocument
          ? `document:${e.gherkinDocument.uri}`
          : e.pickle
            ? `pickle:${keyOf.get(e.pickle.id)}`
            : (e.meta || e.parameterType) && index === 0
              ? `first:${base.length}`
              : undefined;
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      base.push(e);
      if (e.pickle) basePickles.set(keyOf.get(e.pickle.id)!, e.pickle);
    }
  });
  return { base, basePickles };
}

/** Pickles keyed by feature file and position in it: ids differ per run, the order does not. */
function picklesByKey(stream: Envelope[]): Map<string, Pickle> {
  const seen = new Map<string, number>();
  const byKey = new Map<string, Pickle>();
  for (const e of stream) {
    if (!e.pickle) continue;
    const n = seen.get(e.pickle.uri) ?? 0;
    seen.set(e.pickle.uri, n + 1);
    byKey.set(`${e.pickle.uri}\0${n}\0${e.pickle.name}`, e.pickle);
  }
  return byKey;
}

function ms(t: { seconds: number; nanos: number }): number {
  return TimeConversion.timestampToMillisecondsSinceEpoch(t);
}

function mergeMetadata(shardDirs: string[]): RunMetadata {
  const all = shardDirs.map((dir) => {
    if (!existsSync(join(dir, RUN_METADATA_FILE)))
      throw new MergeError(`${dir} has no ${RUN_METADATA_FILE}: not the reports folder of a check run`);
    return readRunMetadata(dir);
  });
  const first = all[0]!;
  // Embedded and containers shards each start their own lab (own ports); external ones share one MISP.
  const differs = all.find(
    (m) => m.target !== first.target || (m.target === 'external' && m.mispUrl !== first.mispUrl),
  );
  if (differs)
    throw new MergeError(
      `the shards checked different targets (${first.target} ${first.mispUrl ?? ''} and ${differs.target} ${differs.mispUrl ?? ''})`,
    );
  const times = (pick: (m: RunMetadata) => string | null) =>
    all
      .map(pick)
      .filter((t): t is string => !!t)
      .sort();
  // The merged run is every shard together: no scenario was left to "another shard", and the
  // files one shard did not load another did (run-results drops those the stream knows).
  const selection = {
    ...(first.selection ?? { profile: 'default', mutationsLeftOut: false, cucumberArgs: [] }),
  };
  delete selection.shard;
  // Per feature file, from the first shard that lists it (outline examples share a line).
  const outside = new Map<string, NonNullable<typeof selection.outside>>();
  for (const m of all) {
    const mine = new Map<string, NonNullable<typeof selection.outside>>();
    for (const p of m.selection?.outside ?? []) mine.set(p.uri, [...(mine.get(p.uri) ?? []), p]);
    for (const [uri, list] of mine) if (!outside.has(uri)) outside.set(uri, list);
  }
  selection.outside = [...outside.values()].flat();
  return {
    ...first,
    runId: randomUUID(),
    startedAt: times((m) => m.startedAt)[0] ?? null,
    finishedAt: times((m) => m.finishedAt).at(-1) ?? null,
    notes: [
      ...new Set(all.flatMap((m) => m.notes)),
      `merged from ${all.length} shards: ${all.map((m) => m.runId ?? '?').join(', ')}`,
    ],
    selection,
  };
}

async function writeCucumberHtml(envelopes: Envelope[], file: string): Promise<void> {
  const html = new CucumberHtmlStream();
  const out = createWriteStream(file);
  html.pipe(out);
  for (const e of envelopes) html.write(e);
  html.end();
  await finished(out);
}
