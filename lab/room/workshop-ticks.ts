/**
 * How far an attendee is in the workshop, read from their lab without changing it: every tick
 * is a read through the typed MispClient (GETs and MISP's log search), the mail API or the chat
 * API, named after the catalogue controls whose scenarios check the same behaviour. Where the
 * posture audit (lab/posture, profile `posture`) has a check, the tick is that check. A tick
 * never logs in to the attendee's MISP (a login would write to its audit log and count as
 * activity); it uses the auth key the room seeded.
 */
import type { MispClient } from '../clients/misp-client.ts';
import type { EventJson, LogEntry } from '../clients/misp-types.ts';
import { otpMandatory, passed } from '../posture/checks.ts';
import type { PostureData } from '../posture/posture-data.ts';
import { exampleInstalled } from '../posture/workflow-checks.ts';
import type { ReadMail } from '../clients/mail.ts';
import type { MmPost } from '../chat/mattermost-types.ts';

export type TickId =
  | 'totpEnrolled'
  | 'paperTokensSeen'
  | 'otpRequired'
  | 'recoveryDone'
  | 'exampleA'
  | 'exampleB'
  | 'notificationReceived';

export interface TickOutcome {
  done: boolean;
  /** One line a trainer reads: what was seen, or what is missing. */
  detail: string;
}

/** What a check may read: the attendee's MISP, and their mail and chat posts since their lab started. */
export interface TickSources {
  misp: MispClient;
  /** The attendee's site admin (the user whose TOTP the slides enrol). */
  userEmail: string;
  mail: () => Promise<ReadMail[]>;
  posts: () => Promise<MmPost[]>;
  /** The posture audit's read of the lab (lab/posture), once per board refresh. */
  posture: () => Promise<PostureData>;
}

export interface WorkshopCheck {
  id: TickId;
  /** The catalogue controls whose scenarios check the same behaviour. */
  controls: string[];
  /**
   * Once done, done for the rest of this lab's run: the trace it reads is wiped by a later
   * slide (re-enrolling TOTP after recovery sets MISP's hotp_counter back to 0).
   */
  keepsOnceDone?: boolean;
  run(sources: TickSources): Promise<TickOutcome>;
}

const done = (detail: string): TickOutcome => ({ done: true, detail });
const notYet = (detail: string): TickOutcome => ({ done: false, detail });

async function logs(misp: MispClient, title: string): Promise<LogEntry[]> {
  const answer = await misp.searchLogs({ model: 'User', title });
  if (answer.status !== 200 || !Array.isArray(answer.data)) {
    throw new Error(`log search answered HTTP ${answer.status}`);
  }
  return answer.data.map((row) => row.Log);
}

async function me(misp: MispClient) {
  const answer = await misp.getMe();
  if (answer.status !== 200 || !answer.data.User)
    throw new Error(`users/view/me answered HTTP ${answer.status}`);
  return answer.data.User;
}

async function publishedEvents(misp: MispClient): Promise<EventJson[]> {
  const index = await misp.eventsIndex();
  if (index.status !== 200 || !Array.isArray(index.data)) return [];
  const ids = (index.data as Array<{ id?: string; published?: boolean }>)
    .filter((row) => row.published === true)
    .map((row) => String(row.id));
  const events: EventJson[] = [];
  for (const id of ids.slice(0, 50)) {
    const answer = await misp.getEvent(id);
    if (answer.data.Event) events.push(answer.data.Event);
  }
  return events;
}

function datetimeAttributes(event: EventJson) {
  const inObjects = (event.Object ?? []).flatMap((object) => object.Attribute ?? []);
  return [...(event.Attribute ?? []), ...inObjects].filter((attribute) => attribute.type === 'datetime');
}

export const WORKSHOP_CHECKS: WorkshopCheck[] = [
  {
    id: 'totpEnrolled',
    controls: ['MISP-AUTH-001'],
    async run({ misp }) {
      const user = await me(misp);
      if (String(user.totp_is_set) === '1' || user.totp_is_set === true) return done('TOTP is set');
      const created = await logs(misp, '% TOTP token created');
      return created.length > 0 ? done('TOTP was enrolled (and deleted since)') : notYet('no TOTP yet');
    },
  },
  {
    // MISP logs no view of /users/hotp; the trace a read can see is a paper token used at login.
    id: 'paperTokensSeen',
    controls: ['MISP-AUTH-002'],
    keepsOnceDone: true,
    async run({ misp }) {
      const user = await me(misp);
      const used = Number(user.hotp_counter ?? 0);
      return used > 0
        ? done(`${used} paper token(s) used to log in (seen ${new Date().toISOString().slice(11, 16)} UTC)`)
        : notYet('no paper token used yet');
    },
  },
  {
    id: 'otpRequired',
    controls: ['MISP-POSTURE-001', 'MISP-AUTH-004', 'MISP-AUTH-005'],
    async run({ posture }) {
      const result = otpMandatory(await posture());
      return passed(result)
        ? done('Security.otp_required is true, otp_disabled false')
        : notYet(result.findings[0]!);
    },
  },
  {
    id: 'recoveryDone',
    controls: ['MISP-AUTH-008'],
    async run({ misp }) {
      const deleted = await logs(misp, '% TOTP deleted');
      return deleted.length > 0 ? done(deleted[0]!.title) : notYet('no TOTP deleted by an admin yet');
    },
  },
  {
    id: 'exampleA',
    controls: ['MISP-POSTURE-005', 'MISP-WF-002', 'MISP-WF-003'],
    async run({ misp, posture }) {
      const installed = exampleInstalled(await posture(), 'MISP-POSTURE-005');
      if (!passed(installed)) return notYet(installed.findings[0]!);
      const answer = await misp.searchLogs({
        model: 'Event',
        title: 'Publishing stopped by a blocking workflow.',
      });
      const stopped = Array.isArray(answer.data) ? answer.data.length : 0;
      return stopped > 0
        ? done(`saved; ${stopped} publish(es) stopped`)
        : notYet('saved, no publish stopped yet');
    },
  },
  {
    id: 'exampleB',
    controls: ['MISP-POSTURE-006', 'MISP-WF-005', 'MISP-WF-006'],
    async run({ misp, posture }) {
      const installed = exampleInstalled(await posture(), 'MISP-POSTURE-006');
      if (!passed(installed)) return notYet(installed.findings[0]!);
      const working = (await publishedEvents(misp)).find((event) => {
        const datetimes = datetimeAttributes(event);
        return datetimes.length > 0 && datetimes.every((attribute) => attribute.to_ids === false);
      });
      return working
        ? done(`saved; event ${working.id} published with its datetime attributes out of IDS`)
        : notYet('saved, no published event with a datetime attribute yet');
    },
  },
  {
    id: 'notificationReceived',
    controls: ['MISP-NOTIFY-001', 'MISP-NOTIFY-002', 'MISP-NOTIFY-003'],
    async run({ mail, posts }) {
      const chat = await posts();
      if (chat.length > 0) return done(`${chat.length} post(s) in their channel`);
      // Email OTP codes come from the same MISP but are no workflow notification.
      const mails = (await mail()).filter((m) => !/one.?time|OTP/i.test(m.subject));
      return mails.length > 0 ? done(`mail "${mails[0]!.subject}"`) : notYet('no post or mail yet');
    },
  },
];

export type TickResults = Record<TickId, TickOutcome & { controls: string[] }>;

/** Every check, each on its own: one failing read leaves the others' answers standing. */
export async function runWorkshopChecks(sources: TickSources): Promise<TickResults> {
  const entries = await Promise.all(
    WORKSHOP_CHECKS.map(async (check) => {
      const outcome = await check
        .run(sources)
        .catch((error: Error) => notYet(`could not read: ${error.message}`));
      return [check.id, { ...outcome, controls: check.controls }] as const;
    }),
  );
  return Object.fromEntries(entries) as TickResults;
}

/**
 * This read's ticks, with the keepsOnceDone ones that an earlier read of the same lab run saw
 * done kept done (their detail says when they were seen).
 */
export function keepAchieved(earlier: TickResults | undefined, now: TickResults): TickResults {
  if (!earlier) return now;
  const kept = { ...now };
  for (const check of WORKSHOP_CHECKS) {
    const before = earlier[check.id];
    if (check.keepsOnceDone && before?.done && !now[check.id].done) kept[check.id] = before;
  }
  return kept;
}

/** Every tick not done, for a lab that cannot be read at all (e.g. while it is being reset). */
export function unreadable(reason: string): TickResults {
  return Object.fromEntries(
    WORKSHOP_CHECKS.map((check) => [check.id, { ...notYet(reason), controls: check.controls }]),
  ) as TickResults;
}
