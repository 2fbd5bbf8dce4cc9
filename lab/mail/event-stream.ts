// MailHog's `GET /api/v1/events`: a server-sent event stream with one `data: <item json>` event
// per new message. Open streams are tracked so stop() can end them; otherwise a subscriber
// would keep the HTTP server from closing.
import type { MailHogItem } from './mailhog-item.ts';
import type { MessageStore } from './message-store.ts';

/** Unread bytes one event stream may hold before it is closed (the client reconnects and catches up). */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

export class EventStreams {
  private readonly closers = new Set<() => void>();

  constructor(private readonly store: MessageStore) {}

  /** A stream of the messages `sees` lets through (a mailbox-limited login's own mail). */
  open(sees: (item: MailHogItem) => boolean = () => true): Response {
    const encoder = new TextEncoder();
    let end: (closeStream: boolean) => void = () => {};
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          const unsubscribe = this.store.subscribe((item) => {
            if (!sees(item)) return;
            // A client that stops reading must not make us queue every later message for it.
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return end(true);
            // One line of JSON: a line break inside would split the event's data field.
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(item)}\n\n`));
          });
          const closeFromServer = () => end(true);
          end = (closeStream) => {
            if (!this.closers.delete(closeFromServer)) return;
            unsubscribe();
            if (closeStream) controller.close();
          };
          this.closers.add(closeFromServer);
          // A comment right away, so the client gets the response head before the first message.
          controller.enqueue(encoder.encode(': MailHog-compatible event stream\n\n'));
        },
        // The client went away: the stream is already cancelled, only the subscription must go.
        cancel: () => end(false),
      },
      // Count queued bytes, not chunks, so desiredSize above measures what an idle client costs.
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        // A stream lives as long as its connection: when stop() ends it, the socket goes too.
        connection: 'close',
      },
    });
  }

  get openCount(): number {
    return this.closers.size;
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
