/**
 * PHP value semantics that MISP's workflow code relies on, for data shaped like decoded JSON.
 *
 * A PHP array is either a list (JS array, keys 0..n-1) or a map (plain object). PHP keeps keys
 * such as "5" as integers, so map keys that look like integers are treated as numbers. After an
 * `unset()` a list may have gaps; we then hold it as a map with the surviving keys, which is what
 * PHP's json_encode would print too.
 */

export type PhpKey = string | number;
export type PhpMap = { [key: string]: unknown };
export type PhpArray = unknown[] | PhpMap;

export function isPlainObject(value: unknown): value is PhpMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isPhpArray(value: unknown): value is PhpArray {
  return Array.isArray(value) || isPlainObject(value);
}

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;

/** The key PHP would store: integer-like strings become numbers. */
export function phpKey(key: PhpKey): PhpKey {
  if (typeof key === 'number') return Math.trunc(key);
  if (INT_KEY.test(key)) {
    const n = Number(key);
    if (Number.isSafeInteger(n)) return n;
  }
  return key;
}

export function phpEntries(array: PhpArray): [PhpKey, unknown][] {
  if (Array.isArray(array)) return array.map((value, index) => [index, value]);
  return Object.entries(array).map(([key, value]) => [phpKey(key), value]);
}

export function phpValues(array: PhpArray): unknown[] {
  return Array.isArray(array) ? [...array] : Object.values(array);
}

export function phpCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return value === null || value === undefined ? 0 : 1;
}

/** Builds a PHP array from entries: a list when the keys are exactly 0..n-1, else a map. */
export function phpFromEntries(entries: [PhpKey, unknown][]): PhpArray {
  if (entries.every(([key], index) => key === index)) return entries.map(([, value]) => value);
  const map: PhpMap = {};
  for (const [key, value] of entries) map[String(key)] = value;
  return map;
}

/** `isset($array[$key])`-style read: undefined when the key is absent. */
export function phpGet(array: unknown, key: PhpKey): unknown {
  const normalised = phpKey(key);
  if (Array.isArray(array)) {
    return typeof normalised === 'number' && normalised >= 0 && normalised < array.length
      ? array[normalised]
      : undefined;
  }
  if (isPlainObject(array) && Object.hasOwn(array, String(normalised))) return array[String(normalised)];
  return undefined;
}

export function phpHasKey(array: unknown, key: PhpKey): boolean {
  const normalised = phpKey(key);
  if (Array.isArray(array))
    return typeof normalised === 'number' && normalised >= 0 && normalised < array.length;
  return isPlainObject(array) && Object.hasOwn(array, String(normalised));
}

/** `$array[$key] = $value` on a copy; a list turns into a map when the key would leave a gap. */
export function phpSet(array: PhpArray, key: PhpKey, value: unknown): PhpArray {
  const normalised = phpKey(key);
  if (Array.isArray(array)) {
    if (typeof normalised === 'number' && normalised >= 0 && normalised <= array.length) {
      const copy = [...array];
      copy[normalised] = value;
      return copy;
    }
    return { ...phpFromEntriesAsMap(phpEntries(array)), [String(normalised)]: value };
  }
  return { ...array, [String(normalised)]: value };
}

function phpFromEntriesAsMap(entries: [PhpKey, unknown][]): PhpMap {
  const map: PhpMap = {};
  for (const [key, value] of entries) map[String(key)] = value;
  return map;
}

/** `(array) $value`. */
export function phpToArray(value: unknown): PhpArray {
  if (isPhpArray(value)) return value;
  if (value === null || value === undefined) return [];
  return [value];
}

/** `array_merge`: numeric keys are renumbered, string keys overwrite. */
export function phpArrayMerge(...arrays: PhpArray[]): PhpArray {
  const entries: [PhpKey, unknown][] = [];
  const stringIndex = new Map<string, number>();
  let nextIndex = 0;
  for (const array of arrays) {
    for (const [key, value] of phpEntries(array)) {
      if (typeof key === 'number') {
        entries.push([nextIndex++, value]);
      } else if (stringIndex.has(key)) {
        const at = stringIndex.get(key) as number;
        entries[at] = [key, value];
      } else {
        stringIndex.set(key, entries.length);
        entries.push([key, value]);
      }
    }
  }
  return phpFromEntries(entries);
}

export function phpToBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** PHP's `empty()`. */
export function phpEmpty(value: unknown): boolean {
  return !phpToBool(value);
}

const NUMERIC_STRING = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;

/** PHP 8's `is_numeric()`. */
export function phpIsNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) || Number.isNaN(value);
  return typeof value === 'string' && NUMERIC_STRING.test(value);
}

function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.trim());
}

/** PHP's string form of a scalar, as used when comparing a number with a non-numeric string. */
export function phpToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value;
  return 'Array';
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareStrings(a: string, b: string): -1 | 0 | 1 {
  if (phpIsNumeric(a) && phpIsNumeric(b)) return sign(toNumber(a) - toNumber(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PHP 8's `<=>` for the values found in decoded JSON. */
export function phpCompare(a: unknown, b: unknown): -1 | 0 | 1 {
  const left = a === undefined ? null : a;
  const right = b === undefined ? null : b;
  if (left === null && typeof right === 'string') return compareStrings('', right);
  if (right === null && typeof left === 'string') return compareStrings(left, '');
  if (typeof left === 'boolean' || typeof right === 'boolean' || left === null || right === null) {
    return sign(Number(phpToBool(left)) - Number(phpToBool(right)));
  }
  const leftArray = isPhpArray(left);
  const rightArray = isPhpArray(right);
  if (leftArray && rightArray) return compareArrays(left, right);
  if (leftArray) return 1;
  if (rightArray) return -1;
  if (typeof left === 'number' && typeof right === 'number') return sign(left - right);
  if (typeof left === 'number' && typeof right === 'string') {
    return phpIsNumeric(right) ? sign(left - toNumber(right)) : compareStrings(phpToString(left), right);
  }
  if (typeof left === 'string' && typeof right === 'number') {
    return phpIsNumeric(left) ? sign(toNumber(left) - right) : compareStrings(left, phpToString(right));
  }
  return compareStrings(phpToString(left), phpToString(right));
}

function compareArrays(a: PhpArray, b: PhpArray): -1 | 0 | 1 {
  const countDiff = sign(phpCount(a) - phpCount(b));
  if (countDiff !== 0) return countDiff;
  for (const [key, value] of phpEntries(a)) {
    if (!phpHasKey(b, key)) return 1;
    const diff = phpCompare(value, phpGet(b, key));
    if (diff !== 0) return diff;
  }
  return 0;
}

/** PHP 8's loose `==`. */
export function phpLooseEquals(a: unknown, b: unknown): boolean {
  const left = a === undefined ? null : a;
  const right = b === undefined ? null : b;
  if (isPhpArray(left) && isPhpArray(right)) {
    if (phpCount(left) !== phpCount(right)) return false;
    return phpEntries(left).every(
      ([key, value]) => phpHasKey(right, key) && phpLooseEquals(value, phpGet(right, key)),
    );
  }
  if (isPhpArray(left) !== isPhpArray(right) && left !== null && right !== null) {
    if (typeof left !== 'boolean' && typeof right !== 'boolean') return false;
  }
  return phpCompare(left, right) === 0;
}

/** `in_array($needle, $haystack)` without strict mode. */
export function phpInArray(needle: unknown, haystack: unknown): boolean {
  if (!isPhpArray(haystack)) return false;
  return phpValues(haystack).some((value) => phpLooseEquals(value, needle));
}

/** `sort()`: values ordered with PHP comparison, keys renumbered. */
export function phpSort(array: PhpArray): unknown[] {
  return phpValues(array).sort((x, y) => phpCompare(x, y));
}

/** `intval()` for the scalars found in JSON. */
export function phpIntval(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const match = /^[ \t\n\r\v\f]*[+-]?\d+/.exec(value);
    return match ? Number.parseInt(match[0].trim(), 10) : 0;
  }
  if (isPhpArray(value)) return phpCount(value) > 0 ? 1 : 0;
  return 0;
}

/** PHP arrays are values: a deep copy keeps callers from sharing state, like PHP's copy-on-write. */
export function phpCopy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
