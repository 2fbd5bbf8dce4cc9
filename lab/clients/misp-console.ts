/**
 * MISP's console (`cake Admin …`) as a target offers it: an argv prefix such as
 * `sudo -u www-data /var/www/MISP/app/Console/cake Admin`, or `misp-server admin` on the embedded
 * lab. Run with execFile (no shell, so no quoting surprises). Some settings can only be changed
 * here: MISP 2.5.1 answers 405 "This setting can only be edited via the CLI." for them over HTTP
 * (e.g. Security.rest_client_enable_arbitrary_urls).
 */
import { execFile } from 'node:child_process';

export interface ConsoleShell {
  command: string[];
  env?: Record<string, string>;
}

export interface ConsoleRun {
  /** As MISP's docs write it ("cake Admin setSetting …"), whatever the prefix really is. */
  commandLine: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class MispConsole {
  constructor(private readonly shell: ConsoleShell) {
    if (shell.command.length === 0) throw new Error('MISP console: an empty command');
  }

  run(args: string[]): Promise<ConsoleRun> {
    const [command = '', ...prefix] = this.shell.command;
    return new Promise<ConsoleRun>((resolve, reject) => {
      execFile(
        command,
        [...prefix, ...args],
        { env: { ...process.env, ...this.shell.env }, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
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
  }

  /** `setSetting <name> <value> --force`; a non-zero exit is an error carrying MISP's own words. */
  async setSetting(name: string, value: unknown): Promise<ConsoleRun> {
    const args = value === null ? ['setSetting', name, '--null'] : ['setSetting', name, consoleValue(value)];
    const run = await this.run([...args, '--force']);
    if (run.exitCode !== 0)
      throw new Error(
        `cake Admin setSetting ${name} exited ${run.exitCode}: ${run.stderr.trim() || run.stdout.trim()}`,
      );
    return run;
  }
}

/** The words `cake Admin setSetting` takes for a JSON value: true/false, numbers, text as is. */
export function consoleValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
