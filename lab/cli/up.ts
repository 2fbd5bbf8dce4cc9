/**
 * `misp-lab up`: a lab for trainers. Prints where everything is and how to log in, then stays up
 * until Ctrl-C or SIGTERM and stops every service it started.
 */
import { toContract, type StartedLab } from '../targets/lab-environment.ts';
import { startTarget } from '../targets/index.ts';
import type { LabConfig } from './options.ts';
import { consoleContract } from './console-line.ts';
import { reachableAddresses } from '../url-host.ts';
import { isLoopback } from '../targets/embedded.ts';

export async function up(config: LabConfig, json: boolean): Promise<number> {
  const started = Date.now();
  const lab = await startTarget(config, { announceIn: process.cwd() });
  if (json) {
    const shell = consoleContract(lab.environment, process.cwd());
    process.stdout.write(
      `${JSON.stringify({ ...toContract(lab.environment), ...(shell ? { console: shell } : {}) })}\n`,
    );
  } else {
    process.stdout.write(describeLab(lab, Date.now() - started));
  }
  await waitForSignal();
  process.stderr.write('misp-lab: stopping the lab…\n');
  await lab.stop();
  process.stderr.write('misp-lab: stopped.\n');
  return 0;
}

export function describeLab(lab: StartedLab, ms: number): string {
  const { misp, mail, chat } = lab.environment;
  const shell = consoleContract(lab.environment, process.cwd());
  const consoleHelp = shell ? `  console:  ${shell.command} setSetting "Security.otp_required" true` : '';
  return [
    `MISP compliance lab (${lab.environment.target}) ready in ${ms} ms`,
    '',
    `  MISP:     ${misp.url}`,
    `            site admin ${misp.adminEmail} / ${misp.adminPassword}`,
    `            auth key   ${misp.adminAuthKey}`,
    consoleHelp,
    `  Mail:     ${mail.url}  (SMTP ${mail.smtpHost}:${mail.smtpPort})`,
    `  Chat:     ${chat.url}/channels/${chat.teamName}/${chat.channelName}`,
    chat.admin ? `            admin ${chat.admin.username} / ${chat.admin.password}` : null,
    `            bot token ${chat.token}, channel id ${chat.channelId}`,
    `            incoming webhook ${chat.webhookUrl}`,
    '',
    ...exposure(lab),
    'Press Ctrl-C to stop.',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/**
 * For a lab on a non-loopback interface: the addresses people on the network can open, and what
 * each service lets them do without a password.
 */
function exposure(lab: StartedLab): string[] {
  const host = lab.environment.listenHost;
  if (!host || isLoopback(host)) return [];
  const { misp, mail, chat } = lab.environment;
  const port = (url: string) => new URL(url).port;
  const mailUser = new URL(mail.url);
  const lines = [`Listening on ${host}: open these from other machines:`];
  for (const address of reachableAddresses(host)) {
    lines.push(
      `  ${address}:  MISP http://${address}:${port(misp.url)}  mail http://${address}:${port(mail.url)}  chat http://${address}:${port(chat.url)}`,
    );
  }
  lines.push(
    'Open to anyone on the network: the MISP login page (accounts and auth keys protect the rest),',
    `  SMTP on port ${mail.smtpPort} (anyone can drop mail into the catcher), the chat login page.`,
    `Protected: the mail page and API (user ${decodeURIComponent(mailUser.username)} / password ${decodeURIComponent(mailUser.password)}, generated for this lab),`,
    `  the chat admin (${chat.admin?.username ?? 'admin'} / generated password above) and the bot token.`,
    '',
  );
  return lines;
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
