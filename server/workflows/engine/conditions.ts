/**
 * Condition evaluation shared by IF modules and filters (WorkflowBaseModule::evaluateCondition,
 * getItemsMatchingCondition), with PHP's loose comparisons (spec §3.5, §3.8).
 */
import { hashExtract, HashPathTypeError } from './hash-path.ts';
import {
  isPhpArray,
  phpEmpty,
  phpEntries,
  phpFromEntries,
  phpGet,
  phpInArray,
  phpLooseEquals,
  phpSort,
  phpValues,
  type PhpArray,
  type PhpKey,
} from './php.ts';

export type ConditionOperator =
  'in' | 'not_in' | 'equals' | 'not_equals' | 'any_value' | 'in_or' | 'in_and' | 'not_in_or' | 'not_in_and';

function listsLooselyEqual(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => phpLooseEquals(value, b[index]));
}

/**
 * `evaluateCondition($data, $operator, $value)`. `in_and` compares the sorted matches, duplicates
 * included, with the sorted selection (so two attributes carrying the same tag make it false);
 * `not_in_and` compares without sorting. Unknown operators are false.
 */
export function evaluateCondition(data: unknown, operator: string, value: unknown): boolean {
  switch (operator) {
    case 'in':
      return isPhpArray(data) && phpInArray(value, data);
    case 'not_in':
      return isPhpArray(data) && !phpInArray(value, data);
    case 'equals':
      return !isPhpArray(data) && phpLooseEquals(data, value);
    case 'not_equals':
      return !isPhpArray(data) && !phpLooseEquals(data, value);
    case 'in_or':
    case 'in_and':
    case 'not_in_or':
    case 'not_in_and': {
      if (!isPhpArray(data) || !isPhpArray(value)) return false;
      const matching = phpValues(data).filter((item) => phpInArray(item, value));
      if (operator === 'in_or') return matching.length > 0;
      if (operator === 'not_in_or') return matching.length === 0;
      if (operator === 'in_and') return listsLooselyEqual(phpSort(matching), phpSort(value));
      return !listsLooselyEqual(matching, phpValues(value));
    }
    default:
      return false;
  }
}

/**
 * `extractData`: the data itself for an empty path, else `Hash::extract`; false where PHP's
 * extract would throw an Exception. A non-array item makes PHP raise a TypeError, which is
 * not caught there, so it propagates here too.
 */
export function extractData(data: unknown, path: string | null | undefined): unknown {
  if (phpEmpty(path)) return data;
  return hashExtract(data, path);
}

/** `$subItem[0]`: key 0 of an array, first character of a string, null otherwise. */
function firstElement(subItem: unknown): unknown {
  if (isPhpArray(subItem)) return phpGet(subItem, 0) ?? null;
  if (typeof subItem === 'string') return subItem[0] ?? null;
  return null;
}

/**
 * Keeps the items whose sub-extract at `path` satisfies operator/value, at their original keys.
 * For equals/not_equals the first extracted element is compared; `any_value` keeps items whose
 * sub-extract is non-empty.
 */
export function getItemsMatchingCondition(
  items: unknown,
  value: unknown,
  operator: string,
  path: string,
): PhpArray {
  if (!isPhpArray(items)) {
    throw new HashPathTypeError('foreach() argument must be of type array|object');
  }
  const kept: [PhpKey, unknown][] = [];
  for (const [key, item] of phpEntries(items)) {
    let subItem = extractData(item, path);
    if (operator === 'equals' || operator === 'not_equals') {
      subItem = phpEmpty(subItem) ? subItem : firstElement(subItem);
    }
    if (operator === 'any_value' && !phpEmpty(subItem)) {
      kept.push([key, item]);
    } else if (evaluateCondition(subItem, operator, value)) {
      kept.push([key, item]);
    }
  }
  return phpFromEntries(kept);
}
