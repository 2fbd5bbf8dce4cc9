/** A file of an npm package in node_modules, served as is: the server ships no copy and loads nothing remote. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Handler } from './context.ts';

const require = createRequire(import.meta.url);
const cache = new Map<string, Buffer>();

export function packageAsset(specifier: string, contentType: string): Handler {
  return () => {
    let body = cache.get(specifier);
    if (body === undefined) {
      body = readFileSync(require.resolve(specifier));
      cache.set(specifier, body);
    }
    return new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType, 'cache-control': 'max-age=3600' },
    });
  };
}
