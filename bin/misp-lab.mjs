#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step between a checkout and a lab.
import { register } from 'tsx/esm/api';
register();
await import('../lab/cli/main.ts');
