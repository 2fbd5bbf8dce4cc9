/**
 * Triggers fired outside events: user-before-save refusing an admin's user save (logged, nothing
 * saved), user-after-save and log-after-save reaching a real local webhook receiver, and
 * log-after-save never firing for the workflow's own log lines.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTriggerWorkflow,
  fixtureGraph,
  saveSingleActionWorkflow,
  startWorkflowLab,
  type Json,
  type Lab,
} from './workflows-support.ts';

let lab: Lab | undefined;
let receiver: Server | undefined;
let hooks: Json[] = [];
let hookUrl = '';

beforeEach(async () => {
  hooks = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as Json);
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterEach(async () => {
  await lab?.server.stop();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  lab = undefined;
});

describe('user triggers', () => {
  it('user-before-save with stop-execution refuses the save and logs it', async () => {
    lab = await startWorkflowLab({ triggers: ['user-before-save'] });
    const workflow = await openTriggerWorkflow(lab, 'user-before-save');
    const graph = fixtureGraph('example-a');
    const stop = graph['4'];
    const data = workflow.data as Json;
    data['1'].outputs.output_1.connections = [{ node: '4', output: 'input_1' }];
    data['4'] = { ...stop, inputs: { input_1: { connections: [{ node: '1', input: 'output_1' }] } } };
    await lab.call('POST', `/workflows/edit/${workflow.id}`, {
      Workflow: { data: JSON.stringify(data) },
    });
    const answer = await lab.call('POST', '/admin/users/add', {
      User: { email: 'new@lab.test', org_id: 1, role_id: 3 },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.name).toBe('Could not add User');
    expect(lab.server.services.users.findByEmail('new@lab.test')).toBeUndefined();
    const log = lab.server.services.logs.list({ model: 'User', action: 'add' })[0];
    expect(log?.title).toBe('The workflow `user-before-save` prevented the saving of user');
    expect(log?.change).toMatch(/^Returned message: Node `stop-execution` \(4\) .* Execution stopped$/);
  });

  it('user-after-save hands the saved user to a webhook', async () => {
    lab = await startWorkflowLab({
      triggers: ['user-after-save'],
      extraSettings: { 'Security.rest_client_enable_arbitrary_urls': true },
    });
    await saveSingleActionWorkflow(lab, 'user-after-save', 'webhook', { url: hookUrl });
    const answer = await lab.call('POST', '/admin/users/add', {
      User: { email: 'seen@lab.test', org_id: 1, role_id: 3 },
    });
    expect(answer.status).toBe(200);
    await lab.server.services.jobs.idle();
    expect(hooks.map((hook) => hook.User?.email)).toEqual(['seen@lab.test']);
    const job = lab.server.services.jobs
      .list()
      .find((row) => row.job_input === 'Workflow for trigger `user-after-save`');
    expect(job?.message).toBe('Workflow for trigger `user-after-save` completed execution');
  });
});

describe('log-after-save', () => {
  it('sends new log rows, but not the workflow rows, to the webhook', async () => {
    lab = await startWorkflowLab({
      triggers: ['log-after-save'],
      extraSettings: { 'Security.rest_client_enable_arbitrary_urls': true },
    });
    await saveSingleActionWorkflow(lab, 'log-after-save', 'webhook', { url: hookUrl });
    await lab.call('POST', '/servers/serverSettingsEdit/MISP.email', { value: 'misp@lab.test' });
    await lab.server.services.jobs.idle();
    const models = hooks.map((hook) => hook.Log?.model);
    expect(models).toContain('Server');
    expect(models).not.toContain('Workflow');
    expect(hooks.find((hook) => hook.Log?.model === 'Server')!.Log.change).toContain('MISP.email');
  });
});
