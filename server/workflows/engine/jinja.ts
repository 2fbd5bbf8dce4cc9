/**
 * Jinja2 template rendering for `jinja_supported` params. MISP hands these to misp-modules'
 * `jinja_template_rendering` (a Jinja2 SandboxedEnvironment rendering the roaming data as context);
 * we render them in-process with nunjucks set up to behave like Jinja2.
 */
import nunjucks from 'nunjucks';

/** Names whose lookup could climb from data to JS internals (our stand-in for Jinja's sandbox). */
const BLOCKED_MEMBERS = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
]);

interface NunjucksRuntime {
  memberLookup: (obj: unknown, val: unknown, ...rest: unknown[]) => unknown;
}

let environment: nunjucks.Environment | undefined;

function isOwnKey(obj: unknown, key: string): boolean {
  return typeof obj === 'object' && obj !== null && Object.hasOwn(obj, key);
}

function getEnvironment(): nunjucks.Environment {
  if (environment) return environment;
  // Jinja compatibility (True/False/None, slices, dict.items()) patches nunjucks' runtime once.
  nunjucks.installJinjaCompat();
  const runtime = (nunjucks as unknown as { runtime: NunjucksRuntime }).runtime;
  const lookup = runtime.memberLookup;
  runtime.memberLookup = function guardedMemberLookup(
    this: unknown,
    obj: unknown,
    val: unknown,
    ...rest: unknown[]
  ) {
    // Jinja's sandbox refuses underscore attributes that are not dict keys; so do we for `__x`.
    if (
      typeof val === 'string' &&
      (BLOCKED_MEMBERS.has(val) || (val.startsWith('__') && !isOwnKey(obj, val)))
    )
      return undefined;
    return lookup.call(this, obj, val, ...rest);
  };
  environment = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  return environment;
}

/**
 * Renders `template` with the top-level keys of `data` as variables (`{{ Event.info }}`).
 * Like misp-modules, a template that fails to render gives ''.
 */
export function renderJinjaTemplate(template: string, data: unknown): string {
  const context = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  try {
    return getEnvironment().renderString(template, context);
  } catch {
    return '';
  }
}
