/**
 * `misp-server admin …`: MISP's `app/Console/cake Admin` for settings, with its exact output and
 * exit codes (spec §2.1): success on stdout and 0; "Error: <title>" plus the message on stderr and 1.
 */
import type { SettingsService } from '../settings/settings-service.ts';
import { display } from '../settings/settings-service.ts';
import type { SettingDefinition, SettingValue } from '../settings/definitions.ts';

export interface ConsoleIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function runAdminShell(args: string[], settings: SettingsService, io: ConsoleIo): number {
  const [command, ...rest] = args;
  switch (command) {
    case 'setSetting':
      return setSetting(rest, settings, io);
    case 'getSetting':
      return getSetting(rest, settings, io);
    default:
      io.err(`Error: Unknown command "${command ?? ''}". Available: setSetting, getSetting.`);
      return 1;
  }
}

function setSetting(args: string[], settings: SettingsService, io: ConsoleIo): number {
  const force = args.some((a) => a === '--force' || a === '-f');
  const toNull = args.some((a) => a === '--null' || a === '-n');
  const [name, rawValue] = args.filter((a) => !a.startsWith('-') || /^-\d/.test(a));
  const fail = (title: string, message?: string): number => {
    io.err(`Error: ${title}`);
    if (message !== undefined) io.err(message);
    return 1;
  };
  if (!name) return fail('No setting name provided.');
  if (toNull && rawValue !== undefined)
    return fail('Trying to set setting to null value, but value was provided.');
  if (!toNull && rawValue === undefined) return fail('No setting value provided.');
  const definition = settings.definition(name);
  if (!definition) {
    return fail(
      'Setting change rejected.',
      `Invalid setting "${name}". Please make sure that the setting that you are attempting to change exists and if a module parameter, the modules are running.`,
    );
  }
  let value: SettingValue = null;
  if (!toNull) {
    const converted = convertCliValue(definition, rawValue as string);
    if ('error' in converted) return fail(converted.error, converted.message);
    value = converted.value;
  }
  const outcome = settings.editSetting(name, value, { force, cli: true });
  if (!outcome.ok) return fail(outcome.title, outcome.message);
  io.out(`Setting "${name}" changed to ${display(outcome.value)}`);
  return 0;
}

function getSetting(args: string[], settings: SettingsService, io: ConsoleIo): number {
  const name = args[0] ?? 'all';
  if (name === 'all') {
    io.out(
      JSON.stringify(
        settings.definitions().map((d) => consoleSetting(settings, d)),
        null,
        4,
      ),
    );
    return 0;
  }
  const definition = settings.definition(name);
  if (!definition) {
    io.out(`No valid setting found for ${name}`);
    return 1;
  }
  io.out(JSON.stringify(consoleSetting(settings, definition), null, 4));
  return 0;
}

/**
 * A setting as `cake Admin getSetting` prints it: MISP reads it from serverSettingsRead, so the
 * description carries the test's errorMessage (null when the value passes), the tab it is listed
 * under and its full name as `setting`, where the API's description has `name`.
 */
function consoleSetting(settings: SettingsService, definition: SettingDefinition): Record<string, unknown> {
  const { name, ...described } = settings.describe(definition);
  return { ...described, errorMessage: null, tab: String(name).split('.')[0], setting: name };
}

type Converted = { value: SettingValue } | { error: string; message?: string };

/** AppShell::toBoolean for booleans; numeric strings for numbers (true/false map to 1/0). */
export function convertCliValue(definition: SettingDefinition, raw: string): Converted {
  if (definition.type === 'boolean') {
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === '1') return { value: true };
    if (lower === 'false' || lower === '0') return { value: false };
    return { error: `Invalid state value \`${raw}\`, it must be \`true\`, \`false\`, \`1\`, or \`0\`.` };
  }
  if (definition.type === 'numeric') {
    if (/^-?\d+(\.\d+)?$/.test(raw.trim())) return { value: Math.trunc(Number(raw)) };
    if (raw.toLowerCase() === 'true') return { value: 1 };
    if (raw.toLowerCase() === 'false') return { value: 0 };
    return {
      error: `Setting "${definition.name}" change rejected.`,
      message: `Provided value ${raw} is not a number.`,
    };
  }
  return { value: raw };
}
