/**
 * Seeded generators for the route fuzz test: every value comes from one PRNG, so a failure
 * prints a seed and a case number that replay it exactly (FUZZ_SEED=…).
 */
export type Random = () => number;

/** mulberry32: small, fast, good enough to pick test cases. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** Path arguments: ids that overflow, are negative, not numbers, encoded oddly or traverse. */
export const ODD_IDS = [
  '1',
  '0',
  '-1',
  '2147483648',
  '99999999999999999999999',
  '1.5',
  'abc',
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%92%A9',
  'me',
  '00000000-0000-0000-0000-000000000000',
  'a'.repeat(300),
  'named:param',
  '__proto__',
];

export const ODD_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFEFF\u202E\u200B',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 💩',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{{ 6*7 }}',
  '${7*7}',
  'x'.repeat(70_000),
  '../../../../etc/passwd',
];

const ODD_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [1, [2, [3]]],
  { $ne: 1 },
  ...ODD_STRINGS,
];

const MODELS = [
  'User',
  'Event',
  'Attribute',
  'Object',
  'Tag',
  'Server',
  'Workflow',
  'AuthKey',
  'Role',
  'Log',
];
const FIELDS = [
  'id',
  'email',
  'password',
  'info',
  'value',
  'type',
  'name',
  'data',
  'value',
  'role_id',
  'org_id',
  'distribution',
  'otp',
  'expiration',
  'allowed_ips',
  'read_only',
  'trigger_id',
  'enabled',
  'page',
  'limit',
  'force',
];

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** A JSON-able value shaped like MISP input, with wrong types, prototype keys and odd strings. */
export function oddObject(random: Random): unknown {
  const model = pick(random, MODELS);
  const inner: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(random() * 4); i += 1)
    inner[pick(random, FIELDS)] = pick(random, ODD_VALUES);
  const variants: unknown[] = [
    { [model]: inner },
    inner,
    JSON.parse(
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"${model}":${JSON.stringify(inner)}}`,
    ),
    nested(40),
    [inner, inner],
    pick(random, ODD_VALUES),
  ];
  return pick(random, variants);
}

export interface FuzzBody {
  contentType?: string;
  body?: string;
  label: string;
}

/** A request body: JSON (valid and not), form fields (Cake names, prototype keys), multipart. */
export function oddBody(random: Random): FuzzBody {
  const kind = Math.floor(random() * 9);
  switch (kind) {
    case 0:
      return { label: 'none' };
    case 1:
      return { label: 'json', contentType: 'application/json', body: JSON.stringify(oddObject(random)) };
    case 2:
      return {
        label: 'malformed json',
        contentType: 'application/json',
        body: pick(random, ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"a":"\\ud800"}', "{'a':1}"]),
      };
    case 3:
      return {
        label: 'deep json',
        contentType: 'application/json',
        body: '['.repeat(5000) + ']'.repeat(5000),
      };
    case 4: {
      const name = pick(random, [
        '__proto__[x]',
        'data[__proto__][y]',
        'constructor[prototype][z]',
        'data[User][email]',
        `data${'[a]'.repeat(70)}`,
        'data[Event][info]',
        '_method',
        'data[_Token][key]',
      ]);
      const value = pick(random, ['1', 'PUT', 'DELETE', ...ODD_STRINGS.slice(0, 9)]);
      return {
        label: 'form',
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams([[name, value]]).toString(),
      };
    }
    case 5:
      return {
        label: 'many fields',
        contentType: 'application/x-www-form-urlencoded',
        body: Array.from({ length: 1200 }, (_, i) => `f${i}=1`).join('&'),
      };
    case 6:
      return {
        label: 'malformed multipart',
        contentType: 'multipart/form-data; boundary=zz',
        body: pick(random, [
          '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
          '--zz--',
          'garbage',
          '--zz\r\n\r\n\r\n--zz--',
        ]),
      };
    case 7:
      return {
        label: 'huge multipart',
        contentType: 'multipart/form-data; boundary=zz',
        body: `--zz\r\nContent-Disposition: form-data; name="data[Event][info]"\r\n\r\n${'h'.repeat(1_200_000)}\r\n--zz--\r\n`,
      };
    default:
      return {
        label: 'wrong type',
        contentType: pick(random, ['text/plain', 'application/xml', 'application/json; charset=latin1', '']),
        body: '<a>1</a>',
      };
  }
}

/** What must never appear in an answer: a stack frame, a source path, an internal module name. */
export const LEAK_PATTERNS = [
  /\n\s+at .+\(.+:\d+:\d+\)/,
  /\/work\//,
  /node_modules/,
  /\.ts:\d+/,
  /\bTypeError\b|\bRangeError\b|\bSqliteError\b/,
];
