/**
 * The workflow editor in a real Chromium, driven by the same page object that drives real MISP
 * 2.5.1's editor: the page loads without console errors, two blocks are dragged from the sidebar,
 * wired with Drawflow's own drag from an output to an input, a chosen picker is filled, and Save
 * stores MISP's exported format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../lab/browser.ts';
import { WorkflowEditorPage } from '../../steps/pages/workflow-editor-page.ts';
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

  it('adds, connects, configures and saves two nodes through the page object that drives real MISP', async () => {
    const { page, errors } = await loggedInPage();
    await lab.call('POST', '/workflows/toggleModule/tag-if/1');
    await lab.call('POST', '/workflows/toggleModule/stop-execution/1');
    await lab.call('POST', '/workflows/toggleModule/distribution-if/0');
    await lab.call('POST', '/tags/add', { name: 'tlp:red' });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${lab.server.getUrl()}/workflows/editor/event-publish`);
    const editor = new WorkflowEditorPage(page);
    await editor.waitUntilReady();
    expect(await page.locator('#drawflow .drawflow-node').count()).toBe(1);
    expect(await page.locator('#container-logic .sidebar-workflow-block').count()).toBe(10);
    // A disabled module cannot be dragged, as in MISP.
    await expect(editor.dragModule('distribution-if', { x: 190, y: 40 })).rejects.toThrow(/disabled/);

    const tagIf = await editor.dragModule('tag-if', { x: 190, y: 40 });
    const stop = await editor.dragModule('stop-execution', { x: 190, y: 440 });
    await editor.connect(await editor.nodeIdByName('Event Publish'), 1, tagIf);
    await editor.connect(tagIf, 1, stop);
    await expect.poll(() => page.locator('#drawflow svg.connection').count()).toBe(2);
    await editor.setParam(tagIf, 'Tags', 'tlp:red');
    expect(await page.locator('#workflow-saved-text').innerText()).toBe('not saved');
    const { response, message, savedState } = await editor.save();
    expect([response.status(), message, savedState]).toEqual([200, 'Workflow saved.', 'saved']);
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

  it("shows MISP 2.5.1's broken access-gate page in the browser, naming no component", async () => {
    const { page } = await loggedInPage();
    await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: false });
    try {
      const answer = await page.goto(`${lab.server.getUrl()}/workflows/triggers`);
      expect(answer?.status()).toBe(500);
      expect(await page.locator('#workflowAccessError strong').textContent()).toBe(
        'Could not access Workflow system',
      );
      expect(await page.locator('.misp-error-container h2').textContent()).toBe(
        'An Internal Error Has Occurred.',
      );
    } finally {
      await lab.call('POST', '/servers/serverSettingsEdit/MISP.background_jobs', { value: true });
      await page.close();
    }
  });
});
