/**
 * Outgoing mail over real SMTP (MISP's CakeEmail). A dead mail server is a clear error for the
 * caller to log, never a crash; MISP.disable_emailing short-circuits every send.
 */
import type { Transporter } from 'nodemailer';

export interface SmtpConfig {
  host: string;
  port: number;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  from: string;
}

export class Mailer {
  // nodemailer loads in ~0.1 s: only when the first mail goes out, not at server start.
  private transport: Promise<Transporter> | null = null;

  constructor(readonly smtp: SmtpConfig | null) {}

  async send(mail: OutgoingMail): Promise<void> {
    const smtp = this.smtp;
    if (!smtp) throw new Error('no SMTP server is configured for outgoing mail');
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10000,
      }),
    );
    try {
      await (
        await this.transport
      ).sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    } catch (error) {
      throw new Error(
        `mail to ${mail.to.join(', ')} failed: SMTP ${smtp.host}:${smtp.port}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
    this.transport = null;
  }
}
