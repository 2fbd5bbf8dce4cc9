/**
 * Load figures (issue 10): password logins per second at 1, 10 and 50 concurrent clients, the
 * heartbeat's p99 while 50 clients log in, and the server's RSS over a mixed soak (slope in MB/min
 * after a warm-up). The server runs in a child process (bench/load-server.ts); RSS is read from
 * /proc/<pid>/status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

interface Target {
  url: string;
  email: string;
  password: string;
  authKey: string;
}

export async function startLoadServer(): Promise<{ target: Target; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./load-server.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`load server exited with ${code}`)));
  });
  return { target: JSON.parse(line) as Target, child };
}

/** Every hidden field of the login form (MISP's CSRF key, fields and unlocked tokens), as a browser posts them. */
function hiddenFields(html: string): Record<string, string> {
  const form = /<form[^>]*id="UserLoginForm"[\s\S]*?<\/form>/.exec(html)?.[0] ?? html;
  const fields: Record<string, string> = {};
  for (const input of form.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input)?.[1] ?? '';
  }
  if (!fields['data[_Token][key]']) throw new Error('no CSRF key on the login page');
  return fields;
}

/**
 * One browser-style password login: GET the form (session + CSRF tokens), POST it, expect the
 * redirect to routeafterlogin. The same requests work on the reference server and on MISP 2.5.1.
 */
async function logIn(target: Pick<Target, 'url' | 'email' | 'password'>): Promise<void> {
  const page = await fetch(`${target.url}/users/login`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  // Posted as a browser posts them: each value form-encoded as it stands in the page.
  const body = new URLSearchParams({
    ...hiddenFields(await page.text()),
    'data[User][email]': target.email,
    'data[User][password]': target.password,
  }).toString();
  const answer = await fetch(`${target.url}/users/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  await answer.arrayBuffer();
  if (answer.status !== 302 || !answer.headers.get('location')?.endsWith('/users/routeafterlogin'))
    throw new Error(`login answered ${answer.status}`);
}

/** Logins per second with `clients` loops running for `ms`. */
async function loginThroughput(
  target: Pick<Target, 'url' | 'email' | 'password'>,
  clients: number,
  ms: number,
): Promise<number> {
  const until = Date.now() + ms;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await logIn(target);
        done += 1;
      }
    }),
  );
  return (done * 1000) / (Date.now() - started);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Heartbeat latencies (one every 20 ms) while `clients` log in. */
async function heartbeatUnderLogins(target: Target, clients: number, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await (await fetch(`${target.url}/users/heartbeat`)).text();
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await loginThroughput(target, clients, ms);
  running = false;
  await probe;
  return latencies;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Least-squares slope of (minute, MB) samples. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** A mixed soak: logins, event adds and views, heartbeats, auth-key reads, hostile bodies. */
async function soak(target: Target, pid: number, ms: number, warmupMs: number) {
  const api = {
    Authorization: target.authKey,
    Accept: 'application/json',
    'content-type': 'application/json',
  };
  const until = Date.now() + ms;
  const started = Date.now();
  const samples: Array<[number, number]> = [];
  const sampler = setInterval(() => samples.push([(Date.now() - started) / 60_000, rssMb(pid)]), 5_000);
  const before = rssMb(pid);
  let i = 0;
  const work = async () => {
    while (Date.now() < until) {
      i += 1;
      const kind = i % 5;
      if (kind === 0) await logIn(target);
      else if (kind === 1) {
        const added = await fetch(`${target.url}/events/add`, {
          method: 'POST',
          headers: api,
          body: JSON.stringify({ Event: { info: `soak ${i}`, distribution: 0 } }),
        });
        const id = ((await added.json()) as { Event?: { id?: string } }).Event?.id;
        if (id) await (await fetch(`${target.url}/events/view/${id}`, { headers: api })).text();
      } else if (kind === 2) await (await fetch(`${target.url}/users/view/me`, { headers: api })).text();
      else if (kind === 3)
        await (
          await fetch(`${target.url}/users/heartbeat`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: '__proto__[x]=1&data[a][b]=2',
          })
        ).text();
      else await (await fetch(`${target.url}/users/heartbeat`)).text();
    }
  };
  await Promise.all(Array.from({ length: 8 }, work));
  clearInterval(sampler);
  const after = rssMb(pid);
  const steady = samples.filter(([minute]) => minute * 60_000 >= warmupMs);
  return { before, after, slopeMbPerMin: slope(steady), requests: i, samples };
}

export async function measureLoad(options: { soakMs?: number } = {}) {
  const { target, child } = await startLoadServer();
  try {
    await loginThroughput(target, 2, 2_000); // warm-up: JIT, prepared statements
    const logins1 = await loginThroughput(target, 1, 5_000);
    const logins10 = await loginThroughput(target, 10, 5_000);
    const logins50 = await loginThroughput(target, 50, 8_000);
    const heartbeat = await heartbeatUnderLogins(target, 50, 8_000);
    const soakMs = options.soakMs ?? Number(process.env.BENCH_SOAK_MS ?? 5 * 60_000);
    const soaked = await soak(target, child.pid!, soakMs, Math.min(60_000, soakMs / 5));
    return {
      logins1,
      logins10,
      logins50,
      heartbeatP50Ms: percentile(heartbeat, 50),
      heartbeatP99Ms: percentile(heartbeat, 99),
      rssBeforeSoakMb: soaked.before,
      rssAfterSoakMb: soaked.after,
      soakSlopeMbPerMin: soaked.slopeMbPerMin,
      soakRequests: soaked.requests,
      soakSamples: soaked.samples.map(([minute, mb]) => `${minute.toFixed(2)}:${mb.toFixed(1)}`).join(' '),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The same password logins on a real MISP 2.5.1 (MISP_URL, MISP_ADMIN_AUTHKEY), side by side: a
 * throwaway user is added through the admin API for the run and deleted after it. MISP hashes
 * passwords with bcrypt at cost 10 (password_hash with PASSWORD_BCRYPT), which sets its pace as
 * scrypt sets ours. Undefined when no real MISP is given.
 */
export async function measureRealMispLogins(): Promise<
  { logins1: number; logins10: number; logins50: number } | undefined
> {
  const url = process.env.MISP_URL?.replace(/\/$/, '');
  const key = process.env.MISP_ADMIN_AUTHKEY;
  if (!url || !key) return undefined;
  const api = { Authorization: key, Accept: 'application/json', 'Content-Type': 'application/json' };
  const user = { url, email: `bench-login-${Date.now()}@admin.test`, password: 'Bench-Login-Passw0rd!' };
  const added = await fetch(`${url}/admin/users/add`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({
      email: user.email,
      org_id: '1',
      role_id: '3',
      password: user.password,
      change_pw: '0',
    }),
  });
  const id = ((await added.json()) as { User?: { id?: string } }).User?.id;
  if (!added.ok || !id) throw new Error(`real MISP did not add the bench user (HTTP ${added.status})`);
  try {
    await loginThroughput(user, 2, 2_000);
    return {
      logins1: await loginThroughput(user, 1, 5_000),
      logins10: await loginThroughput(user, 10, 5_000),
      logins50: await loginThroughput(user, 50, 8_000),
    };
  } finally {
    await fetch(`${url}/admin/users/delete/${id}`, { method: 'POST', headers: api });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    JSON.stringify(
      { referenceServer: await measureLoad(), realMisp: await measureRealMispLogins() },
      null,
      1,
    ),
  );
}
