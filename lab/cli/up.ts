/**
 * `misp-lab up`: a lab for trainers. Prints where everything is and how to log in, then stays up
 * until Ctrl-C or SIGTERM and stops every service it started.
 */
import { toContract, type StartedLab } from '../targets/lab-environment.ts';
import { startTarget } from '../targets/index.ts';
import type { LabConfig } from './options.ts';
import { consoleContract } from './console-line.ts';

export async function up(config: LabConfig, json: boolean): Promise<number> {
  const started = Date.now();
  const lab = await startTarget(config, { announceIn: process.cwd() });
  if (json) {
    const shell = consoleContract(lab.environment, process.cwd());
    process.stdout.write(
      `${JSON.stringify({ ...toContract(lab.environment), ...(shell ? { console: shell } : {}) })}\n`,
    );
  } else {
    process.stdout.write(describe(lab, Date.now() - started));
  }
  await waitForSignal();
  process.stderr.write('misp-lab: stopping the lab…\n');
  await lab.stop();
  process.stderr.write('misp-lab: stopped.\n');
  return 0;
}

function describe(lab: StartedLab, ms: number): string {
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
    `            bot token ${chat.token}, channel id ${chat.channelId}`,
    `            incoming webhook ${chat.webhookUrl}`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function waitForSignal(): Promise<void> {
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
