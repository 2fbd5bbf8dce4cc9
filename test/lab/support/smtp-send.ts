/** Sends one message to a lab mail service over plain SMTP, as MISP does. */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { StartedMailService } from '../../../lab/mail/mail-service.ts';

export async function sendTo(service: StartedMailService, message: Mail.Options) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: service.getSmtpPort(),
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}
