/** Without a container engine, the containers target says so in one line and exits 2, fast. */
import { describe, expect, it } from 'vitest';
import { runCli } from './support.ts';

const env = (dockerHost: string | undefined) => {
  const copy: NodeJS.ProcessEnv = { ...process.env };
  delete copy.MISP_LAB_TARGET;
  if (dockerHost === undefined) delete copy.DOCKER_HOST;
  else copy.DOCKER_HOST = dockerHost;
  return copy;
};

describe('containers target without an engine', () => {
  it('check: a missing socket gives one line and exit 2', async () => {
    const run = await runCli(
      ['check', '--target', 'containers', '--reports-dir', '.scratch/no-engine'],
      env('unix:///nonexistent/engine.sock'),
      60_000,
    );
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^misp-lab: the containers target needs a Docker-API container engine: the socket \/nonexistent\/engine\.sock does not exist/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('up: a socket nobody serves gives one line and exit 2', async () => {
    // A path that exists but is no socket: connecting fails at once.
    const run = await runCli(['up', '--target', 'containers'], env(`unix://${import.meta.filename}`), 60_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nothing answers on .*engine-missing\.test\.ts/);
  });
});
