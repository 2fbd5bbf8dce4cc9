/**
 * attributes/edit to distribution 4 with a sharing group that does not exist: real MISP 2.5.1
 * answers 403 "Invalid Sharing Group or not authorised." and leaves the attribute as it was
 * (observed 2026-12-02 on shared/real-misp instance 1), as attributes/add does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab, type Lab } from './events-support.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab.server.stop());

it('refuses an unknown sharing group on edit and keeps the attribute', async () => {
  const event = await lab.addEvent({
    distribution: 0,
    Attribute: [{ type: 'ip-dst', value: '198.51.100.8' }],
  });
  const attributeId = String(event.Attribute[0].id);
  const edit = await lab.call('POST', `/attributes/edit/${attributeId}`, {
    distribution: '4',
    sharing_group_id: '999',
  });
  expect(edit.status).toBe(403);
  expect(edit.body).toEqual({
    name: 'Invalid Sharing Group or not authorised.',
    message: 'Invalid Sharing Group or not authorised.',
    url: `/attributes/edit/${attributeId}`,
  });
  const after = await lab.call('GET', `/attributes/view/${attributeId}`);
  expect(after.body.Attribute).toMatchObject({ distribution: '5', sharing_group_id: '0' });
});
