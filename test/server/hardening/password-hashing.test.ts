/**
 * Password checks run off the event loop (issue 10, defect 4): while logins hash, other requests
 * are answered; an unknown e-mail still costs a full hash, so timing does not reveal accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify } from '../../../server/auth/login-service.ts';
import { PASSWORD, startLab, type Lab } from '../support/lab-server.ts';
import { readForm } from '../support/web-client.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab.stop());

describe('password hashing', () => {
  it('answers a heartbeat before the first of a crowd of logins has finished hashing', async () => {
    const clients = Array.from({ length: 12 }, () => lab.client());
    const forms = await Promise.all(
      clients.map(async (client) => ({
        client,
        form: readForm((await client.get('/users/login')).text, 'UserLoginForm'),
      })),
    );
    const crowd = forms.map(async ({ client, form }) => {
      const fields = {
        ...form.fields,
        'data[User][email]': 'admin@admin.test',
        'data[User][password]': PASSWORD,
      };
      expect((await client.request(form.action, { form: fields })).status).toBe(302);
      return performance.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const heartbeat = await fetch(`${lab.url}/users/heartbeat`);
    const answeredAt = performance.now();
    expect(heartbeat.status).toBe(200);
    const finished = await Promise.all(crowd);
    expect(answeredAt).toBeLessThan(Math.min(...finished));
  });

  it('spends a full hash on an unknown e-mail, as on a wrong password', async () => {
    // Fastest of several runs: load on a shared machine only ever makes a run slower.
    const fastest = async (email: string) => {
      let best = Infinity;
      for (let i = 0; i < 4; i += 1) {
        const begun = performance.now();
        expect(await identify(lab.server.services, email, 'wrong-password')).toBeNull();
        best = Math.min(best, performance.now() - begun);
      }
      return best;
    };
    const known = await fastest('admin@admin.test');
    const unknown = await fastest('nobody@lab.test');
    expect(unknown).toBeGreaterThan(known * 0.5);
  });
});
