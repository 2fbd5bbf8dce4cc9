/**
 * Latency of a browser-style two-factor login against the reference server: GET the login form,
 * POST the password, GET the OTP form, POST the current TOTP code. An in-memory server is started,
 * a user is created and enrolled over HTTP exactly as a person would, then `runs` logins are timed.
 */
import { generate } from 'otplib';
import { startMispServer } from '../server/app.ts';

const PASSWORD = 'Bench-Password-2fa-1';

class Session {
  private cookie = '';
  constructor(private readonly base: string) {}

  async send(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string; text: string }> {
    const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(this.base + path, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('CAKEPHP='));
    if (set) this.cookie = set.split(';')[0]!;
    const location = response.headers.get('location') ?? '';
    return {
      status: response.status,
      location: location ? new URL(location, this.base).pathname : '',
      text: await response.text(),
    };
  }

  /** GETs a page and posts its form back with `fields` (the CSRF token comes from the page). */
  async submit(path: string, fields: Record<string, string>) {
    const page = await this.send(path);
    const token = /name="data\[_Token\]\[key\]"\s+value="([0-9a-f]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`no form token on ${path} (status ${page.status})`);
    return this.send(path, { _method: 'POST', 'data[_Token][key]': token, ...fields });
  }
}

const totpNow = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });

async function loginWithOtp(base: string, email: string, secret: string): Promise<boolean> {
  const session = new Session(base);
  const login = await session.submit('/users/login', {
    'data[User][email]': email,
    'data[User][password]': PASSWORD,
  });
  if (login.location !== '/users/otp')
    throw new Error(`password step answered ${login.status} ${login.location}`);
  const otp = await session.submit('/users/otp', { 'data[User][otp]': await totpNow(secret) });
  return otp.location === '/users/routeafterlogin';
}

export async function measureLoginOtp(runs: number): Promise<{ medianMs: number }> {
  if (!Number.isInteger(runs) || runs < 1) throw new Error('runs must be a positive integer');
  const server = await startMispServer({ admin: { password: PASSWORD } });
  try {
    const base = server.getUrl();
    const email = 'bench@lab.test';
    const created = await fetch(`${base}/admin/users/add`, {
      method: 'POST',
      headers: {
        Authorization: server.getAdmin().authKey,
        Accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email, password: PASSWORD, role_id: 3, org_id: 1 }),
    });
    if (created.status !== 200) throw new Error(`user creation answered ${created.status}`);

    const session = new Session(base);
    await session.submit('/users/login', { 'data[User][email]': email, 'data[User][password]': PASSWORD });
    const page = await session.send('/users/totp_new');
    const secret = /<pre>([A-Z2-7]+)<\/pre>/.exec(page.text)?.[1];
    if (!secret) throw new Error('no TOTP secret on /users/totp_new');
    const enrolled = await session.send('/users/totp_new', {
      _method: 'POST',
      'data[_Token][key]': /name="data\[_Token\]\[key\]"\s+value="([0-9a-f]+)"/.exec(page.text)![1]!,
      'data[User][otp]': await totpNow(secret),
    });
    if (enrolled.location !== '/users/hotp') throw new Error(`enrolment answered ${enrolled.status}`);

    const samples: number[] = [];
    let refused = 0;
    while (samples.length < runs) {
      const started = performance.now();
      const ok = await loginWithOtp(base, email, secret);
      const elapsed = performance.now() - started;
      // A code computed just before a 30-second boundary may be refused: not a latency sample.
      if (ok) samples.push(elapsed);
      else if (++refused > 3) throw new Error('the server keeps refusing fresh TOTP codes');
    }
    samples.sort((a, b) => a - b);
    const mid = Math.floor(samples.length / 2);
    const medianMs = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
    return { medianMs: Math.round(medianMs * 100) / 100 };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 20);
  measureLoginOtp(runs).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(`login-otp bench: ${error.message}`);
      process.exit(1);
    },
  );
}
