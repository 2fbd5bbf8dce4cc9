import { afterEach, describe, expect, it } from 'vitest';
import { ThirdPartyService } from '../../steps/support/third-party.ts';

let service: ThirdPartyService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});

describe('ThirdPartyService', () => {
  it('answers on a loopback port and keeps what it was sent', async () => {
    service = await ThirdPartyService.start();
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${service.url}/query`, { method: 'POST', body: '{"ip-dst":"203.0.113.50"}' });
    expect(answer.status).toBe(200);
    await fetch(`${service.url}/lookup/${encodeURIComponent('evil.example')}`);
    expect(service.received.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(service.requestsMentioning('203.0.113.50')).toHaveLength(1);
    expect(service.requestsMentioning('evil.example')).toHaveLength(1);
    expect(service.requestsMentioning('198.51.100.1')).toHaveLength(0);
  });

  it('stops even with a connection kept alive', async () => {
    service = await ThirdPartyService.start();
    await fetch(service.url, { keepalive: true });
    await service.stop();
    service = null;
  });
});
