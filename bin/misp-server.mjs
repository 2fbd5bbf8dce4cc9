#!/usr/bin/env node
// The reference server's own entry point (serve, admin console), independent of the lab.
import { register } from 'tsx/esm/api';
register();
await import('../server/main.ts');
