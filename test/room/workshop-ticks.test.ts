/** Ticks whose trace a later slide wipes stay done for the rest of that lab's run. */
import { describe, expect, it } from 'vitest';
import { keepAchieved, unreadable, type TickResults } from '../../lab/room/workshop-ticks.ts';

function withDone(ids: string[]): TickResults {
  const ticks = unreadable('not yet');
  for (const id of ids)
    ticks[id as keyof TickResults] = { ...ticks[id as keyof TickResults], done: true, detail: 'seen' };
  return ticks;
}

describe('keepAchieved', () => {
  it('keeps paper tokens seen after re-enrolment set the counter back, and nothing else', () => {
    const earlier = withDone(['paperTokensSeen', 'otpRequired']);
    const now = withDone([]);
    const kept = keepAchieved(earlier, now);
    expect(kept.paperTokensSeen).toEqual(earlier.paperTokensSeen);
    // otp_required switched off again is shown off: the board says what the lab is now.
    expect(kept.otpRequired.done).toBe(false);
  });

  it('starts from the read alone for a new run of the lab', () => {
    expect(keepAchieved(undefined, withDone([])).paperTokensSeen.done).toBe(false);
  });
});
