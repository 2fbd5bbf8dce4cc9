/**
 * The workflow editor in a real Chromium: the page loads Drawflow from the server without console
 * errors, two modules are added from the palette, connected with Drawflow's own drag from an
 * output to an input, a param is set in the node's form, and Save stores MISP's exported format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../lab/browser.ts';
import { PASSWORD } from './support/lab-server.ts';
import { startWorkflowLab, type Json, type Lab } from './workflows-support.ts';

const hasChromium = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();

describe.skipIf(!hasChromium)('workflow editor in a real browser', () => {
  let lab: Lab;
  let browser: Browser;
  beforeAll(async () => {
    lab = await startWorkflowLab({ admin: { password: PASSWORD } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await lab?.server.stop();
  });

  async function loggedInPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    // The browser's own favicon request is not the page's doing; every other failed load counts.
    page.on('console', (message) => {
      const favicon = message.location().url.endsWith('/favicon.ico');
      if (message.type() === 'error' && !favicon) errors.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${lab.server.getUrl()}/users/login`);
    await page.fill('#UserEmail', lab.server.getAdmin().email);
    await page.fill('#UserPassword', PASSWORD);
    await page.click('#UserLoginForm button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/users/login'));
    return { page, errors };
  }

  it('adds, connects, configures and saves two nodes', async () => {
    const { page, errors } = await loggedInPage();
    await page.goto(`${lab.server.getUrl()}/workflows/editor/event-publish`);
    await page.waitForSelector('body[data-editor-ready="1"]');
    expect(await page.locator('#drawflow .drawflow-node').count()).toBe(1);
    expect(
      await page.locator('#workflow-palette .workflow-palette-module[data-module-type="logic"]').count(),
    ).toBe(10);

    await page.click('.workflow-add-module[data-module-id="tag-if"]');
    await page.click('.workflow-add-module[data-module-id="stop-execution"]');
    const tagIf = page.locator('.drawflow-node:has([data-module-id="tag-if"])');
    const stop = page.locator('.drawflow-node:has([data-module-id="stop-execution"])');
    await expect.poll(() => page.locator('#drawflow .drawflow-node').count()).toBe(3);

    // Drawflow's own connection UI: press on an output, release on an input.
    const trigger = page.locator('.drawflow-node.block-type-trigger');
    await trigger.locator('.outputs .output_1').dragTo(tagIf.locator('.inputs .input_1'));
    await tagIf.locator('.outputs .output_1').dragTo(stop.locator('.inputs .input_1'));
    await expect.poll(() => page.locator('#drawflow svg.connection').count()).toBe(2);

    await tagIf.locator('[data-param="tags"]').fill('tlp:red');
    await tagIf.locator('[data-param="tags"]').dispatchEvent('change');
    await page.click('#workflow-save-button');
    await expect.poll(() => page.locator('#workflow-save-message').textContent()).toBe('Workflow saved.');
    expect(errors).toEqual([]);

    const saved = (await lab.call('GET', '/workflows/view/1.json')).body.Workflow as Json;
    const nodes = Object.values(saved.data as Json) as Json[];
    const byModule = (id: string) => nodes.find((node) => node.data.id === id)!;
    expect(byModule('tag-if').data.indexed_params).toEqual({
      scope: 'event',
      condition: 'in_or',
      tags: ['tlp:red'],
      clusters: [],
    });
    expect(byModule('stop-execution').data.indexed_params).toEqual({ message: 'Execution stopped' });
    expect(byModule('stop-execution').outputs).toEqual([]);
    for (const node of nodes) {
      expect(node.html).toBeUndefined();
      expect(node.data.params).toBeUndefined();
      expect(Object.keys(node.data).filter((key) => key.startsWith('_'))).toEqual([]);
    }
    const triggerNode = byModule('event-publish');
    expect(triggerNode.inputs).toEqual([]);
    const tagIfId = String(byModule('tag-if').id);
    expect(triggerNode.outputs.output_1.connections).toEqual([{ node: tagIfId, output: 'input_1' }]);
    expect(byModule('tag-if').outputs.output_1.connections).toEqual([
      { node: String(byModule('stop-execution').id), output: 'input_1' },
    ]);
    await page.close();
  });

  it('shows the access gate messages in the browser', async () => {
    const { page } = await loggedInPage();
    await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: false });
    try {
      await page.goto(`${lab.server.getUrl()}/workflows/triggers`);
      expect(await page.locator('#workflowAccessError h2').textContent()).toBe(
        'Could not access Workflow system',
      );
      expect(await page.locator('.workflow-error-item').allTextContents()).toEqual([
        'Background workers must be enabled to use workflows',
      ]);
    } finally {
      await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: true });
      await page.close();
    }
  });
});
