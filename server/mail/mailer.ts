/**
 * Outgoing mail over real SMTP (MISP's CakeEmail). A dead mail server is a clear error for the
 * caller to log, never a crash; MISP.disable_emailing short-circuits every send.
 */
import nodemailer from 'nodemailer';

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
  private readonly transport;

  constructor(readonly smtp: SmtpConfig | null) {
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: false,
          ignoreTLS: true,
          connectionTimeout: 5000,
          greetingTimeout: 5000,
          socketTimeout: 10000,
        })
      : null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport || !this.smtp) throw new Error('no SMTP server is configured for outgoing mail');
    try {
      await this.transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    } catch (error) {
      throw new Error(
        `mail to ${mail.to.join(', ')} failed: SMTP ${this.smtp.host}:${this.smtp.port}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  close(): void {
    this.transport?.close();
  }
}
