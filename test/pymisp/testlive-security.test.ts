/**
 * MISP 2.5.1's own tests/testlive_security.py against the reference server, with only its
 * config.php helper on the settings API (run_testlive_security.py). Every test that passes on
 * real MISP 2.5.1 (testlive-security-real-misp-2.5.1.json) must pass here, except those listed
 * in TESTLIVE_GAPS with the reason; those must still fail, so the list cannot go stale.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { TESTLIVE_GAPS } from './known-gaps.ts';
import { findMispTests, findPyMisp, runTestliveSecurity } from './pymisp-env.ts';

const onRealMisp = (
  JSON.parse(readFileSync(new URL('./testlive-security-real-misp-2.5.1.json', import.meta.url), 'utf8')) as {
    results: Record<string, string>;
  }
).results;
const env = findPyMisp();
const suite = 'missing' in env ? null : findMispTests();
const missing =
  'missing' in env ? env.missing : suite ? null : 'no MISP_MISP-v2.5.1-tests.tar.xz in the bundle';

describe.skipIf(missing !== null)(
  `MISP's testlive_security.py on the reference server${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: StartedMispServer;
    let results: Record<string, string> = {};

    beforeAll(async () => {
      if ('missing' in env || !suite) return;
      server = await startMispServer();
      // A real MISP always has its baseurl (build.sh sets it): redirects are absolute, as MISP's are.
      server.services.settings.editSetting('MISP.baseurl', server.getUrl(), { cli: true, force: true });
      results = await runTestliveSecurity(env, suite, server.getUrl(), server.getAdmin().authKey);
    }, 600_000);
    afterAll(async () => server?.stop());

    it('runs the whole suite', () => {
      expect(Object.keys(results).sort()).toEqual(Object.keys(onRealMisp).sort());
    });

    for (const [name, outcome] of Object.entries(onRealMisp)) {
      if (outcome !== 'pass') continue;
      const gap = TESTLIVE_GAPS[name];
      if (gap) it.fails(`${name} does not pass yet: ${gap}`, () => expect(results[name]).toBe('pass'));
      else it(`${name} passes as on MISP 2.5.1`, () => expect(results[name]).toBe('pass'));
    }
  },
);
