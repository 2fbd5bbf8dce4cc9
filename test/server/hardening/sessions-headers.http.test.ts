/**
 * Sessions and headers (issue 10, defect 9): the session cookie is MISP's CAKEPHP; auth-key calls
 * store no session (80,000 of them used to add 67 MB); idle sessions are collected; the store has a
 * ceiling; every answer carries MISP's CSP and X-XSS-Protection plus framing and sniffing guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SessionStore } from '../../../server/http/session.ts';
import { logIn, startLab, type Lab } from '../support/lab-server.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab.stop());

const sessionCount = () => lab.server.services.sessions.size;

describe('sessions', () => {
  it('stores none for auth-key calls and sends no cookie', async () => {
    const before = sessionCount();
    for (let i = 0; i < 50; i += 1) {
      const answer = await fetch(`${lab.url}/users/view/me.json`, {
        headers: { Authorization: lab.server.getAdmin().authKey },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(sessionCount()).toBe(before);
  });

  it('gives a browser MISP’s CAKEPHP cookie, and collects it once idle', async () => {
    const browser = lab.client();
    await logIn(browser, 'admin@admin.test');
    expect(browser.sessionCookie()).toMatch(/^[0-9a-f]{48}$/);
    const page = await fetch(`${lab.url}/users/login`);
    expect(page.headers.get('set-cookie')).toMatch(
      /^CAKEPHP=[0-9a-f]+; expires=.+; Max-Age=3600; path=\/; HttpOnly; SameSite=Lax$/,
    );
    const stored = sessionCount();
    lab.advance(SESSION_IDLE_MS + 1_000);
    await fetch(`${lab.url}/users/heartbeat`);
    expect(sessionCount()).toBeLessThan(stored);
    expect((await browser.get('/users/view/me')).status).toBe(302);
  });

  it('keeps at most its ceiling, dropping the least recently seen', () => {
    const store = new SessionStore(Date.now, 3, 3);
    const [first, second] = [store.create(), store.create()];
    store.create();
    store.find(first.id);
    store.create();
    expect(store.size).toBe(3);
    expect(store.find(second.id)).toBeNull();
    expect(store.find(first.id)).not.toBeNull();
  });

  it('lets a crowd of anonymous visitors push out only each other, never a logged-in user', () => {
    const store = new SessionStore(Date.now, 100, 5);
    const user = store.create();
    user.userId = 1;
    store.keep(user);
    for (let i = 0; i < 1000; i += 1) store.create();
    expect(store.size).toBe(6);
    expect(store.find(user.id)?.userId).toBe(1);
  });
});

describe('security headers', () => {
  it('sends MISP’s CSP (report-only, frame-ancestors none), X-XSS-Protection, and framing/sniffing guards', async () => {
    for (const path of ['/users/login', '/users/view/me.json', '/no/such/page']) {
      const answer = await fetch(lab.url + path, {
        headers: { Authorization: lab.server.getAdmin().authKey },
      });
      expect(answer.headers.get('content-security-policy-report-only')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-xss-protection')).toBe('1; mode=block');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('never puts a client-chosen Host into a redirect when MISP.baseurl is empty', async () => {
    const answer = await fetch(`${lab.url}/events/index`, {
      redirect: 'manual',
      headers: { Host: 'evil.example' },
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/users/login');
  });
});
