/**
 * The workflow editor (/workflows/editor/<trigger>): a palette of modules by kind, the Drawflow
 * canvas and Save. Nodes, inputs and outputs are Drawflow's own elements (#node-<id>,
 * .outputs .output_<n>, .inputs .input_<n>), so connecting works as a person drags a wire. The
 * palette items carry the module id (data-module-id), and each node shows its params as
 * label + field pairs, the way the slides fill them in.
 */
import type { Locator, Page, Response } from 'playwright-core';

export class WorkflowEditorPage {
  constructor(private readonly page: Page) {}

  readonly canvas = () => this.page.locator('#drawflow');

  async waitUntilReady(): Promise<void> {
    await this.page.locator('body[data-editor-ready="1"]').waitFor();
  }

  private paletteItem(moduleId: string): Locator {
    return this.page.locator(`.workflow-palette-module[data-module-id="${moduleId}"]`).first();
  }

  private nodes(): Locator {
    return this.page.locator('#drawflow .drawflow-node');
  }

  /** Drags a module from the palette onto an empty spot of the canvas; answers the new node's id. */
  async dragModule(moduleId: string, at: { x: number; y: number }): Promise<string> {
    const before = await this.nodeIds();
    await this.paletteItem(moduleId).dragTo(this.canvas(), { targetPosition: at });
    await this.page.waitForFunction(
      (count) => document.querySelectorAll('#drawflow .drawflow-node').length > count,
      before.length,
    );
    const added = (await this.nodeIds()).filter((id) => !before.includes(id));
    if (added.length !== 1) throw new Error(`dragging ${moduleId} added ${added.length} nodes`);
    return added[0]!;
  }

  async nodeIds(): Promise<string[]> {
    const ids = await this.nodes().evaluateAll((elements) => elements.map((e) => e.id.replace(/^node-/, '')));
    return ids;
  }

  /** The id of the last node whose title is this module name ("IF :: Tag", "Event Publish"). */
  async nodeIdByName(name: string): Promise<string> {
    const matching = this.nodes().filter({
      has: this.page.locator('.workflow-node-title strong', {
        hasText: new RegExp(`^${escapeRegExp(name)}$`),
      }),
    });
    const ids = await matching.evaluateAll((elements) => elements.map((e) => e.id.replace(/^node-/, '')));
    if (ids.length === 0) throw new Error(`no node "${name}" on the canvas`);
    return ids[ids.length - 1]!;
  }

  /** The field under a param's label in a node ("Scope", "Condition", "Tags" …). */
  paramField(nodeId: string, label: string): Locator {
    return this.page
      .locator(`#node-${nodeId}`)
      .locator(
        `xpath=.//label[normalize-space()=${xpathString(label)}]/following-sibling::*[contains(concat(' ', @class, ' '), ' workflow-param ')][1]`,
      );
  }

  /** Chooses by the option's visible text, or types into a text field, as a person would. */
  async setParam(nodeId: string, label: string, value: string): Promise<void> {
    const field = this.paramField(nodeId, label);
    if ((await field.count()) === 0) throw new Error(`node ${nodeId} has no param "${label}"`);
    const tag = await field.evaluate((element) => element.tagName.toLowerCase());
    if (tag === 'select') await field.selectOption({ label: value });
    else await field.fill(value);
  }

  /** Drags a wire from an output of one node to the input of another (mouse, as Drawflow wants). */
  async connect(fromNodeId: string, output: number, toNodeId: string): Promise<void> {
    const from = this.page.locator(`#node-${fromNodeId} .outputs .output_${output}`);
    const to = this.page.locator(`#node-${toNodeId} .inputs .input_1`);
    const start = await centre(from);
    const end = await centre(to);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
    await this.page.mouse.move(end.x, end.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Clicks Save; answers MISP's reply to the AJAX POST /workflows/edit/<id>. */
  async save(): Promise<{ response: Response; message: string }> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    const saved = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/workflows\/edit\/\d+/.test(r.url()),
    );
    await this.page.locator('#workflow-save-button').click();
    const response = await saved;
    const status = this.page.locator('#workflow-save-message');
    await status.filter({ hasNotText: /^Saving/ }).waitFor();
    return { response, message: (await status.innerText()).trim() };
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

function xpathString(text: string): string {
  return text.includes('"') ? `concat("${text.split('"').join(`", '"', "`)}")` : `"${text}"`;
}
