/**
 * The workflow editor (/workflows/editor/<trigger>) with real MISP 2.5.1's markup: a sidebar with
 * the tabs Actions and Logic (#block-tabs, panes #container-actions and #container-logic), one
 * `.sidebar-workflow-block[data-blockid]` per module (disabled ones carry `.disabled`), the
 * Drawflow canvas #drawflow, Save (#saveWorkflow) behind a confirm dialog, and the saved state in
 * #workflow-saved-text. A node shows its title in `.default-main-container strong` and each param
 * as `.node-param-container` > label > span (the label) + its field; multi-value pickers are
 * chosen.js widgets over a hidden <select multiple>, so values are picked as a person picks them.
 * Blocks are dragged with the mouse (jQuery UI draggable in MISP), wires from `.outputs .output_<n>`
 * to `.inputs .input_1` (Drawflow's own elements).
 */
import type { Locator, Page, Response } from 'playwright-core';

export class WorkflowEditorPage {
  /** MISP's own URL of a trigger's editor. */
  static pathFor(triggerId: string): string {
    return `/workflows/editor/${triggerId}`;
  }

  constructor(private readonly page: Page) {}

  readonly canvas = () => this.page.locator('#drawflow');

  /** The trigger's node is on the canvas once the editor has loaded the saved graph. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('#drawflow .drawflow-node.block-type-trigger').first().waitFor();
  }

  private block(moduleId: string): Locator {
    return this.page.locator(`.sidebar-workflow-block[data-blockid="${moduleId}"]`).first();
  }

  private nodes(): Locator {
    return this.page.locator('#drawflow .drawflow-node');
  }

  /**
   * Opens the sidebar tab holding the module, then drags its block onto a free spot of the
   * canvas, `at` being relative to the canvas area right of the sidebar; answers the new node's id.
   */
  async dragModule(moduleId: string, at: { x: number; y: number }): Promise<string> {
    const block = this.block(moduleId);
    if ((await block.count()) === 0) throw new Error(`the editor's sidebar has no block "${moduleId}"`);
    const pane = await block.evaluate((element) => element.closest('.tab-pane')?.id ?? '');
    if (pane) await this.page.locator(`#block-tabs a[href="#${pane}"]`).click();
    if (await block.evaluate((element) => element.classList.contains('disabled')))
      throw new Error(`the block "${moduleId}" is disabled in the editor`);
    await block.scrollIntoViewIfNeeded();
    const before = await this.nodeIds();
    const from = await centre(block);
    const sidebar = await this.page.locator('.sidebar').boundingBox();
    const canvas = await this.canvas().boundingBox();
    if (!canvas) throw new Error('the workflow canvas is not visible');
    const left = Math.max(canvas.x, sidebar ? sidebar.x + sidebar.width : canvas.x);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(left + at.x, canvas.y + at.y, { steps: 10 });
    await this.page.mouse.up();
    await this.page.waitForFunction(
      (count) => document.querySelectorAll('#drawflow .drawflow-node').length > count,
      before.length,
    );
    const added = (await this.nodeIds()).filter((id) => !before.includes(id));
    if (added.length !== 1) throw new Error(`dragging ${moduleId} added ${added.length} nodes`);
    return added[0]!;
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes().evaluateAll((elements) => elements.map((e) => e.id.replace(/^node-/, '')));
  }

  /** The id of the last node whose title is this module name ("IF :: Tag", "Event Publish"). */
  async nodeIdByName(name: string): Promise<string> {
    const matching = this.nodes().filter({
      has: this.page.locator('.default-main-container > strong', {
        hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`),
      }),
    });
    const ids = await matching.evaluateAll((elements) => elements.map((e) => e.id.replace(/^node-/, '')));
    if (ids.length === 0) throw new Error(`no node "${name}" on the canvas`);
    return ids[ids.length - 1]!;
  }

  /** A param's box in a node, found by its label ("Scope", "Condition", "Tags" …). */
  private param(nodeId: string, label: string): Locator {
    return this.page
      .locator(`#node-${nodeId} .node-param-container`)
      .filter({
        has: this.page.locator('label > span', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
      })
      .first();
  }

  /** Chooses by the option's visible text, picks from a chosen list, or types, as a person would. */
  async setParam(nodeId: string, label: string, value: string): Promise<void> {
    const param = this.param(nodeId, label);
    if ((await param.count()) === 0) throw new Error(`node ${nodeId} has no param "${label}"`);
    const chosen = param.locator('.chosen-container');
    if ((await chosen.count()) > 0) {
      await chosen.locator('.chosen-search-input').click();
      await chosen.locator('.chosen-search-input').fill(value);
      await chosen
        .locator('.chosen-results li', { hasText: new RegExp(`^\\s*${escapeRegExp(value)}\\s*$`) })
        .first()
        .click();
      return;
    }
    const select = param.locator('select');
    if ((await select.count()) > 0) await select.first().selectOption({ label: value });
    else await param.locator('input, textarea').first().fill(value);
  }

  /** Drags a wire from an output of one node to the input of another (mouse, as Drawflow wants). */
  async connect(fromNodeId: string, output: number, toNodeId: string): Promise<void> {
    const start = await centre(this.page.locator(`#node-${fromNodeId} .outputs .output_${output}`));
    const end = await centre(this.page.locator(`#node-${toNodeId} .inputs .input_1`));
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
    await this.page.mouse.move(end.x, end.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Clicks Save and confirms; answers MISP's reply to the POST /workflows/edit/<id> and its message. */
  async save(): Promise<{ response: Response; message: string; savedState: string }> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    const saved = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/workflows\/edit\/\d+/.test(r.url()),
    );
    await this.page.locator('#saveWorkflow').click();
    const response = await saved;
    const answer = (await response.json().catch(() => ({}))) as { message?: string };
    const state = this.page.locator('#workflow-saved-text');
    await state
      .filter({ hasText: /^\s*saved\s*$/ })
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    return { response, message: answer.message ?? '', savedState: (await state.innerText()).trim() };
  }
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
