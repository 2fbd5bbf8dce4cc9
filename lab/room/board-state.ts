/**
 * The board's rows: for each attendee their lab's links and the workshop ticks, read-only from
 * their lab. One snapshot is shared by every viewer and re-read at most every REFRESH_MS.
 */
import { MispClient } from '../clients/misp-client.ts';
import { MailClient } from '../clients/mail.ts';
import { client4 } from '../chat/client4.ts';
import { readPosture, type PostureData } from '../posture/posture-data.ts';
import { senderAddress, type AttendeeLab } from './attendee-lab.ts';
import type { Room } from './room.ts';
import { keepAchieved, runWorkshopChecks, unreadable, type TickResults } from './workshop-ticks.ts';

export const REFRESH_MS = 2000;

export interface BoardRow {
  id: string;
  name: string;
  email: string;
  mispUrl: string;
  mailUrl: string;
  chatUrl: string;
  ticks: TickResults;
}

export interface BoardSnapshot {
  generatedAt: string;
  attendees: BoardRow[];
}

export async function readRow(room: Room, lab: AttendeeLab): Promise<BoardRow> {
  const row = {
    id: lab.attendee.id,
    name: lab.attendee.name,
    email: lab.attendee.email,
    mispUrl: lab.url,
    mailUrl: room.mailPageFor(lab),
    chatUrl: room.chatPageFor(lab),
  };
  if (!lab.running) return { ...row, ticks: unreadable('the lab is being reset') };
  const misp = new MispClient({ baseUrl: lab.localUrl, authKey: lab.credentials.authKey, timeoutMs: 10_000 });
  const mail = new MailClient(room.mailApiUrl);
  const chat = client4(room.chat.getBaseUrl(), lab.options.chat.botToken);
  const sender = senderAddress(lab.attendee);
  let posture: Promise<PostureData> | undefined;
  const ticks = await runWorkshopChecks({
    misp,
    userEmail: lab.credentials.email,
    mail: async () => (await mail.all()).filter((m) => m.from.includes(sender)),
    posture: () => (posture ??= readPosture(misp, lab.url)),
    posts: async () => {
      const list = await chat.getPostsSince(lab.options.chat.channelId, Math.max(0, lab.bootedAt - 1));
      return Object.values(list.posts).filter(
        (post) => post.create_at >= lab.bootedAt && post.delete_at === 0,
      );
    },
  });
  return { ...row, ticks };
}

export class BoardState {
  private current: Promise<BoardSnapshot> | undefined;
  private readAt = 0;
  /** Each lab's last ticks, by the run (bootedAt) they were read from: a reset forgets them. */
  private readonly lastTicks = new Map<string, { bootedAt: number; ticks: TickResults }>();

  constructor(
    private readonly room: Room,
    private readonly refreshMs = REFRESH_MS,
  ) {}

  /** The latest snapshot, re-read when older than `refreshMs` (or when `fresh`). */
  snapshot(fresh = false): Promise<BoardSnapshot> {
    if (fresh || !this.current || Date.now() - this.readAt >= this.refreshMs) {
      this.readAt = Date.now();
      this.current = this.read();
    }
    return this.current;
  }

  private async read(): Promise<BoardSnapshot> {
    const attendees: BoardRow[] = [];
    // A few attendees at a time: 20 labs at once would starve the labs' own requests.
    const labs = [...this.room.attendees];
    for (let i = 0; i < labs.length; i += 4) {
      const rows = await Promise.all(labs.slice(i, i + 4).map((lab) => readRow(this.room, lab)));
      rows.forEach((row, index) => attendees.push(this.remembered(labs[i + index]!, row)));
    }
    return { generatedAt: new Date().toISOString(), attendees };
  }

  private remembered(lab: AttendeeLab, row: BoardRow): BoardRow {
    if (!lab.running) return row;
    const last = this.lastTicks.get(row.id);
    const ticks = keepAchieved(last?.bootedAt === lab.bootedAt ? last.ticks : undefined, row.ticks);
    this.lastTicks.set(row.id, { bootedAt: lab.bootedAt, ticks });
    return { ...row, ticks };
  }
}
