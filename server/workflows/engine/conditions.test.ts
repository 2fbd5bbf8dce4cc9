import { describe, expect, it } from 'vitest';
import { evaluateCondition, getItemsMatchingCondition } from './conditions.ts';
import { phpCompare, phpLooseEquals } from './php.ts';

describe('PHP 8 loose comparison', () => {
  it.each([
    [false, '0', true],
    [true, '1', true],
    [true, 'abc', true],
    [null, '', true],
    [null, 0, true],
    [null, '0', false],
    [1, '1', true],
    [1, '01', true],
    ['1e1', '10', true],
    ['abc', 0, false],
    ['1', '1.0', true],
    ['tlp:red', 'TLP:RED', false],
    [[], false, true],
    [['a'], ['a'], true],
    [['a'], 'a', false],
  ])('%j == %j is %s', (a, b, expected) => {
    expect(phpLooseEquals(a, b)).toBe(expected);
  });

  it('orders numeric strings numerically and other strings lexically', () => {
    expect(phpCompare('10', '9')).toBe(1);
    expect(phpCompare('3', 'Low')).toBe(-1);
    expect(phpCompare(2, '10')).toBe(-1);
  });
});

describe('evaluateCondition', () => {
  it('in / not_in need a list', () => {
    expect(evaluateCondition(['tlp:red', 'x'], 'in', 'tlp:red')).toBe(true);
    expect(evaluateCondition('tlp:red', 'in', 'tlp:red')).toBe(false);
    expect(evaluateCondition(['x'], 'not_in', 'tlp:red')).toBe(true);
    expect(evaluateCondition('x', 'not_in', 'tlp:red')).toBe(false);
    expect(evaluateCondition([1, 2], 'in', '2')).toBe(true);
  });

  it('equals / not_equals need a scalar and compare loosely', () => {
    expect(evaluateCondition(false, 'equals', '0')).toBe(true);
    expect(evaluateCondition(true, 'equals', '1')).toBe(true);
    expect(evaluateCondition(['a'], 'equals', 'a')).toBe(false);
    expect(evaluateCondition(['a'], 'not_equals', 'b')).toBe(false);
    expect(evaluateCondition('a', 'not_equals', 'b')).toBe(true);
  });

  it('in_or / not_in_or look for any match', () => {
    expect(evaluateCondition(['a', 'b'], 'in_or', ['b', 'c'])).toBe(true);
    expect(evaluateCondition(['a'], 'in_or', ['c'])).toBe(false);
    expect(evaluateCondition(['a'], 'not_in_or', ['c'])).toBe(true);
    expect(evaluateCondition(['a'], 'in_or', 'a')).toBe(false);
  });

  it('in_and compares sorted matches with the selection, duplicates included (quirk)', () => {
    expect(evaluateCondition(['b', 'x', 'a'], 'in_and', ['a', 'b'])).toBe(true);
    expect(evaluateCondition(['a'], 'in_and', ['a', 'b'])).toBe(false);
    expect(evaluateCondition(['a', 'a'], 'in_and', ['a'])).toBe(false);
  });

  it('not_in_and compares without sorting', () => {
    expect(evaluateCondition(['a', 'b'], 'not_in_and', ['a', 'b'])).toBe(false);
    expect(evaluateCondition(['b', 'a'], 'not_in_and', ['a', 'b'])).toBe(true);
  });

  it('is false for an unknown operator', () => {
    expect(evaluateCondition(['a'], 'contains', 'a')).toBe(false);
  });
});

describe('getItemsMatchingCondition', () => {
  const attributes = [
    { id: '1', type: 'ip-src', Tag: [{ name: 'tlp:red' }] },
    { id: '2', type: 'datetime', Tag: [] },
    { id: '3', type: 'datetime', Tag: [{ name: 'tlp:red' }] },
  ];

  it('keeps matches at their original keys', () => {
    expect(getItemsMatchingCondition(attributes, 'datetime', 'equals', 'type')).toEqual({
      1: attributes[1],
      2: attributes[2],
    });
    expect(getItemsMatchingCondition(attributes, 'ip-src', 'equals', 'type')).toEqual([attributes[0]]);
  });

  it('uses the whole sub-extract for in / not_in', () => {
    expect(getItemsMatchingCondition(attributes, 'tlp:red', 'in', 'Tag.{n}.name')).toEqual({
      0: attributes[0],
      2: attributes[2],
    });
    expect(getItemsMatchingCondition(attributes, 'tlp:red', 'not_in', 'Tag.{n}.name')).toEqual({
      1: attributes[1],
    });
  });

  it('any_value keeps items with a non-empty sub-extract', () => {
    expect(getItemsMatchingCondition(attributes, '', 'any_value', 'Tag.{n}.name')).toEqual({
      0: attributes[0],
      2: attributes[2],
    });
  });

  it('in_or takes a list of values', () => {
    expect(getItemsMatchingCondition(attributes, ['ip-src', 'x'], 'in_or', 'type')).toEqual([attributes[0]]);
  });
});
