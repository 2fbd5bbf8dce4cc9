/**
 * Volatile values out, structure in: what two MISPs answering the same request must share. Ids,
 * uuids, timestamps, dates, keys and CSRF tokens differ between any two runs, so they become
 * placeholders; values the run itself chose (the namespaced user email, the event info) become
 * the name of the setup value, so `"{userEmail}"` reads the same on every server.
 */

/** A JSON value's type tree: objects by key, arrays by the union of their elements. */
export type Shape = string | { [key: string]: Shape } | [Shape] | [];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUTH_KEY = /^[A-Za-z0-9]{40}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = /^1\d{9}$/;
/** Ids a database sequence hands out; fixed ids (role_id 3, org_id 1, distribution) stay values. */
const ID_KEY =
  /^(id|event_id|user_id|object_id|attribute_id|tag_id|workflow_id|model_id|job_id|event_tag_id|attribute_tag_id|authkey_id)$/i;
/** Random per record (MISP's nids_sid) or per process. */
const RANDOM_KEY = /^(nids_sid|process_id)$/;
const TIME_KEY =
  /timestamp|^(created|modified|date_created|date_modified|last_login|current_login|last_api_access|last_pw_change|expiration|date|time)$/i;
const SECRET_KEY =
  /^(authkey|authkey_raw|authkey_start|authkey_end|password|confirm_password|totp|otp|gpgkey|certif_public|key)$|token/i;

/** A path segment that is a sequence id: /events/view/17.json, /events/publish/17. */
const ID_SEGMENT = /\/\d+(?=\/|$|\.)/g;

/** Setup values the run chose, by name ({userEmail: "record-1a2b@lab.test", …}). */
export type Substitutions = Record<string, string>;

export function normaliseValue(value: unknown, substitutions: Substitutions, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseValue(item, substitutions, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        normaliseValue(v, substitutions, k),
      ]),
    );
  }
  if (typeof value === 'number') {
    const normalised = normaliseScalar(String(value), key, substitutions);
    return normalised === String(value) ? value : normalised;
  }
  if (typeof value === 'string') return normaliseScalar(value, key, substitutions);
  return value;
}

function normaliseScalar(text: string, key: string, substitutions: Substitutions): string {
  if (text === '') return text;
  if (SECRET_KEY.test(key) && text.length > 0) return '<secret>';
  if (UUID.test(text)) return '<uuid>';
  if (RANDOM_KEY.test(key)) return '<random>';
  if (ID_KEY.test(key) && /^\d+$/.test(text)) return '<id>';
  if (
    TIME_KEY.test(key) &&
    (EPOCH.test(text) || DATETIME.test(text) || DATE.test(text) || /^\d+$/.test(text))
  )
    return text === '0' ? text : '<time>';
  if (DATETIME.test(text)) return '<datetime>';
  if (DATE.test(text)) return '<date>';
  if (EPOCH.test(text)) return '<time>';
  if (key === 'url') return substitute(text, substitutions).replace(ID_SEGMENT, '/<id>');
  if (AUTH_KEY.test(text) && /\d/.test(text) && /[A-Za-z]/.test(text)) return '<authkey>';
  return substitute(text, substitutions);
}

/** Replaces every setup value inside a text by its name, longest first (an email holds the namespace). */
export function substitute(text: string, substitutions: Substitutions): string {
  let out = text;
  for (const [name, value] of Object.entries(substitutions).sort((a, b) => b[1].length - a[1].length)) {
    if (value.length >= 4) out = out.split(value).join(`{${name}}`);
  }
  return out;
}

export function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    return [value.map(shapeOf).reduce(unionShape)];
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return typeof value;
}

/** Two element shapes of one array: keys merged, differing scalar types joined with "|". */
function unionShape(a: Shape, b: Shape): Shape {
  if (isObjectShape(a) && isObjectShape(b)) {
    const merged: Record<string, Shape> = { ...a };
    for (const [key, shape] of Object.entries(b))
      merged[key] = key in merged ? unionShape(merged[key]!, shape) : shape;
    return merged;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    return [unionShape(a[0], b[0])];
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return [...new Set([...a.split('|'), ...b.split('|')])].sort().join('|');
  }
  // An object in one element and a scalar in another: keep both kinds visible.
  return `${describeShape(a)}|${describeShape(b)}`;
}

function isObjectShape(shape: Shape): shape is { [key: string]: Shape } {
  return typeof shape === 'object' && !Array.isArray(shape);
}

function describeShape(shape: Shape): string {
  if (typeof shape === 'string') return shape;
  if (Array.isArray(shape)) return shape.length === 0 ? 'empty array' : 'array';
  return 'object';
}

/** Differences from `recorded` to `observed`, one line each, paths like `Event.Attribute[].value`. */
export function shapeDifferences(recorded: Shape, observed: Shape, path = ''): string[] {
  const at = path === '' ? '(body)' : path;
  if (isObjectShape(recorded) && isObjectShape(observed)) {
    const lines: string[] = [];
    for (const key of Object.keys(recorded)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (!(key in observed)) lines.push(`${child}: missing (MISP has ${describeShape(recorded[key]!)})`);
      else lines.push(...shapeDifferences(recorded[key]!, observed[key]!, child));
    }
    for (const key of Object.keys(observed)) {
      if (!(key in recorded)) lines.push(`${path === '' ? key : `${path}.${key}`}: not in MISP's answer`);
    }
    return lines;
  }
  if (Array.isArray(recorded) && Array.isArray(observed)) {
    // An empty array tells nothing about its elements: only both non-empty are compared.
    if (recorded.length === 0 || observed.length === 0) return [];
    return shapeDifferences(recorded[0], observed[0], `${path}[]`);
  }
  if (typeof recorded === 'string' && typeof observed === 'string' && recorded === observed) return [];
  return [`${at}: ${describeShape(observed)} where MISP has ${describeShape(recorded)}`];
}

/** The value at a path like `Event.info` or `[].Workflow.trigger_id` (arrays: every element). */
export function valueAt(value: unknown, path: string): unknown {
  if (path === '') return value;
  const [head, ...rest] = path.split('.');
  const tail = rest.join('.');
  if (head === '[]') return Array.isArray(value) ? value.map((item) => valueAt(item, tail)) : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return valueAt((value as Record<string, unknown>)[head!], tail);
}

/** A readable sample of a big body: arrays cut to their first items, long strings cut. */
export function sample(value: unknown, maxItems = 3, maxText = 300): unknown {
  if (Array.isArray(value)) {
    const kept = value.slice(0, maxItems).map((item) => sample(item, maxItems, maxText));
    return value.length > maxItems ? [...kept, `… ${value.length - maxItems} more`] : kept;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sample(v, maxItems, maxText)]),
    );
  }
  if (typeof value === 'string' && value.length > maxText) return `${value.slice(0, maxText)}…`;
  return value;
}

/** A redirect target or page path as a path with ids as <id> (hosts and ports differ per server). */
export function normalisePath(location: string, substitutions: Substitutions): string {
  const path = new URL(location, 'http://any.host').pathname;
  return substitute(path, substitutions).replace(ID_SEGMENT, '/<id>');
}
