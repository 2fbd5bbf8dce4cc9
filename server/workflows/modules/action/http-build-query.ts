/** PHP's `http_build_query` for nested arrays (`a[b]=c&a[d][0]=e`), as HttpSocket encodes form bodies. */
import { isPhpArray, phpEntries } from '../../engine/php.ts';

function encode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function pairs(value: unknown, prefix: string): string[] {
  if (isPhpArray(value)) {
    return phpEntries(value).flatMap(([key, child]) =>
      pairs(child, prefix ? `${prefix}[${key}]` : String(key)),
    );
  }
  if (value === null || value === undefined) return [];
  const scalar = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return [`${encode(prefix)}=${encode(scalar)}`];
}

export function httpBuildQuery(data: unknown): string {
  return pairs(data, '').join('&');
}
