/**
 * Security.otp_required as a user without TOTP meets it (spec §1.7): the password works, but
 * every page of the session leads to /users/totp_new; REST with an auth key is never redirected;
 * roles with perm_skip_otp are exempt.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { currentPath } from '../../pages/navigation.ts';
import { requestWithoutRedirect, type LinkAnswer } from '../../pages/session-probe.ts';
import { TotpNewPage } from '../../pages/totp-new-page.ts';

const ENROLMENT_PATH = TotpNewPage.path;

export async function expectSentToEnrolment(actor: Actor): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), ENROLMENT_PATH, `after the password MISP shows ${currentPath(page)}`);
  assert.ok(await new TotpNewPage(page).isShown(), 'the enrolment page has no form UserTotpNewForm');
}

/** Each link requested with the actor's browser session, redirects not followed. */
async function requestWithSession(world: LabWorld, actor: Actor, paths: string[]): Promise<LinkAnswer[]> {
  const page = await actor.page();
  const answers: LinkAnswer[] = [];
  for (const path of paths) answers.push(await requestWithoutRedirect(page, path));
  world.attach(answers.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`).join('\n'), {
    mediaType: 'text/plain',
    fileName: 'deep-links.txt',
  });
  return answers;
}

export async function expectAllRedirectToEnrolment(
  world: LabWorld,
  actor: Actor,
  paths: string[],
): Promise<void> {
  const answers = await requestWithSession(world, actor, paths);
  const bypassed = answers.filter((a) => a.status !== 302 || a.location !== ENROLMENT_PATH);
  assert.deepEqual(
    bypassed.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`),
    [],
    'these links did not send the user to /users/totp_new',
  );
}

export async function expectNoneRedirectToEnrolment(
  world: LabWorld,
  actor: Actor,
  paths: string[],
): Promise<void> {
  const answers = await requestWithSession(world, actor, paths);
  const redirected = answers.filter((a) => a.location === ENROLMENT_PATH || a.status >= 400);
  assert.deepEqual(
    redirected.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`),
    [],
    'an exempt user was sent to enrolment or refused',
  );
}

export async function expectLandedOn(actor: Actor, path: string): Promise<void> {
  const page = await actor.page();
  assert.equal(currentPath(page), path, `MISP shows ${currentPath(page)}`);
}

/** REST with the actor's auth key: answered, not redirected to enrolment. */
export async function expectAuthKeyWorks(actor: Actor): Promise<void> {
  assert.ok(actor.authKey, `${actor.label} has no auth key`);
  await expectKeyReadsProfileAndEvents(actor);
}

/** Her own profile and the event index, read with her auth key alone (no session, no OTP). */
export async function expectKeyReadsProfileAndEvents(actor: Actor): Promise<void> {
  const me = await actor.misp.getMe();
  assert.equal(me.status, 200, `her own user view with the auth key answered HTTP ${me.status}`);
  assert.equal(me.data.User?.email, actor.email, 'the auth key read another user');
  const events = await actor.misp.eventsIndex();
  assert.equal(events.status, 200, `the event index with the auth key answered HTTP ${events.status}`);
}
