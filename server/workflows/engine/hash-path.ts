/**
 * CakePHP 2 `Hash::extract`, `Hash::get` and `Hash::insert`, the path language of MISP workflows
 * (spec §3.10). Written from the documented behaviour of lib/Cake/Utility/Hash.php.
 */
import {
  isPhpArray,
  phpArrayMerge,
  phpCompare,
  phpEmpty,
  phpEntries,
  phpGet,
  phpIsNumeric,
  phpLooseEquals,
  phpSet,
  phpToArray,
  phpToString,
  type PhpArray,
  type PhpKey,
} from './php.ts';

/** Thrown where PHP would raise a TypeError (a Hash function given something that is not an array). */
export class HashPathTypeError extends Error {}

function requireArray(data: unknown, fn: string): PhpArray {
  if (!isPhpArray(data)) {
    throw new HashPathTypeError(
      `Hash::${fn}(): Argument #1 ($data) must be of type array, ${describe(data)} given`,
    );
  }
  return data;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/**
 * Splits on `.` outside brackets and trims each token (CakeText::tokenize), so that a condition like
 * `[value=1.2.3.4]` stays in one token.
 */
export function tokenizePath(path: string): string[] {
  if (path === '') return [];
  const tokens: string[] = [];
  let depth = 0;
  let buffer = '';
  for (const char of path) {
    if (char === '.' && depth === 0) {
      tokens.push(buffer);
      buffer = '';
      continue;
    }
    if (char === '[') depth++;
    if (char === ']') depth--;
    buffer += char;
  }
  tokens.push(buffer);
  return tokens.map((token) => token.trim());
}

function splitPath(path: string): string[] {
  return path.includes('[') ? tokenizePath(path) : path.split('.');
}

function splitConditions(token: string): [string, string | null] {
  const at = token.indexOf('[');
  return at === -1 ? [token, null] : [token.slice(0, at), token.slice(at)];
}

function matchToken(key: PhpKey, token: string): boolean {
  switch (token) {
    case '{n}':
      return phpIsNumeric(key);
    case '{s}':
      return typeof key === 'string';
    case '{*}':
      return true;
    default:
      return phpIsNumeric(token) ? phpLooseEquals(key, token) : key === token;
  }
}

const CONDITION = /(\[([^=><!]+?)(\s*([><!]?=|[><])\s*(\/.*?\/|[^\]]+))?\])/g;

/** A PCRE literal such as `/^ip-/i` turned into a JS RegExp; null when PHP would fail to compile it. */
function pcreToRegExp(literal: string): RegExp | null {
  const delimiter = literal[0];
  const end = delimiter === undefined ? -1 : literal.lastIndexOf(delimiter);
  if (end <= 0) return null;
  const flags = [...literal.slice(end + 1)].filter((flag) => 'imsu'.includes(flag)).join('');
  try {
    return new RegExp(literal.slice(1, end), flags);
  } catch {
    return null;
  }
}

function matchesConditions(data: PhpArray, selector: string): boolean {
  for (const condition of selector.matchAll(CONDITION)) {
    const attr = condition[2] as string;
    const op = condition[4] ?? null;
    const val = condition[5] ?? null;
    const raw = phpGet(data, attr);
    const isSet = raw !== undefined && raw !== null;
    if (phpEmpty(op) && phpEmpty(val) && !isSet) return false;
    if (raw === undefined) return false;
    let prop: unknown = isSet ? raw : null;
    if (typeof prop === 'boolean') {
      prop = phpIsNumeric(val) ? (prop ? '1' : '0') : prop ? 'true' : 'false';
    }
    if (op === '=' && val !== null && !phpEmpty(val) && val[0] === '/') {
      const regexp = pcreToRegExp(val);
      if (regexp === null || !regexp.test(phpToString(prop))) return false;
    } else if (
      (op === '=' && !phpLooseEquals(prop, val)) ||
      (op === '!=' && phpLooseEquals(prop, val)) ||
      (op === '>' && phpCompare(prop, val) <= 0) ||
      (op === '<' && phpCompare(prop, val) >= 0) ||
      (op === '>=' && phpCompare(prop, val) < 0) ||
      (op === '<=' && phpCompare(prop, val) > 0)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * `Hash::get`: walks literal keys only and returns `defaultValue` when a key is missing or null.
 */
export function hashGet(data: unknown, path: string | number | null, defaultValue: unknown = null): unknown {
  if (phpEmpty(data) || path === null) return defaultValue;
  let cursor: unknown = data;
  for (const key of String(path).split('.')) {
    const next = isPhpArray(cursor) ? phpGet(cursor, key) : undefined;
    if (next === undefined || next === null) return defaultValue;
    cursor = next;
  }
  return cursor;
}

/**
 * `Hash::extract`: every value matching the path, as a flat list. An empty path returns the data
 * itself, and a path without `{` or `[` returns `(array) Hash::get(data, path)`.
 */
export function hashExtract(data: unknown, path: string | null | undefined): PhpArray {
  const array = requireArray(data, 'extract');
  if (path === null || path === undefined || phpEmpty(path)) return array;
  if (!/[{[]/.test(path)) return phpToArray(hashGet(array, path));
  let context: unknown[] = [array];
  for (const rawToken of splitPath(path)) {
    const [token, conditions] = splitConditions(rawToken);
    let next: unknown[] = [];
    for (const item of context) {
      for (const [key, value] of phpEntries(phpToArray(item))) {
        if (matchToken(key, token)) next.push(value);
      }
    }
    if (conditions) {
      next = next.filter((item) => isPhpArray(item) && matchesConditions(item, conditions));
    }
    context = next;
  }
  return context;
}

function simpleInsert(data: PhpArray, keys: string[], values: unknown): PhpArray {
  const [key, ...rest] = keys;
  if (key === undefined) return data;
  if (rest.length === 0) return phpSet(data, key, values);
  const child = phpGet(data, key);
  const childArray = isPhpArray(child) ? child : [];
  return phpSet(data, key, simpleInsert(childArray, rest, values));
}

/**
 * `Hash::insert`: returns a copy of `data` with `values` written at `path`. With `{n}`/`{s}` or
 * conditions the value is written under every match; a final wildcard merges with `array_merge`.
 */
export function hashInsert(data: unknown, path: string, values: unknown): PhpArray {
  const array = requireArray(data, 'insert');
  const tokens = splitPath(path);
  if (!path.includes('{') && !path.includes('[')) return simpleInsert(array, tokens, values);
  const [first, ...rest] = tokens;
  const nextPath = rest.join('.');
  const [token, conditions] = splitConditions(first ?? '');
  let result: PhpArray = array;
  for (const [key, value] of phpEntries(array)) {
    if (!matchToken(key, token)) continue;
    if (conditions && !matchesConditions(requireArray(value, '_matches'), conditions)) continue;
    const replaced = nextPath
      ? hashInsert(value, nextPath, values)
      : phpArrayMerge(requireArray(value, 'insert'), phpToArray(values));
    result = phpSet(result, key, replaced);
  }
  return result;
}

/** The three operations under CakePHP's names, for code that reads like MISP's. */
export const Hash = { extract: hashExtract, get: hashGet, insert: hashInsert } as const;
