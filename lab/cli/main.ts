/**
 * misp-lab: start a lab, check a target, report. Every failure the user can cause ends in one
 * clear line on stderr and exit code 2; never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveTimeZone } from '../reporting/i18n.ts';
import { resolveConfig, UsageError, type LabConfig } from './options.ts';

const HELP = `misp-lab: executable compliance lab for MISP (TOTP two-factor login, Workflows)

Usage:
  misp-lab up [--json] [--port-base N] [--host H] [--data-dir DIR] [--target embedded|containers]
      Start a lab for a workshop and keep it up until Ctrl-C. --json prints one JSON line first.
  misp-lab up --attendees N | --roster FILE [--json] [--port-base N] [--host H] [--data-dir DIR]
      A classroom: one MISP per attendee (site admin of their own), one mail catcher and one chat
      shared, the trainer's board (ticks, resets, hand-outs in en and pt-BR) on port base+4.
      Roster: one "Name <email>" or "Name, email" a line.
  misp-lab check [--target embedded|containers|external] [--profile P] [--tags EXPR] [--parallel N]
                 [--reports-dir DIR] [--waivers FILE] [--dry-run] [--shard i/n] [--allow-mutations]
                 [--timezone ZONE] [-- <cucumber options>]
      Run the compliance suite against a target and write every report.
      Exit codes: 0 every non-waived control passed, 1 a control failed, 2 the tool or target failed,
      3 nothing failed but a control was not run (left out by --tags, the profile, @mutates or a shard,
      or skipped, e.g. no MISP_CONSOLE): the reports give the reason per control.
      --timezone ZONE: dates in the reports in this IANA zone (default the machine's).
      External target: a preflight first; @mutates scenarios only with --allow-mutations.
      --shard i/n runs every n-th scenario (reports in <reports-dir>/shard-i-of-n).
  misp-lab check --inventory FILE [--deployments TAGEXPR] [--concurrency N] [--profile P] [--tags EXPR]
                 [--reports-dir DIR] [--shard i/n] [--waivers FILE] [--timezone ZONE]
      A fleet: the profile against every deployment of a YAML inventory (external target, read-only),
      N at a time (default 4); reports per deployment in <reports-dir>/deployments/<name>, the roll-up
      in fleet.json, junit.xml and fleet-report.html. Exit: the worst deployment's (2 > 1 > 3 > 0).
      --shard i/n takes every n-th deployment by name; \`report merge\` joins fleet shards.
  misp-lab cleanup [--ledger FILE]
      Undo on the external target what a crashed run changed (default reports/cleanup-ledger.ndjson).
  misp-lab controls [--tags EXPR] [--json]
      List the control catalogue with scenario counts; --tags dry-runs a tag selection.
  misp-lab report [--reports-dir DIR] [--waivers FILE] [--no-pdf] [--no-allure] [--timezone ZONE]
      Rebuild every report from an existing reports folder without running a test.
  misp-lab report merge DIR... [--reports-dir OUT] [--waivers FILE] [--no-pdf] [--no-allure] [--timezone ZONE]
      One verdict from the shard folders of a CI matrix: every output rebuilt in OUT from their results.
  misp-lab report diff A.json B.json [--fail-on-regression]
      Show the controls whose status changed; with --fail-on-regression exit 1 when one got worse.
  misp-lab --help | --version

Configuration: flags > environment (MISP_LAB_TARGET, MISP_LAB_PORT_BASE, …) > misp-lab.config.json > defaults.
Secrets only from the environment (external target: MISP_URL, MISP_ADMIN_AUTHKEY, MISP_ADMIN_PASSWORD, …).
`;

const COMMON = {
  target: { type: 'string' },
  host: { type: 'string' },
  'port-base': { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
} as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    case '--version':
    case '-v':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'up': {
      const { values } = parse(rest, {
        ...COMMON,
        json: { type: 'boolean', default: false },
        attendees: { type: 'string' },
        roster: { type: 'string' },
      });
      if (values.attendees !== undefined || values.roster !== undefined) {
        const { upRoom } = await import('./room.ts');
        const request = {
          attendees: values.attendees as string | undefined,
          roster: values.roster as string | undefined,
        };
        return upRoom(config(values), request, values.json === true);
      }
      const { up } = await import('./up.ts');
      return up(config(values), values.json === true);
    }
    case 'check': {
      const split = rest.indexOf('--');
      const own = split >= 0 ? rest.slice(0, split) : rest;
      const cucumberArgs = split >= 0 ? rest.slice(split + 1) : [];
      const { values } = parse(own, {
        ...COMMON,
        profile: { type: 'string' },
        tags: { type: 'string' },
        parallel: { type: 'string' },
        'reports-dir': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        waivers: { type: 'string' },
        shard: { type: 'string' },
        'allow-mutations': { type: 'boolean', default: false },
        timezone: { type: 'string' },
        inventory: { type: 'string' },
        concurrency: { type: 'string' },
        deployments: { type: 'string' },
      });
      const { parseShard } = await import('./run-selection.ts');
      const shard = parseShard(typeof values.shard === 'string' ? values.shard : undefined);
      if (typeof values.inventory === 'string') {
        if (cucumberArgs.length > 0 || values['dry-run'] === true)
          throw new UsageError('--inventory takes no Cucumber options and no --dry-run');
        const { checkFleet } = await import('./fleet.ts');
        return checkFleet(config(values), {
          inventory: values.inventory,
          concurrency: wholeNumber('concurrency', values.concurrency, 4, 1, 64),
          ...(typeof values.deployments === 'string' ? { deployments: values.deployments } : {}),
          ...(shard ? { shard } : {}),
          ...(typeof values.waivers === 'string' ? { waiversFile: values.waivers } : {}),
          allowMutations: values['allow-mutations'] === true,
          ...timeZoneOf(values),
        });
      }
      for (const flag of ['concurrency', 'deployments'])
        if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --inventory FILE`);
      const { check } = await import('./check.ts');
      return check(config(values), {
        cucumberArgs,
        dryRun: values['dry-run'] === true,
        waiversFile: typeof values.waivers === 'string' ? values.waivers : undefined,
        allowMutations: values['allow-mutations'] === true,
        shard,
        ...timeZoneOf(values),
      });
    }
    case 'cleanup': {
      const { values } = parse(rest, { ledger: { type: 'string' } });
      const { cleanup } = await import('./cleanup.ts');
      return cleanup(typeof values.ledger === 'string' ? values.ledger : undefined, process.env);
    }
    case 'controls': {
      const { values } = parse(rest, { tags: { type: 'string' }, json: { type: 'boolean', default: false } });
      const { controls } = await import('./controls.ts');
      return controls({ tags: values.tags as string | undefined, json: values.json === true });
    }
    case 'report': {
      if (rest[0] === 'diff') {
        const { positionals, values } = parse(
          rest.slice(1),
          { 'fail-on-regression': { type: 'boolean', default: false } },
          true,
        );
        const { reportDiff } = await import('./report.ts');
        return reportDiff(positionals, values['fail-on-regression'] === true);
      }
      const merging = rest[0] === 'merge';
      const { values, positionals } = parse(
        merging ? rest.slice(1) : rest,
        {
          config: { type: 'string' },
          'reports-dir': { type: 'string' },
          waivers: { type: 'string' },
          'no-pdf': { type: 'boolean', default: false },
          'no-allure': { type: 'boolean', default: false },
          timezone: { type: 'string' },
        },
        merging,
      );
      const options = {
        reportsDir: config(values).reportsDir,
        waiversFile: typeof values.waivers === 'string' ? values.waivers : undefined,
        pdf: values['no-pdf'] !== true,
        allure: values['no-allure'] !== true,
        ...timeZoneOf(values),
      };
      const { report, reportMerge } = await import('./report.ts');
      return merging ? reportMerge(positionals, options) : report(options);
    }
    default:
      throw new UsageError(`unknown command "${command}" (try misp-lab --help)`);
  }
}

type Values = Record<string, string | boolean | undefined>;

function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

function config(values: Values): LabConfig {
  const s = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return resolveConfig(
    {
      target: s('target'),
      host: s('host'),
      portBase: s('port-base'),
      dataDir: s('data-dir'),
      profile: s('profile'),
      tags: s('tags'),
      parallel: s('parallel'),
      reportsDir: s('reports-dir'),
    },
    process.env,
    s('config'),
  );
}

function wholeNumber(name: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${String(raw)}"`);
  return value;
}

/** --timezone, checked now: a bad zone must not fail a run after minutes of testing. */
function timeZoneOf(values: Values): { timeZone?: string } {
  if (typeof values.timezone !== 'string') return {};
  try {
    return { timeZone: resolveTimeZone(values.timezone) };
  } catch (error) {
    throw new UsageError(`--timezone: ${(error as Error).message}`);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `misp-lab ${pkg.version}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`misp-lab: ${error.message}\n`);
    process.exit(2);
  },
);
