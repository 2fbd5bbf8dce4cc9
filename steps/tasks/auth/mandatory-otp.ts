/**
 * Security.otp_required as a user without TOTP meets it (spec §1.7): the password works, but
 * every page of the session leads to /users/totp_new; REST with an auth key is never redirected;
 * roles with perm_skip_otp are exempt.
 */
import assert from 'node:assert/strict';
import type { Actor, LabWorld } from '../../support/world.ts';
import { currentPath } from '../../pages/navigation.ts';
import { TotpNewPage } from '../../pages/totp-new-page.ts';

export const ENROLMENT_PATH = '/users/totp_new';

export async function expectSentToEnrolment(world: LabWorld): Promise<void> {
  const page = await world.page();
  assert.equal(currentPath(page), ENROLMENT_PATH, `after the password MISP shows ${currentPath(page)}`);
  assert.ok(await new TotpNewPage(page).isShown(), 'the enrolment page has no form UserTotpNewForm');
}

export interface DeepLinkAnswer {
  path: string;
  status: number;
  location: string | null;
}

/** Each link requested with the browser's session cookie, redirects not followed. */
export async function requestWithSession(world: LabWorld, paths: string[]): Promise<DeepLinkAnswer[]> {
  const page = await world.page();
  const answers: DeepLinkAnswer[] = [];
  for (const path of paths) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const location = response.headers().location ?? null;
    answers.push({
      path,
      status: response.status(),
      location: location ? new URL(location, page.url()).pathname : null,
    });
  }
  world.attach(answers.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`).join('\n'), {
    mediaType: 'text/plain',
    fileName: 'deep-links.txt',
  });
  return answers;
}

export async function expectAllRedirectToEnrolment(world: LabWorld, paths: string[]): Promise<void> {
  const answers = await requestWithSession(world, paths);
  const bypassed = answers.filter((a) => a.status !== 302 || a.location !== ENROLMENT_PATH);
  assert.deepEqual(
    bypassed.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`),
    [],
    'these links did not send the user to /users/totp_new',
  );
}

export async function expectNoneRedirectToEnrolment(world: LabWorld, paths: string[]): Promise<void> {
  const answers = await requestWithSession(world, paths);
  const redirected = answers.filter((a) => a.location === ENROLMENT_PATH || a.status >= 400);
  assert.deepEqual(
    redirected.map((a) => `${a.path} -> ${a.status} ${a.location ?? ''}`),
    [],
    'an exempt user was sent to enrolment or refused',
  );
}

export async function expectLandedOn(world: LabWorld, path: string): Promise<void> {
  const page = await world.page();
  assert.equal(currentPath(page), path, `MISP shows ${currentPath(page)}`);
}

/** REST with the actor's auth key: answered, not redirected to enrolment. */
export async function expectAuthKeyWorks(world: LabWorld, actor: Actor): Promise<void> {
  assert.ok(actor.authKey, `${actor.label} has no auth key`);
  const rest = world.rest(actor.authKey);
  const me = await rest.get<{ User?: { email?: string } }>('/users/view/me.json');
  assert.equal(me.status, 200, `/users/view/me.json with the auth key answered HTTP ${me.status}`);
  assert.equal(me.data.User?.email, actor.email, 'the auth key read another user');
  const events = await rest.get('/events/index');
  assert.equal(events.status, 200, `/events/index with the auth key answered HTTP ${events.status}`);
}
