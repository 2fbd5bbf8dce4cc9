/**
 * The lab's mail catcher as a container: SMTP capture with MailHog's HTTP API, on MailHog's ports
 * and environment variables (MH_SMTP_BIND_ADDR, MH_API_BIND_ADDR), so it stands in for the
 * mailhog/mailhog image where no registry can be reached.
 */
import { MailService } from '../../lab/mail/mail-service.ts';
import { listenAddress, stopOnSignal } from './listen-address.ts';

const smtp = listenAddress(process.env.MH_SMTP_BIND_ADDR, 1025);
const api = listenAddress(process.env.MH_API_BIND_ADDR, 8025);
if (smtp.host !== api.host) throw new Error('MH_SMTP_BIND_ADDR and MH_API_BIND_ADDR must use one host');
const mail = await MailService.start({ host: smtp.host, smtpPort: smtp.port, httpPort: api.port });
console.log(
  `[lab mail] SMTP on ${smtp.host}:${mail.getSmtpPort()}, MailHog API on ${api.host}:${mail.getHttpPort()}`,
);
stopOnSignal(() => mail.stop());
