/**
 * The attendee's hand-out: where their lab is and how to log in, in English or Brazilian
 * Portuguese, with a QR code of their MISP URL for a phone. The PDF is the same page printed by
 * Chromium (as the compliance report's PDF is), so both always agree.
 */
import QRCode from 'qrcode';
import { launchChromium } from '../browser.ts';
import { escapeXml as esc } from '../reporting/svg-charts.ts';

export type HandoutLocale = 'en' | 'pt-BR';
export const HANDOUT_LOCALES: HandoutLocale[] = ['en', 'pt-BR'];

export interface HandoutFacts {
  name: string;
  mispUrl: string;
  email: string;
  password: string;
  authKey: string;
  mailUrl: string;
  mailCredentials?: { username: string; password: string };
  chatUrl: string;
  /** The chat server itself, what the Mattermost module calls its hostname. */
  chatServerUrl: string;
  channelId: string;
  webhookUrl: string;
  botToken: string;
}

const TEXTS = {
  en: {
    title: 'Your MISP lab',
    intro:
      'This MISP is yours alone for the workshop: you are its site admin, nobody else changes its settings or workflows.',
    misp: 'MISP',
    login: 'Log in with',
    email: 'E-mail',
    password: 'Password',
    authKey: 'Auth key (for the API, not needed in the slides)',
    mail: 'Your mail (every mail your MISP sends)',
    mailLogin: 'Login for your mail and chat pages',
    chat: 'Your chat channel (workflow notifications land here)',
    webhook: 'Incoming webhook (Webhook module)',
    chatServer: 'Mattermost Hostname (Mattermost module)',
    channelId: 'Channel Id (Mattermost module)',
    botToken: 'Bot Access Token (Mattermost module)',
    scan: 'Scan to open your MISP',
    keep: 'Keep this page to yourself: it holds your password.',
    help: 'How to read what MISP logs after a blocked publish',
  },
  'pt-BR': {
    title: 'Seu laboratório MISP',
    intro:
      'Este MISP é só seu durante o workshop: você é o administrador do site, ninguém mais altera as configurações nem os workflows dele.',
    misp: 'MISP',
    login: 'Entre com',
    email: 'E-mail',
    password: 'Senha',
    authKey: 'Chave de autenticação (para a API, não é usada nos slides)',
    mail: 'Seus e-mails (todo e-mail que o seu MISP envia)',
    mailLogin: 'Login das suas páginas de e-mail e de chat',
    chat: 'Seu canal de chat (as notificações dos workflows chegam aqui)',
    webhook: 'Webhook de entrada (módulo Webhook)',
    chatServer: 'Mattermost Hostname (módulo Mattermost)',
    channelId: 'Channel Id (módulo Mattermost)',
    botToken: 'Bot Access Token, o token do bot (módulo Mattermost)',
    scan: 'Leia para abrir o seu MISP',
    keep: 'Guarde esta página só para você: ela contém a sua senha.',
    help: 'Como ler o que o MISP registra depois de uma publicação barrada',
  },
} satisfies Record<HandoutLocale, Record<string, string>>;

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;color:#1d2327;margin:2rem;max-width:44rem}
h1{font-size:1.6rem;margin:0 0 .4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}dd{margin:0;word-break:break-all}code{font:13px ui-monospace,monospace;background:#f3f4f6;padding:.05rem .3rem}
.qr{float:right;margin:0 0 1rem 1rem;text-align:center;font-size:.85em}.qr svg{width:9rem;height:9rem}
.note{color:#8a2424;font-weight:600}section{margin:1rem 0}`;

export async function renderHandout(facts: HandoutFacts, locale: HandoutLocale): Promise<string> {
  const t = TEXTS[locale];
  const qr = await QRCode.toString(facts.mispUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const row = (label: string, value: string, code = true) =>
    `<dt>${esc(label)}</dt><dd>${code ? `<code>${esc(value)}</code>` : esc(value)}</dd>`;
  const link = (url: string) => `<a href="${esc(url)}">${esc(url)}</a>`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(t.title)} · ${esc(facts.name)}</title>
<style>${STYLE}</style></head><body>
<div class="qr" data-qr="${esc(facts.mispUrl)}">${qr}<div>${esc(t.scan)}</div></div>
<h1>${esc(t.title)}: ${esc(facts.name)}</h1><p>${esc(t.intro)}</p>
<section><h2>${esc(t.misp)}</h2><p>${link(facts.mispUrl)}</p><p>${esc(t.login)}:</p><dl>
${row(t.email, facts.email)}${row(t.password, facts.password)}${row(t.authKey, facts.authKey)}</dl>
<p>${esc(t.help)}: ${link(helpUrl(facts.mispUrl, locale))}</p></section>
<section><h2>${esc(t.mail)}</h2><p>${link(facts.mailUrl)}</p>${
    facts.mailCredentials
      ? `<dl>${row(t.mailLogin, `${facts.mailCredentials.username} / ${facts.mailCredentials.password}`)}</dl>`
      : ''
  }</section>
<section><h2>${esc(t.chat)}</h2><p>${link(facts.chatUrl)}</p><dl>${row(t.chatServer, facts.chatServerUrl)}${row(t.channelId, facts.channelId)}${row(t.botToken, facts.botToken)}${row(t.webhook, facts.webhookUrl)}</dl></section>
<p class="note">${esc(t.keep)}</p></body></html>`;
}

/** The lab's own help page on the attendee's MISP (server/…/lab/help), in the hand-out's language. */
function helpUrl(mispUrl: string, locale: HandoutLocale): string {
  const url = new URL('/lab/help', mispUrl);
  if (locale === 'pt-BR') url.searchParams.set('lang', 'pt-BR');
  return url.toString();
}

/** The hand-out printed to an A4 PDF by Chromium. */
export async function handoutPdf(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return Buffer.from(
      await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' },
      }),
    );
  } finally {
    await browser.close().catch(() => undefined);
  }
}
