import { describe, expect, it } from 'vitest';
import { hashExtract, hashGet, hashInsert, HashPathTypeError, tokenizePath } from './hash-path.ts';

// The users example of CakePHP's Hash documentation, as quoted in MISP's workflow help.
const users = [
  { id: 123, name: 'fred', surname: 'bloggs' },
  { id: 245, name: 'fred', surname: 'smith' },
  { id: 356, name: 'joe', surname: 'smith' },
];

const event = {
  Event: {
    id: '15',
    published: false,
    Tag: [{ name: 'tlp:red' }, { name: 'PAP:RED' }],
    _AttributeFlattened: [
      { id: '16', type: 'ip-src', value: '198.51.100.7', to_ids: true, Tag: [{ name: 'tlp:green' }] },
      { id: '17', type: 'filename', value: 'a.exe', to_ids: false, Tag: [] },
      { id: '18', type: 'datetime', value: '2024-01-01', to_ids: true },
    ],
  },
};

describe('hashExtract', () => {
  it('filters with a condition and reads a key of each match (spec example)', () => {
    expect(hashExtract(users, '{n}[name=fred].id')).toEqual([123, 245]);
  });

  it('returns the whole data for an empty path, and for the PHP-empty path "0"', () => {
    expect(hashExtract(users, '')).toBe(users);
    expect(hashExtract(users, '0')).toBe(users);
  });

  it('treats a path without { or [ as (array) Hash::get', () => {
    expect(hashExtract(event, 'Event.id')).toEqual(['15']);
    expect(hashExtract(event, 'Event.missing')).toEqual([]);
    expect(hashExtract(event, 'Event.Tag')).toEqual(event.Event.Tag);
    expect(hashExtract(event, 'Event.published')).toEqual([false]);
  });

  it('walks {n} over lists and collects a flat list', () => {
    expect(hashExtract(event, 'Event._AttributeFlattened.{n}.Tag.{n}.name')).toEqual(['tlp:green']);
    expect(hashExtract(event, 'Event.Tag.{n}.name')).toEqual(['tlp:red', 'PAP:RED']);
  });

  it('distinguishes {n}, {s} and {*}', () => {
    const data = { 0: 'zero', a: 'letter', 7: 'seven', '1.5': 'float-like' };
    expect(hashExtract(data, '{n}')).toEqual(['zero', 'seven', 'float-like']);
    expect(hashExtract(data, '{s}')).toEqual(['letter', 'float-like']);
    expect(hashExtract(data, '{*}')).toHaveLength(4);
  });

  it('matches numeric literal tokens loosely and string tokens exactly', () => {
    expect(hashExtract({ list: ['a', 'b'] }, 'list.1')).toEqual(['b']);
    expect(hashExtract([{ a: 1 }, { a: 2 }], '{n}.a')).toEqual([1, 2]);
    expect(hashExtract([['x', 'y']], '{n}.1.0')).toEqual(['y']);
  });

  it('supports presence, equality, inequality and ordering conditions', () => {
    const attributes = event.Event._AttributeFlattened;
    expect(hashExtract(attributes, '{n}[Tag].id')).toEqual(['16', '17']);
    expect(hashExtract(attributes, '{n}[type=ip-src].value')).toEqual(['198.51.100.7']);
    expect(hashExtract(attributes, '{n}[type!=ip-src].id')).toEqual(['17', '18']);
    expect(hashExtract(attributes, '{n}[id>16].id')).toEqual(['17', '18']);
    expect(hashExtract(attributes, '{n}[id>=17].id')).toEqual(['17', '18']);
    expect(hashExtract(attributes, '{n}[id<17].id')).toEqual(['16']);
    expect(hashExtract(attributes, '{n}[id<=17].id')).toEqual(['16', '17']);
    expect(hashExtract(attributes, '{n}[type=datetime][to_ids=1].id')).toEqual(['18']);
  });

  it('compares booleans as 1/0 against numbers and as true/false otherwise', () => {
    const attributes = event.Event._AttributeFlattened;
    expect(hashExtract(attributes, '{n}[to_ids=1].id')).toEqual(['16', '18']);
    expect(hashExtract(attributes, '{n}[to_ids=0].id')).toEqual(['17']);
    expect(hashExtract(attributes, '{n}[to_ids=true].id')).toEqual(['16', '18']);
    expect(hashExtract(attributes, '{n}[to_ids=false].id')).toEqual(['17']);
  });

  it('supports regular expression conditions, with flags', () => {
    const attributes = event.Event._AttributeFlattened;
    expect(hashExtract(attributes, '{n}[value=/^198\\./].id')).toEqual(['16']);
    expect(hashExtract(attributes, '{n}[value=/A\\.EXE/i].id')).toEqual(['17']);
  });

  it('keeps dots inside brackets in one token', () => {
    expect(tokenizePath('{n}[value=198.51.100.7].id')).toEqual(['{n}[value=198.51.100.7]', 'id']);
    expect(hashExtract(event.Event._AttributeFlattened, '{n}[value=198.51.100.7].id')).toEqual(['16']);
  });

  it('wraps scalars like PHP (array) casts when a wildcard meets them', () => {
    expect(hashExtract(['a', 'b'], '{n}.{n}')).toEqual(['a', 'b']);
    expect(hashExtract([null], '{n}.{n}')).toEqual([]);
  });

  it('refuses data that is not an array, as PHP would with a TypeError', () => {
    expect(() => hashExtract('text', '{n}')).toThrow(HashPathTypeError);
  });
});

describe('hashGet', () => {
  it('walks literal keys and returns the default on a missing or null value', () => {
    expect(hashGet(event, 'Event.id')).toBe('15');
    expect(hashGet(event, 'Event.Tag.1.name')).toBe('PAP:RED');
    expect(hashGet(event, 'Event.nothing', 'fallback')).toBe('fallback');
    expect(hashGet({ a: null }, 'a', [])).toEqual([]);
    expect(hashGet({ a: false }, 'a', 'x')).toBe(false);
  });

  it('does not understand {n} or conditions', () => {
    expect(hashGet(event, 'Event.Tag.{n}.name', [])).toEqual([]);
  });

  it('returns the default for empty data', () => {
    expect(hashGet({}, 'a', 'd')).toBe('d');
    expect(hashGet([], '0', 'd')).toBe('d');
  });
});

describe('hashInsert', () => {
  it('replaces the value at a simple path without touching the input', () => {
    const result = hashInsert(event, 'Event._AttributeFlattened', { 2: 'kept' }) as typeof event;
    expect(result.Event._AttributeFlattened).toEqual({ 2: 'kept' });
    expect(event.Event._AttributeFlattened).toHaveLength(3);
  });

  it('creates missing levels', () => {
    expect(hashInsert({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
  });

  it('writes under every {n} match', () => {
    expect(hashInsert({ list: [{ a: 1 }, { a: 2 }] }, 'list.{n}.b', 0)).toEqual({
      list: [
        { a: 1, b: 0 },
        { a: 2, b: 0 },
      ],
    });
  });

  it('merges into each match when the path ends with a wildcard', () => {
    expect(hashInsert({ list: [{ a: 1 }] }, 'list.{n}', { b: 2 })).toEqual({ list: [{ a: 1, b: 2 }] });
  });

  it('honours conditions', () => {
    const data = [
      { type: 'a', v: 1 },
      { type: 'b', v: 2 },
    ];
    expect(hashInsert(data, '{n}[type=b].v', 9)).toEqual([
      { type: 'a', v: 1 },
      { type: 'b', v: 9 },
    ]);
  });
});
