/**
 * Hostile request bodies (issue 10, defects 1, 3 and 9): prototype keys in form fields, bodies past
 * the limits, malformed multipart, deep nesting, too many fields. Each gets a clear 4xx in
 * MISP's JSON shape, nothing is buffered past the limit, and the server keeps serving.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMispServer, type StartedMispServer } from '../../../server/app.ts';

let server: StartedMispServer;
let url: string;
const LIMIT = 1024 * 1024;
beforeAll(async () => {
  server = await startMispServer({
    httpLimits: { maxBodyBytes: LIMIT, maxFormFields: 1000, maxJsonDepth: 512 },
  });
  url = server.getUrl();
});
afterAll(() => server.stop());

const restHeaders = () => ({ Authorization: server.getAdmin().authKey, Accept: 'application/json' });

async function post(path: string, body: string, contentType: string, headers: Record<string, string> = {}) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

async function heartbeatAndLoginPage(): Promise<number[]> {
  const heartbeat = await fetch(`${url}/users/heartbeat`, {
    method: 'POST',
    headers: restHeaders(),
    body: '{}',
  });
  const login = await post(
    '/users/login',
    'data[User][email]=a@b.c&data[User][password]=x',
    'application/x-www-form-urlencoded',
  );
  return [heartbeat.status, login.status];
}

describe('prototype keys in form field names', () => {
  it('are kept as ordinary keys and do not poison later requests', async () => {
    const before = await heartbeatAndLoginPage();
    expect(before.every((status) => status < 500)).toBe(true);
    for (const field of [
      '__proto__[x]=1',
      'data[__proto__][polluted]=1',
      'constructor[prototype][y]=2',
      '__proto__=3',
    ]) {
      const answer = await post('/users/heartbeat', field, 'application/x-www-form-urlencoded');
      expect(answer.status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await heartbeatAndLoginPage()).toEqual(before);
  });
});

describe('body limits', () => {
  it('refuses a declared oversized body with 413 before reading it, even unauthenticated', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"a":"'); // never sends the 200 MB it announced
    });
    expect(status).toBe(413);
  });

  it('stops a chunked body at the limit with 413 in MISP JSON shape', async () => {
    const chunk = 'a'.repeat(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * LIMIT) return controller.close();
        sent += chunk.length;
        controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const response = await fetch(`${url}/events/add.json`, {
      method: 'POST',
      headers: { ...restHeaders(), 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({
      name: body.message,
      message: expect.stringContaining('larger than'),
      url: '/events/add.json',
    });
  });

  it('refuses more than max_input_vars form fields and too deep field names', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&');
    expect((await post('/users/login', many, 'application/x-www-form-urlencoded')).status).toBe(413);
    const deep = `a${'[x]'.repeat(70)}=1`;
    expect((await post('/users/login', deep, 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('answers JSON nested past json_decode depth as invalid JSON, not a crash', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const answer = await post('/events/add.json', deep, 'application/json', restHeaders());
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.text).message).toMatch(/^Invalid JSON input/);
  });

  it('answers malformed multipart with 400, not 500', async () => {
    const answer = await post(
      '/events/add.json',
      '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
      'multipart/form-data; boundary=xyz',
      restHeaders(),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ message: 'Malformed multipart/form-data body.' });
  });

  it('refuses an event info longer than the 65,535 bytes MISP stores (real MISP answers 500)', async () => {
    const answer = await post(
      '/events/add.json',
      JSON.stringify({ Event: { info: 'i'.repeat(70_000), distribution: 0 } }),
      'application/json',
      restHeaders(),
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errors.Event.info[0]).toMatch(/65535 bytes/);
  });
});
