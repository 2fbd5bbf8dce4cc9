/** Tasks that prove each lab service carries real traffic (used by the smoke scenario). */
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import type { Actor, LabWorld } from '../support/world.ts';
import { LoginPage } from '../pages/login-page.ts';
import { openHome } from '../pages/navigation.ts';

export async function checkMispIsUp(world: LabWorld): Promise<string> {
  const heartbeat = await world.mispClient().heartbeat();
  assert.equal(heartbeat.status, 200, `heartbeat answered HTTP ${heartbeat.status}`);
  const version = await world.siteAdmin.misp.getVersion();
  assert.equal(version.status, 200, `getVersion answered HTTP ${version.status}`);
  assert.match(String(version.data.version), /^2\.\d+\.\d+/, 'getVersion reports no MISP version');
  return String(version.data.version);
}

export async function sendMailOverSmtp(world: LabWorld, to: string): Promise<void> {
  const subject = `Smoke ${world.ns}`;
  world.smokeMailSubject = subject;
  const transport = nodemailer.createTransport({
    host: world.env.mail.smtpHost,
    port: world.env.mail.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ from: 'lab-harness@lab.test', to, subject, text: `smoke test ${world.ns}` });
  } finally {
    transport.close();
  }
}

export async function expectMail(world: LabWorld, to: string): Promise<void> {
  const subject = world.smokeMailSubject;
  assert.ok(subject, 'no mail was sent in this scenario');
  const mail = await world.mail.waitFor(
    (m) => m.subject === subject && m.to.some((t) => t.includes(to)),
    `to ${to} with subject "${subject}"`,
  );
  world.attach(mail.raw, { mediaType: 'message/rfc822', fileName: 'smoke.eml' });
}

export async function postInChannel(world: LabWorld): Promise<void> {
  const message = `smoke ${world.ns}`;
  world.smokeChatMessage = message;
  world.chatSince = Date.now() - 1000;
  await world.chat.createPost(world.env.chat.channelId, message);
}

export async function expectChannelPost(world: LabWorld): Promise<void> {
  const message = world.smokeChatMessage;
  assert.ok(message, 'nothing was posted in this scenario');
  const post = await world.chat.waitForPost(world.env.chat.channelId, (p) => p.message === message, {
    sinceMs: world.chatSince,
    timeoutMs: 10_000,
  });
  world.attach(JSON.stringify(post, null, 2), {
    mediaType: 'application/json',
    fileName: 'mattermost-post.json',
  });
}

export async function openMisp(visitor: Actor): Promise<void> {
  await openHome(await visitor.page());
}

export async function expectLoginForm(visitor: Actor): Promise<void> {
  const login = new LoginPage(await visitor.page());
  assert.ok(await login.hasEmailAndPassword(), 'the login form has not one email and one password field');
}
