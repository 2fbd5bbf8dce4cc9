import { loadConfiguration } from '@cucumber/cucumber/api';
import { describe, expect, it } from 'vitest';
import { applyShard, effectiveTags, parseShard, shardReportsDir } from './run-selection.ts';

async function scenariosOf(shard?: { index: number; total: number }): Promise<string[]> {
  const { runConfiguration } = await loadConfiguration({ profiles: ['default'], provided: [] });
  if (shard) {
    await applyShard(runConfiguration, shard);
    return runConfiguration.sources.paths;
  }
  const { loadSources } = await import('@cucumber/cucumber/api');
  const { plan } = await loadSources(runConfiguration.sources);
  return [...new Set(plan.map((p) => `${p.uri}:${p.location.line}`))];
}

describe('--shard i/n', () => {
  it('splits the scenarios into disjoint shards that together are the whole suite', async () => {
    const all = await scenariosOf();
    const shards = await Promise.all([1, 2, 3].map((index) => scenariosOf({ index, total: 3 })));
    const union = shards.flat();
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual([...all].sort());
    for (const shard of shards) expect(Math.abs(shard.length - all.length / 3)).toBeLessThanOrEqual(1);
    expect(await scenariosOf({ index: 2, total: 3 })).toEqual(shards[1]);
  });

  it('parses i/n and refuses anything else in one line', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0'])
      expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
    expect(shardReportsDir('reports/', { index: 1, total: 2 })).toBe('reports/shard-1-of-2');
  });
});

describe('@mutates on external targets', () => {
  it('is left out unless allowed, and only on the external target', () => {
    expect(effectiveTags(undefined, 'external', false)).toBe('not @mutates');
    expect(effectiveTags('@auth or @lab', 'external', false)).toBe('(@auth or @lab) and not @mutates');
    expect(effectiveTags('@auth', 'external', true)).toBe('@auth');
    expect(effectiveTags('@auth', 'embedded', false)).toBe('@auth');
    expect(effectiveTags(undefined, 'containers', false)).toBeUndefined();
  });
});
