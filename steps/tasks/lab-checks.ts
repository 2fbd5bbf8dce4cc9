/** Tasks that prove each lab service carries real traffic (used by the smoke scenario). */
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import type { LabWorld } from '../support/world.ts';

export async function checkMispIsUp(world: LabWorld): Promise<string> {
  const heartbeat = await world.rest().get('/users/heartbeat');
  assert.equal(heartbeat.status, 200, `heartbeat answered HTTP ${heartbeat.status}`);
  const version = await world.admin.get<{ version?: string }>('/servers/getVersion');
  assert.equal(version.status, 200, `getVersion answered HTTP ${version.status}`);
  assert.match(String(version.data.version), /^2\.\d+\.\d+/, 'getVersion reports no MISP version');
  return String(version.data.version);
}

export async function sendMailOverSmtp(world: LabWorld, to: string, subject: string): Promise<void> {
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

export async function expectMail(world: LabWorld, to: string, subject: string): Promise<void> {
  const mail = await world.mail.waitFor(
    (m) => m.subject === subject && m.to.some((t) => t.includes(to)),
    `to ${to} with subject "${subject}"`,
  );
  world.attach(mail.raw, { mediaType: 'message/rfc822', fileName: 'smoke.eml' });
}

export async function postInChannel(world: LabWorld, message: string): Promise<void> {
  world.memory.set('chat.since', Date.now() - 1000);
  await world.chat.createPost(world.env.chat.channelId, message);
}

export async function expectChannelPost(world: LabWorld, message: string): Promise<void> {
  const post = await world.chat.waitForPost(world.env.chat.channelId, (p) => p.message === message, {
    sinceMs: world.memory.get('chat.since') as number,
    timeoutMs: 10_000,
  });
  world.attach(JSON.stringify(post, null, 2), {
    mediaType: 'application/json',
    fileName: 'mattermost-post.json',
  });
}

export async function openMisp(world: LabWorld): Promise<void> {
  const page = await world.page();
  await page.goto('/');
}

export async function expectLoginForm(world: LabWorld): Promise<void> {
  const page = await world.page();
  await page.locator('form#UserLoginForm').waitFor();
  assert.equal(
    await page.locator('input[name="data[User][email]"]').count(),
    1,
    'no email field on the login form',
  );
  assert.equal(
    await page.locator('input[name="data[User][password]"]').count(),
    1,
    'no password field on the login form',
  );
}
