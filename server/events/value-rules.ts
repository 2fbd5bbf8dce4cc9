/**
 * Attribute value rules of MISP 2.5 (facts from AttributeValidationTool, own code): a
 * normalisation before validation (lower-case hashes, compressed IPv6, ISO datetimes with
 * microseconds, ip:port → ip|port) and a check that answers true or MISP's message. A plain
 * `false` stands for the generic "Value not in the right type/format" message.
 */
import { isIP } from 'node:net';

const HASH_LENGTHS: Record<string, number> = {
  md5: 32,
  sha1: 40,
  sha224: 56,
  sha256: 64,
  sha384: 96,
  sha512: 128,
  imphash: 32,
  authentihash: 64,
  'ja3-fingerprint-md5': 32,
  'x509-fingerprint-md5': 32,
  'x509-fingerprint-sha1': 40,
  'x509-fingerprint-sha256': 64,
};

const LOWER_CASED = new Set([...Object.keys(HASH_LENGTHS), 'hostname', 'email', 'email-src', 'email-dst']);
const NO_NEWLINE = new Set(['url', 'uri', 'filename', 'pdb', 'user-agent', 'regkey', 'email-subject']);
const ANYTHING = new Set([
  'text',
  'comment',
  'other',
  'mutex',
  'yara',
  'snort',
  'malware-sample',
  'attachment',
]);

const DOMAIN = /^[A-Z0-9.\-_]+\.[A-Z0-9-]{2,}$/i;
const EMAIL = /^.[^\s]*@.*\..*$/i;
const DIGITS = /^\d+$/;

export function normaliseValue(type: string, raw: string): string {
  const value = raw.trim();
  if (LOWER_CASED.has(type)) return value.toLowerCase();
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return normaliseIp(value);
    case 'domain':
      return value.toLowerCase().replace(/^\.+|\.+$/g, '');
    case 'domain|ip': {
      const [domain, ip, ...rest] = value.toLowerCase().split('|');
      if (ip === undefined || rest.length > 0) return value;
      return `${(domain ?? '').replace(/^\.+|\.+$/g, '')}|${normaliseIp(ip)}`;
    }
    case 'ip-src|port':
    case 'ip-dst|port':
      return normaliseIpPort(value);
    case 'datetime':
      return normaliseDatetime(value) ?? value;
    case 'AS':
      return normaliseAs(value);
  }
  if (type.startsWith('filename|')) {
    const bar = value.indexOf('|');
    return bar < 0 ? value : value.slice(0, bar) + value.slice(bar).toLowerCase();
  }
  return value;
}

export function checkValue(type: string, value: string): true | false | string {
  const hashLength = HASH_LENGTHS[type];
  if (hashLength !== undefined) {
    if (value.length === hashLength && /^[0-9a-f]+$/i.test(value)) return true;
    return `Checksum has an invalid length or format (expected: ${hashLength} hexadecimal characters). Please double check the value or select type "other".`;
  }
  if (type.startsWith('filename|') && HASH_LENGTHS[type.slice(9)] !== undefined) {
    const length = HASH_LENGTHS[type.slice(9)];
    if (new RegExp(`^.+\\|[0-9a-f]{${length}}$`).test(value)) return true;
    return `Checksum has an invalid length or format (expected: filename|${length} hexadecimal characters). Please double check the value or select type "other".`;
  }
  if (ANYTHING.has(type)) return true;
  if (NO_NEWLINE.has(type)) return value.includes('\n') ? 'Value must not contain new line character.' : true;
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return checkIpOrCidr(value);
    case 'ip-src|port':
    case 'ip-dst|port': {
      const [ip = '', port = ''] = value.split('|');
      if (isIP(ip) === 0) return 'IP address has an invalid format.';
      return isPort(port) ? true : 'Port numbers have to be integers between 1 and 65535.';
    }
    case 'port':
      return isPort(value) ? true : 'Port numbers have to be integers between 1 and 65535.';
    case 'hostname':
    case 'domain':
      if (DOMAIN.test(value)) return true;
      return `${type[0]?.toUpperCase()}${type.slice(1)} has an invalid format. Please double check the value or select type "other".`;
    case 'domain|ip': {
      const [domain = '', ip = ''] = value.split('|');
      if (!DOMAIN.test(domain)) return 'Domain has an invalid format.';
      return isIP(ip) === 0 ? 'IP address has an invalid format.' : true;
    }
    case 'email':
    case 'email-src':
    case 'email-dst':
      if (EMAIL.test(value)) return true;
      return 'Email address has an invalid format. Please double check the value or select type "other".';
    case 'link':
      return isUrlWithScheme(value);
    case 'datetime':
      return normaliseDatetime(value) !== null ? true : 'Datetime has to be in the ISO 8601 format.';
    case 'AS':
      if (DIGITS.test(value) && Number(value) <= 4294967295) return true;
      return 'AS number have to be integer between 1 and 4294967295';
  }
  // Types this server has no specific rule for: accepted, as long as they stay on one line.
  return value.includes('\n') ? 'Value must not contain new line character.' : true;
}

function isPort(value: string): boolean {
  return DIGITS.test(value) && Number(value) >= 1 && Number(value) <= 65535;
}

function checkIpOrCidr(value: string): true | string {
  if (!value.includes('/')) return isIP(value) === 0 ? 'IP address has an invalid format.' : true;
  const parts = value.split('/');
  if (parts.length !== 2 || !DIGITS.test(parts[1] ?? '')) return 'Invalid CIDR notation value found.';
  const version = isIP(parts[0] ?? '');
  const range = Number(parts[1]);
  if (version === 4 && range > 32)
    return 'Invalid CIDR notation value found, for IPv4 must be lower or equal 32.';
  if (version === 6 && range > 128)
    return 'Invalid CIDR notation value found, for IPv6 must be lower or equal 128.';
  return version === 0 ? 'IP address has an invalid format.' : true;
}

function isUrlWithScheme(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && url.host !== '';
  } catch {
    return false;
  }
}

/** Compresses IPv6 (as inet_pton/inet_ntop do); /32 and /128 networks become plain addresses. */
function normaliseIp(value: string): string {
  const [address = '', range] = value.split('/', 2);
  const compressed = isIP(address) === 6 ? new URL(`http://[${address}]`).hostname.slice(1, -1) : address;
  if (range === undefined) return compressed;
  if ((range === '32' && address.includes('.')) || (range === '128' && address.includes(':')))
    return compressed;
  return `${compressed}/${range}`;
}

/** ip:port, [v6]:port and ip|port all become ip|port. */
function normaliseIpPort(value: string): string {
  let parts: string[];
  const colons = (value.match(/:/g) ?? []).length;
  if (colons >= 2) {
    if (value.includes('|')) parts = value.split('|');
    else if (value.startsWith('[') && value.includes(']'))
      parts = [value.slice(1, value.indexOf(']')), value.slice(value.indexOf(']') + 2)];
    else parts = [value.slice(0, value.lastIndexOf(':')), value.slice(value.lastIndexOf(':') + 1)];
  } else if (colons === 1) parts = value.split(':');
  else if (value.includes('|')) parts = value.split('|');
  else return value;
  return `${normaliseIp(parts[0] ?? '')}|${parts[1] ?? ''}`;
}

function normaliseAs(value: string): string {
  const number = value.toUpperCase().startsWith('AS') ? value.slice(2) : value;
  const dotted = /^(\d+)\.(\d+)$/.exec(number);
  return dotted ? String(Number(dotted[1]) * 65536 + Number(dotted[2])) : number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * PHP's `(new DateTime($value, GMT))->format('Y-m-d\TH:i:s.uO')`: the offset given is kept, none
 * means GMT. Null when the value is no date.
 */
export function normaliseDatetime(value: string): string | null {
  const match = ISO.exec(value.trim());
  if (match) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
    const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    if (check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    const offset = zone.toUpperCase() === 'Z' ? '+0000' : zone.replace(':', '');
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(6, '0')}${offset}`;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return null;
  const iso = new Date(parsed).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000+0000`;
}
