/**
 * MISP's console (`cake Admin …`) as the target offers it in env.misp.console; stdout, stderr
 * and the exit code are attached as evidence.
 */
import { MispConsole, type ConsoleRun } from '../../../lab/clients/misp-console.ts';
import type { LabWorld } from '../../support/world.ts';
import { redact } from '../../support/redact.ts';

export type { ConsoleRun };

export const NO_CONSOLE_REASON =
  'this target gives no access to MISP\'s console (env.misp.console is not set): scenarios tagged @console need "cake Admin"';

export async function runConsole(world: LabWorld, args: string[]): Promise<ConsoleRun> {
  const shell = world.env.misp.console;
  if (!shell || shell.command.length === 0) throw new Error(NO_CONSOLE_REASON);
  const run = await new MispConsole(shell).run(args);
  world.attach(
    redact(
      `$ ${run.commandLine}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}--- exit code ${run.exitCode}`,
    ),
    { mediaType: 'text/plain', fileName: 'console.txt' },
  );
  return run;
}
