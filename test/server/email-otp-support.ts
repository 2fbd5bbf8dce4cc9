/**
 * Set-up for the email OTP tests: the reference server on 127.0.0.1 with a clock the test moves,
 * sending over real SMTP to the lab's mail service, and readers for what that service captured
 * (through its MailHog API, as the harness reads it).
 */
import { MailService, type StartedMailService } from '../../lab/mail/mail-service.ts';
import { startMispServer, type StartedMispServer } from '../../server/app.ts';
import { generateAuthKey } from '../../server/auth/secrets.ts';
import { PASSWORD, START_MS, submitLogin } from './support/lab-server.ts';
import { WebClient, readForm, type WebResponse } from './support/web-client.ts';

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface EmailOtpLab {
  server: StartedMispServer;
  /** Null when the test runs with a dead or missing mail server. */
  mail: StartedMailService | null;
  advance(ms: number): void;
  addUser(email: string, options?: { totp?: string }): number;
  client(): WebClient;
  inbox(): Promise<CapturedMail[]>;
  stop(): Promise<void>;
}

export interface EmailOtpLabOptions {
  settings?: Record<string, string | number | boolean>;
  /** 'live' (default): the lab mail service; a number: SMTP to that (dead) port; null: no SMTP at all. */
  smtp?: 'live' | number | null;
}

export async function startEmailOtpLab(options: EmailOtpLabOptions = {}): Promise<EmailOtpLab> {
  const smtpChoice = options.smtp === undefined ? 'live' : options.smtp;
  const mail = smtpChoice === 'live' ? await MailService.start() : null;
  const smtp =
    smtpChoice === null
      ? null
      : { host: '127.0.0.1', port: mail ? mail.getSmtpPort() : (smtpChoice as number) };
  let now = START_MS;
  let server: StartedMispServer;
  try {
    server = await startMispServer({
      clock: () => now,
      smtp,
      admin: { password: PASSWORD },
      settings: { 'Security.email_otp_enabled': true, ...options.settings },
    });
  } catch (error) {
    await mail?.stop();
    throw error;
  }
  return {
    server,
    mail,
    advance: (ms) => {
      now += ms;
    },
    addUser(email, userOptions = {}) {
      const user = server.services.users.create({
        email,
        password: PASSWORD,
        org_id: 1,
        role_id: 3,
        authkey: generateAuthKey(),
      });
      if (userOptions.totp)
        server.services.users.update(user.id, { totp: userOptions.totp, hotp_counter: 0 });
      return user.id;
    },
    client: () => new WebClient(server.getUrl()),
    async inbox() {
      if (!mail) return [];
      const answer = (await (await fetch(`${mail.getHttpUrl()}/api/v2/messages`)).json()) as {
        items: Array<{ Raw: { To: string[]; From: string }; Decoded: { subject: string; text: string } }>;
      };
      // MailHog lists newest first; tests read them in the order they were sent.
      return answer.items
        .map((item) => ({
          to: item.Raw.To,
          from: item.Raw.From,
          subject: item.Decoded.subject,
          text: item.Decoded.text,
        }))
        .reverse();
    },
    async stop() {
      await server.stop();
      await mail?.stop();
    },
  };
}

/** The code in a mail sent with our default text ("… one-time password: 123456"). */
export function codeFrom(mail: CapturedMail | undefined): string {
  const code = /one-time password: (\d+)/.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the mail: ${JSON.stringify(mail)}`);
  return code;
}

/** Password form, expecting MISP's redirect to the email OTP page. */
export async function passwordStep(client: WebClient, email: string): Promise<WebResponse> {
  const answer = await submitLogin(client, email);
  if (answer.locationPath !== '/users/email_otp') {
    throw new Error(`the password step went to ${answer.locationPath} (HTTP ${answer.status})`);
  }
  return answer;
}

/** Posts `code` with the CSRF fields of the page the client last loaded (no new GET: that mails a new code). */
export function submitEmailOtp(client: WebClient, pageHtml: string, code: string): Promise<WebResponse> {
  const form = readForm(pageHtml, 'UserEmailOtpForm');
  return client.request(form.action, { form: { ...form.fields, 'data[User][otp]': code } });
}

export async function loggedInEmail(client: WebClient): Promise<string | null> {
  const me = await client.get('/users/view/me.json');
  return me.status === 200 ? (JSON.parse(me.text) as { User: { email: string } }).User.email : null;
}
