// The SMTP side: accepts any mail (no AUTH, no STARTTLS, like MailHog), keeps the raw bytes,
// the envelope and the HELO name, and stores the message before answering 250, so a sender
// that got "250 Ok" can read the message from the API at once, without polling.
import type { AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { buildMailHogItem, type DecodedMail, type SmtpEnvelope } from './mailhog-item.ts';
import type { MessageStore } from './message-store.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface SmtpCaptureOptions {
  store: MessageStore;
  maxMessageBytes?: number;
}

export function createSmtpCapture({
  store,
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
}: SmtpCaptureOptions): SMTPServer {
  const server = new SMTPServer({
    name: 'mailhog.example',
    banner: 'MailHog-compatible capture (misp-compliance-lab)',
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: maxMessageBytes,
    // smtp-server answers 552 (RFC 1870) for an oversized message whatever onData says.
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    // stop() should not wait the default 30 s for an idle client (a pooled transport) to leave.
    closeTimeout: 200,
    onData(stream, session, callback) {
      receive(stream, session, store).then(
        (reply) => callback(null, reply),
        (error: Error) => callback(error),
      );
    },
  });
  // Client-side failures (a reset connection) surface here; without a listener they would crash
  // the process that hosts the lab.
  server.on('error', (error) => {
    if (server.server.listening) console.error('mail service: SMTP connection error:', error.message);
  });
  return server;
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession, store: MessageStore) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error('Error: message exceeds fixed maximum message size'), {
      responseCode: 552,
    });
  }
  const raw = Buffer.concat(chunks);
  const item = buildMailHogItem(raw, envelopeOf(session), await decode(raw));
  store.add({ item, raw });
  return `Ok: queued as ${item.ID}`;
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    mailFrom: mailFrom ? mailFrom.address : '',
    rcptTo: rcptTo.map((recipient) => recipient.address),
    // smtp-server types this as a string but leaves it false until HELO/EHLO.
    helo: session.hostNameAppearsAs || '',
  };
}

const NOTHING_DECODED: DecodedMail = { subject: '', from: '', to: '', text: '', html: '' };

// mailparser takes ~0.3 s to load (charset tables): load it with the first message, not at lab start.
let parser: Promise<typeof import('mailparser')> | null = null;

async function decode(raw: Buffer): Promise<DecodedMail> {
  try {
    const { simpleParser } = await (parser ??= import('mailparser'));
    const parsed = await simpleParser(raw, {
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
    });
    return {
      subject: parsed.subject ?? '',
      from: parsed.from?.text ?? '',
      to: addressText(parsed.to),
      text: parsed.text ?? '',
      html: parsed.html || '',
    };
  } catch (error) {
    // A message mailparser cannot read is still captured: the raw data is the evidence.
    console.error('mail service: could not decode a message:', (error as Error).message);
    return { ...NOTHING_DECODED };
  }
}

function addressText(addresses: AddressObject | AddressObject[] | undefined): string {
  if (!addresses) return '';
  return (Array.isArray(addresses) ? addresses : [addresses]).map((address) => address.text).join(', ');
}
