#!/usr/bin/env node
// The reference server's own entry point (serve, admin console), independent of the lab.
// It runs from a plain-JavaScript bundle of server/ (server-bundle.mjs), or from the TypeScript
// sources through tsx where no bundle can be built (MISP_SERVER_FROM_SOURCES=1 asks for that).
import { pathToFileURL } from 'node:url';
import { serverBundle } from './server-bundle.mjs';

const bundle = serverBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/main.ts');
}
