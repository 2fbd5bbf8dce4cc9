/**
 * Latency of a synchronous publish (`POST /events/publish/<id>/disable_background_processing:1`)
 * on an in-memory reference server over HTTP: with workflows off, and through the Example A
 * workflow on event-publish (an event it lets through, so the whole graph is walked). Event
 * creation is not timed. Figures, not assertions.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startMispServer } from '../server/app.ts';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function measurePublish(runs: number): Promise<Record<string, number>> {
  const server = await startMispServer({ settings: { 'MISP.background_jobs': true } });
  const key = server.getAdmin().authKey;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(server.getUrl() + path, {
      method,
      headers: { Authorization: key, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const timePublishes = async (): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const event = await call('POST', '/events/add', { Event: { info: `bench ${i}`, distribution: 1 } });
      await call('POST', `/attributes/add/${event.Event.id}`, {
        type: 'ip-dst',
        value: `198.51.100.${i % 250}`,
      });
      const start = performance.now();
      await call('POST', `/events/publish/${event.Event.id}/disable_background_processing:1`);
      samples.push(performance.now() - start);
    }
    return samples;
  };
  try {
    await timePublishes(); // warm-up: JIT and SQLite caches, so the first figure is not penalised
    const off = await timePublishes();
    await call('POST', '/servers/serverSettingsEdit/Plugin.Workflow_enable', { value: true });
    await call('POST', '/workflows/toggleModule/event-publish/1/1');
    const opened = await call('GET', '/workflows/editor/event-publish');
    const graph = readFileSync(new URL('../fixtures/workflows/example-a.json', import.meta.url), 'utf8');
    await call('POST', `/workflows/edit/${opened.Workflow.id}`, { Workflow: { data: graph } });
    const through = await timePublishes();
    const counter = Number(
      (await call('GET', `/workflows/view/${opened.Workflow.id}.json`)).Workflow.counter,
    );
    if (counter !== runs) throw new Error(`Example A ran ${counter} times for ${runs} publishes`);
    return { 'workflows off (ms)': median(off), 'through Example A (ms)': median(through) };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measurePublish(Number(process.argv[2] ?? 20)));
}
