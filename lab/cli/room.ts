/**
 * `misp-lab up --attendees N` / `--roster FILE`: a classroom. Prints the board, the shared mail
 * and chat, and one line per attendee (or, with --json, one JSON line first), then stays up
 * until Ctrl-C. Resets are the board's buttons (`POST /api/attendees/<id>/reset`, `/api/reset`).
 */
import { readFileSync } from 'node:fs';
import { Room } from '../room/room.ts';
import { generatedRoster, parseRoster, RosterError, type Attendee } from '../room/roster.ts';
import { senderAddress } from '../room/attendee-lab.ts';
import { startBoard, type StartedBoard } from '../room/board-server.ts';
import { isLoopback } from '../targets/embedded.ts';
import type { LabConfig } from './options.ts';
import { UsageError } from './options.ts';
import { waitForSignal } from './up.ts';

export interface RoomRequest {
  attendees?: string;
  roster?: string;
}

export function rosterOf(request: RoomRequest): Attendee[] {
  if (request.attendees !== undefined && request.roster !== undefined) {
    throw new UsageError('give --attendees N or --roster FILE, not both');
  }
  try {
    if (request.roster !== undefined) {
      let text: string;
      try {
        text = readFileSync(request.roster, 'utf8');
      } catch (error) {
        throw new RosterError(
          `cannot read roster ${request.roster}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
      return parseRoster(text, request.roster);
    }
    const raw = request.attendees ?? '';
    if (!/^\d+$/.test(raw.trim())) throw new RosterError(`--attendees must be a whole number, got "${raw}"`);
    return generatedRoster(Number(raw));
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError(error.message);
    throw error;
  }
}

export async function upRoom(config: LabConfig, request: RoomRequest, json: boolean): Promise<number> {
  if (config.target !== 'embedded')
    throw new UsageError('--attendees and --roster run on the embedded target only');
  const attendees = rosterOf(request);
  const started = performance.now();
  const room = await Room.start({
    attendees,
    host: config.host,
    portBase: config.portBase,
    dataDir: config.dataDir,
  });
  let board: StartedBoard;
  try {
    board = await startBoard(room, config.host, config.portBase === 0 ? 0 : config.portBase + 4);
  } catch (error) {
    await room.stop();
    throw error;
  }
  const readyMs = Math.round(performance.now() - started);
  process.stdout.write(
    json ? `${JSON.stringify(roomJson(room, board, readyMs))}\n` : describeRoom(room, board, readyMs),
  );
  await waitForSignal();
  process.stderr.write('misp-lab: stopping the room…\n');
  await board.stop();
  await room.stop();
  process.stderr.write('misp-lab: stopped.\n');
  return 0;
}

export function roomJson(room: Room, board: StartedBoard, readyMs: number) {
  return {
    room: {
      readyMs,
      rssBytes: process.memoryUsage().rss,
      board: { url: board.url, json: `${board.url}/api/board.json`, ...room.trainer },
      mail: {
        url: room.publicUrl(room.mail.getHttpPort()),
        smtpPort: room.mail.getSmtpPort(),
        ...(room.mailCredentials ? { credentials: room.mailCredentials } : {}),
      },
      chat: { url: room.publicUrl(room.chat.getPort()), admin: room.trainer },
    },
    attendees: room.attendees.map((lab) => ({
      id: lab.attendee.id,
      name: lab.attendee.name,
      misp: {
        url: lab.url,
        adminEmail: lab.credentials.email,
        adminPassword: lab.credentials.password,
        adminAuthKey: lab.credentials.authKey,
      },
      mail: {
        url: room.mailPageFor(lab),
        sender: senderAddress(lab.attendee),
        ...(room.loginFor(lab) ? { credentials: room.loginFor(lab) } : {}),
      },
      chat: {
        url: room.chatPageFor(lab),
        channelId: lab.options.chat.channelId,
        token: lab.options.chat.botToken,
        webhookUrl: lab.options.chat.webhookUrl,
      },
      console: { command: lab.console.command, env: lab.console.env },
      handouts: {
        en: `${board.url}/handouts/${lab.attendee.id}/en.html`,
        'pt-BR': `${board.url}/handouts/${lab.attendee.id}/pt-BR.html`,
      },
    })),
  };
}

function describeRoom(room: Room, board: StartedBoard, readyMs: number): string {
  const rssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  const lines = [
    `MISP workshop room: ${room.attendees.length} labs ready in ${readyMs} ms (${rssMb} MB RSS)`,
    '',
    `  Board:  ${board.url}  (trainer / ${room.trainer.password}; JSON ${board.url}/api/board.json)`,
    `  Mail:   ${room.publicUrl(room.mail.getHttpPort())}${room.mailCredentials ? '  (trainer / same password as the board: every mailbox; each attendee has their own login on the hand-out)' : ''}  SMTP ${room.mail.getSmtpPort()}`,
    `  Chat:   ${room.publicUrl(room.chat.getPort())}  (trainer / same password as the board)`,
    '',
    ...room.attendees.map(
      (lab) =>
        `  ${lab.attendee.id} ${lab.attendee.name}: ${lab.url}  ${lab.credentials.email} / ${lab.credentials.password}  hand-out ${board.url}/handouts/${lab.attendee.id}/pt-BR.pdf`,
    ),
    '',
  ];
  if (!isLoopback(room.listenHost)) {
    lines.push(
      `Listening on ${room.listenHost}: the addresses above are this machine's (${room.publicHost}); open them from other machines.`,
      '',
    );
  }
  lines.push('Reset a lab with its button on the board. Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
