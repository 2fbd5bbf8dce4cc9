/**
 * The trainer's board over HTTP, behind the trainer's Basic credentials: `/` the page,
 * `/api/board.json` the same rows as JSON, `/api/board/stream` an event stream of them,
 * `POST /api/attendees/<id>/reset` and `POST /api/reset` (the board's buttons), and each
 * attendee's hand-out at `/handouts/<id>/<en|pt-BR>.<html|pdf>`.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { boardPage } from './board-page.ts';
import { BoardState, REFRESH_MS } from './board-state.ts';
import { handoutPdf, renderHandout, type HandoutFacts, type HandoutLocale } from './handout.ts';
import type { AttendeeLab } from './attendee-lab.ts';
import type { Room } from './room.ts';

export function handoutFacts(room: Room, lab: AttendeeLab): HandoutFacts {
  return {
    name: lab.attendee.name,
    mispUrl: lab.url,
    email: lab.credentials.email,
    password: lab.credentials.password,
    authKey: lab.credentials.authKey,
    mailUrl: room.mailPageFor(lab),
    ...(room.loginFor(lab) ? { mailCredentials: room.loginFor(lab)! } : {}),
    chatUrl: room.chatPageFor(lab),
    chatServerUrl: room.publicUrl(room.chat.getPort()),
    channelId: lab.options.chat.channelId,
    webhookUrl: lab.options.chat.webhookUrl,
    botToken: lab.options.chat.botToken,
  };
}

export function createBoardApp(room: Room, state = new BoardState(room)): Hono {
  const app = new Hono();
  app.use('*', basicAuth({ ...room.trainer, realm: 'MISP workshop board' }));
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
  });

  app.get('/', async (c) => {
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'`,
    );
    return c.html(boardPage(await state.snapshot(), nonce));
  });
  app.get('/api/board.json', async (c) => c.json(await state.snapshot()));
  app.get('/api/board/stream', (c) =>
    streamSSE(c, async (stream) => {
      let last = '';
      while (!stream.aborted && !stream.closed) {
        const data = JSON.stringify(await state.snapshot());
        if (data !== last) await stream.writeSSE({ event: 'board', data });
        last = data;
        await stream.sleep(REFRESH_MS);
      }
    }),
  );

  // A browser sends Basic credentials with any form post to this origin; the header keeps other sites out.
  const fromBoard = (header: string | undefined) => {
    if (header !== 'board')
      throw new HTTPException(403, { message: 'resets come from the board (x-requested-by: board)' });
  };
  app.post('/api/attendees/:id/reset', async (c) => {
    fromBoard(c.req.header('x-requested-by'));
    const lab = room.find(c.req.param('id'));
    if (!lab) return c.json({ error: `no attendee "${c.req.param('id')}"` }, 404);
    await room.reset(lab.attendee.id);
    await state.snapshot(true);
    return c.json({ reset: [lab.attendee.id] });
  });
  app.post('/api/reset', async (c) => {
    fromBoard(c.req.header('x-requested-by'));
    await room.resetAll();
    await state.snapshot(true);
    return c.json({ reset: room.attendees.map((lab) => lab.attendee.id) });
  });

  app.get('/handouts/:id/:file', async (c) => {
    const lab = room.find(c.req.param('id'));
    const match = /^(en|pt-BR)\.(html|pdf)$/.exec(c.req.param('file'));
    if (!lab || !match) return c.text('no such hand-out (try /handouts/<id>/en.html or pt-BR.pdf)', 404);
    const locale = match[1] as HandoutLocale;
    const html = await renderHandout(handoutFacts(room, lab), locale);
    if (match[2] === 'html') return c.html(html);
    const pdf = await handoutPdf(html);
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="handout-${lab.attendee.id}-${locale}.pdf"`,
    });
  });

  app.notFound((c) => c.text('board: no such page', 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    return c.text(`board: ${error.message}`, 500);
  });
  return app;
}

export interface StartedBoard {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startBoard(room: Room, host: string, port: number): Promise<StartedBoard> {
  const server = createAdaptorServer({ fetch: createBoardApp(room).fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `board: port ${port} on ${host} is already in use`
            : `board: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: room.publicUrl(bound),
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
