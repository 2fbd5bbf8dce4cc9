/** Paper tokens are HOTP codes of the TOTP secret, counters 0…49 (spec §1.4), checked by us. */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { hotpCode } from '../../clients/otp.ts';

export const PAPER_TOKEN_COUNT = 50;

export function expectPaperTokensAreHotp(world: LabWorld, actor: Actor): void {
  const shown = world.paperTokens;
  assert.ok(shown, 'no paper tokens page was read in this scenario');
  assert.ok(actor.totpSecret, `${actor.label} has no scanned secret`);
  assert.deepEqual(
    [...shown.keys()],
    Array.from({ length: PAPER_TOKEN_COUNT }, (_, i) => i),
    'MISP does not list paper tokens 0 to 49 in order',
  );
  const wrong = [...shown].filter(([counter, code]) => code !== hotpCode(actor.totpSecret!, counter));
  assert.deepEqual(
    wrong.map(([counter]) => counter),
    [],
    'these paper tokens are not the HOTP codes of the scanned secret',
  );
}
