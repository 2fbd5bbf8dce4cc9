/**
 * MISP's console (`cake Admin …`) as the target offers it in env.misp.console. Run with
 * execFile (no shell, so no quoting surprises); stdout, stderr and the exit code are evidence.
 */
import { execFile } from 'node:child_process';
import type { LabWorld } from '../../support/world.ts';
import { redact } from '../../support/redact.ts';

export interface ConsoleRun {
  commandLine: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const NO_CONSOLE_REASON =
  'this target gives no access to MISP\'s console (env.misp.console is not set): scenarios tagged @console need "cake Admin"';

export async function runConsole(world: LabWorld, args: string[]): Promise<ConsoleRun> {
  const shell = world.env.misp.console;
  if (!shell || shell.command.length === 0) throw new Error(NO_CONSOLE_REASON);
  const [command = '', ...prefix] = shell.command;
  const run = await new Promise<ConsoleRun>((resolve, reject) => {
    execFile(
      command,
      [...prefix, ...args],
      { env: { ...process.env, ...shell.env }, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        if (code === null) {
          reject(new Error(`MISP's console could not run (${command}): ${error?.message}`));
          return;
        }
        resolve({ commandLine: ['cake Admin', ...args].join(' '), stdout, stderr, exitCode: code });
      },
    );
  });
  world.attach(
    redact(
      `$ ${run.commandLine}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}--- exit code ${run.exitCode}`,
    ),
    { mediaType: 'text/plain', fileName: 'console.txt' },
  );
  return run;
}
