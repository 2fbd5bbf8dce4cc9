/**
 * The PyMISP 2.5.1 differential battery against the reference server: every call must answer
 * as real MISP 2.5.1 answered it (test/pymisp/real-misp-2.5.1.json, recorded with
 * scripts/pymisp-battery.ts --record). Calls listed in known-gaps.ts must still differ.
 * Skipped, with the reason, where Debian's python3 or PyMISP 2.5.1 is not available.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { KNOWN_GAPS } from './known-gaps.ts';
import { findPyMisp, observationText, runBattery, type Observation } from './pymisp-env.ts';

const recorded = (
  JSON.parse(readFileSync(new URL('./real-misp-2.5.1.json', import.meta.url), 'utf8')) as {
    calls: Observation[];
  }
).calls;
const env = findPyMisp();
const skipReason = 'missing' in env ? ` (skipped: ${env.missing})` : '';

describe.skipIf('missing' in env)(`PyMISP 2.5.1 battery on the reference server${skipReason}`, () => {
  let server: StartedMispServer;
  const answers = new Map<string, string>();

  beforeAll(async () => {
    if ('missing' in env) return;
    server = await startMispServer();
    // A real MISP always has its baseurl (build.sh sets it): redirects are absolute, as MISP's are.
    server.services.settings.editSetting('MISP.baseurl', server.getUrl(), { cli: true, force: true });
    for (const call of await runBattery(env, server.getUrl(), server.getAdmin().authKey))
      answers.set(call.name, observationText(call.obs));
  }, 240_000);
  afterAll(async () => server?.stop());

  it('runs every recorded call', () => {
    expect([...answers.keys()].sort()).toEqual(recorded.map((c) => c.name).sort());
  });

  for (const call of recorded) {
    const expected = observationText(call.obs);
    if (KNOWN_GAPS[call.name]) {
      it.fails(`${call.name} still differs: ${KNOWN_GAPS[call.name]}`, () => {
        expect(answers.get(call.name)).toBe(expected);
      });
    } else {
      it(`${call.name} answers as MISP 2.5.1`, () => {
        expect(answers.get(call.name)).toBe(expected);
      });
    }
  }
});
