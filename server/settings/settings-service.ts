/**
 * MISP's setting rules (Server::serverSettingsEditValue and friends): lookup, type conversion,
 * beforeHooks that run even when forced, tests that --force skips, logging of every change.
 * Routes and the console are thin shells around editSetting().
 */
import type { LogActor, LogService } from '../logs/log-service.ts';
import { TRIGGER_IDS } from '../workflows/trigger-ids.ts';
import { ENRICHMENT_MODULE_SETTINGS, enrichmentSettingDefinition } from '../workflows/enrichment-settings.ts';
import {
  STATIC_SETTINGS,
  triggerSettingDefinition,
  type SettingDefinition,
  type SettingValue,
} from './definitions.ts';
import type { SettingsStore } from './store.ts';

export type EditOutcome =
  | { ok: true; value: SettingValue; previous: SettingValue }
  | {
      ok: false;
      kind: 'unknown' | 'invalid' | 'rejected' | 'cli_only';
      title: string;
      /** The console's full text (spec §2.1). */
      message: string;
      /** The bare reason, as the web UI and REST answers show it in "errors" (spec §2.3). */
      reason: string;
    };

export interface EditOptions {
  force?: boolean;
  cli?: boolean;
  actor?: LogActor;
}

const DESCRIBE_ORDER = [
  'level',
  'description',
  'value',
  'test',
  'beforeHook',
  'afterHook',
  'type',
  'options',
  'bigField',
  'redacted',
  'cli_only',
  'null',
  'name',
] as const;

export class SettingsService {
  private readonly staticByName = new Map(STATIC_SETTINGS.map((d) => [d.name, d]));

  constructor(
    private readonly store: SettingsStore,
    private readonly logs: LogService,
  ) {}

  /** Current definitions, dynamic trigger switches included while the workflow plugin is on. */
  definitions(): SettingDefinition[] {
    const dynamic =
      this.get('Plugin.Workflow_enable') === true ? TRIGGER_IDS.map(triggerSettingDefinition) : [];
    const enrichment =
      this.get('Plugin.Enrichment_services_enable') === true ? ENRICHMENT_MODULE_SETTINGS : [];
    return [...STATIC_SETTINGS, ...dynamic, ...enrichment];
  }

  definition(name: string): SettingDefinition | undefined {
    const known = this.staticByName.get(name);
    if (known) return known;
    const enrichment = enrichmentSettingDefinition(name);
    if (enrichment) return this.get('Plugin.Enrichment_services_enable') === true ? enrichment : undefined;
    const trigger = /^Plugin\.Workflow_triggers_(.+)$/.exec(name)?.[1];
    if (
      trigger &&
      this.get('Plugin.Workflow_enable') === true &&
      (TRIGGER_IDS as readonly string[]).includes(trigger)
    ) {
      return triggerSettingDefinition(trigger);
    }
    return undefined;
  }

  /** The effective value: stored, else the definition's default. Unknown names give undefined. */
  get(name: string): SettingValue | undefined {
    const stored = this.store.get(name);
    if (stored !== undefined) return stored;
    return (
      this.staticByName.get(name)?.value ??
      enrichmentSettingDefinition(name)?.value ??
      (name.startsWith('Plugin.Workflow_triggers_') ? false : undefined)
    );
  }

  bool(name: string): boolean {
    return this.get(name) === true;
  }

  number(name: string): number {
    const value = this.get(name);
    return typeof value === 'number' ? value : Number(value ?? 0);
  }

  string(name: string): string {
    const value = this.get(name);
    return value === null || value === undefined ? '' : String(value);
  }

  /** getSetting's shape: the definition with the current value, keys in MISP's order. */
  describe(definition: SettingDefinition): Record<string, unknown> {
    const described: Record<string, unknown> = { ...definition, value: this.get(definition.name) ?? null };
    return Object.fromEntries(
      DESCRIBE_ORDER.filter((key) => described[key] !== undefined).map((key) => [key, described[key]]),
    );
  }

  editSetting(name: string, value: SettingValue, options: EditOptions = {}): EditOutcome {
    const definition = this.definition(name);
    if (!definition) {
      return {
        ok: false,
        kind: 'unknown',
        title: 'Setting change rejected.',
        message: `Invalid setting "${name}". Please make sure that the setting that you are attempting to change exists and if a module parameter, the modules are running.`,
        reason: `Setting ${name} is invalid.`,
      };
    }
    if (definition.cli_only && !options.cli) {
      return {
        ok: false,
        kind: 'cli_only',
        title: 'Setting change rejected.',
        message: 'This setting can only be edited via the CLI.',
        reason: 'This setting can only be edited via the CLI.',
      };
    }
    const hookResult = this.runBeforeHook(definition, value);
    if (hookResult !== true) {
      this.logs.write({
        title: 'Server setting issue',
        model: 'Server',
        action: 'serverSettingsEdit',
        actor: options.actor,
        change: `There was an issue witch changing ${name} to ${display(value)}. The error message returned is: ${hookResult}No changes were made.`,
      });
      return {
        ok: false,
        kind: 'rejected',
        title: 'Setting change rejected.',
        message: rejectionMessage(hookResult),
        reason: hookResult,
      };
    }
    const normalised = value === null ? null : normalise(definition, value);
    if (normalised === null && !definition.null) {
      return {
        ok: false,
        kind: 'rejected',
        title: 'Setting change rejected.',
        message: rejectionMessage('Value could not be null.'),
        reason: 'Value could not be null.',
      };
    }
    if (normalised !== null && !options.force) {
      const failure = runTest(definition, normalised);
      if (failure !== null)
        return {
          ok: false,
          kind: 'rejected',
          title: 'Setting change rejected.',
          message: rejectionMessage(failure),
          reason: failure,
        };
    }
    const previous = this.get(name) ?? null;
    this.store.set(name, normalised);
    this.logs.write({
      title: 'Server setting changed',
      model: 'Server',
      action: 'serverSettingsEdit',
      actor: options.actor,
      change: `${name} (${logDisplay(previous)}) => (${logDisplay(normalised)})`,
    });
    return { ok: true, value: normalised, previous };
  }

  private runBeforeHook(definition: SettingDefinition, value: SettingValue): true | string {
    // MISP's hooks test the raw value with PHP truthiness (so the string "false" enables too).
    const enabling = value !== null && phpBool(typeof value === 'string' ? value.trim() : value);
    switch (definition.beforeHook) {
      case 'otpBeforeHook':
        if (enabling && this.bool('LinOTPAuth.enabled'))
          return 'The TOTP and LinOTPAuth should not be used at the same time.';
        return true;
      case 'email_otpBeforeHook':
        if (enabling && this.bool('MISP.disable_emailing')) {
          return 'Emailing is currently disabled. Enabling OTP without e-mailing being configured would lock all users out.';
        }
        return true;
      default:
        return true;
    }
  }
}

function normalise(definition: SettingDefinition, value: Exclude<SettingValue, null>): SettingValue {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (definition.type === 'boolean') return typeof trimmed === 'boolean' ? trimmed : phpBool(trimmed);
  if (definition.type === 'numeric') {
    if (typeof trimmed === 'boolean') return trimmed ? 1 : 0;
    return phpInt(trimmed);
  }
  return String(trimmed);
}

/** PHP's (int) cast: the leading integer of a string, 0 when there is none ("abc" gives 0). */
export function phpInt(value: string | number): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return Math.trunc(n);
  const leading = /^\s*[+-]?\d+/.exec(value);
  return leading ? parseInt(leading[0], 10) : 0;
}

/** PHP's (bool) cast of a scalar: "", "0" and 0 are false, everything else is true (so "false" is true). */
export function phpBool(value: string | number | boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return value !== '' && value !== '0';
}

function runTest(definition: SettingDefinition, value: SettingValue): string | null {
  switch (definition.test) {
    case 'testBool':
      return typeof value === 'boolean'
        ? null
        : "Value is not a boolean, make sure that you convert 'true' to true for example.";
    case 'testBoolFalse':
      if (typeof value !== 'boolean')
        return "Value is not a boolean, make sure that you convert 'true' to true for example.";
      return value
        ? 'It is highly recommended that this setting is disabled. Make sure you understand the impact of having this setting turned on.'
        : null;
    case 'testForNumeric':
      return typeof value === 'number' ? null : 'This setting has to be a number.';
    case 'testForEmpty':
      return value === '' ? 'Value not set.' : null;
    case 'testBaseURL':
      return value === '' || /^https?:\/\/[^\s/]+/.test(String(value))
        ? null
        : 'Invalid baseurl, please make sure that the protocol is set.';
    default:
      // testParanoidSkipDb only gives advice, and only while MISP.log_paranoid is on: never a refusal.
      return null;
  }
}

function rejectionMessage(reason: string): string {
  return `The setting change was rejected. MISP considers the requested setting value as invalid and would lead to the following error:\n\n"${reason}"\n\nIf you still want to force this change, please supply the --force argument.\n`;
}

/** How the console prints a value: strings in double quotes, the rest JSON-encoded. */
export function display(value: SettingValue): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function logDisplay(value: SettingValue): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  return value === null ? '' : String(value);
}
