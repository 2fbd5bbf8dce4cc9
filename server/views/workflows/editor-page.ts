/**
 * /workflows/editor/<trigger|id>: Drawflow (served from node_modules under /js and /css) with the
 * module palette grouped by kind, the canvas, and the Save button. The graph, module configs and
 * CSRF key travel in a JSON script tag; the behaviour lives in EDITOR_SCRIPT.
 */
import type { RequestContext } from '../../http/context.ts';
import { issueCsrfKey } from '../../http/session.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import type { Workflow } from '../../workflows/workflow-repository.ts';
import { EDITOR_SCRIPT } from './editor-script.ts';

type Config = Record<string, unknown>;

export interface EditorModules {
  trigger: Config[];
  logic: Config[];
  action: Config[];
}

const EDITOR_STYLE = `
.workflow-editor{display:flex;gap:12px;height:640px}
.workflow-palette{width:260px;overflow-y:auto;border:1px solid #ccc;padding:6px}
.workflow-palette h4{margin:8px 0 4px}
.workflow-palette-module{display:flex;justify-content:space-between;align-items:center;border:1px solid #ddd;
  border-radius:4px;padding:4px 6px;margin:3px 0;cursor:grab;background:#fafafa}
.workflow-palette-module.disabled{opacity:.55}
#drawflow{flex:1;position:relative;border:1px solid #ccc;background:#f8f8f8}
.drawflow .drawflow-node{width:auto;min-width:200px;max-width:320px}
.drawflow .drawflow-node.block-type-trigger{background:#e8f4ff}
.workflow-node-title{display:flex;flex-direction:column;margin-bottom:4px}
.workflow-node-module{font-size:11px;color:#777}
.workflow-node-params label{margin-top:4px;font-size:12px}
.workflow-node-params input,.workflow-node-params select,.workflow-node-params textarea{min-width:0;width:100%;box-sizing:border-box}
.workflow-node-error{color:#b94a48}
`;

/** JSON inside <script>: `<` escaped so no value can close the tag. */
function scriptJson(value: unknown): Html {
  return trusted(JSON.stringify(value).replace(/</g, '\\u003c'));
}

function palette(title: string, configs: Config[]): Html {
  return html`<h4>${title}</h4>
    ${configs.map(
      (config) =>
        html`<div
          class="workflow-palette-module${config.disabled ? ' disabled' : ''}"
          draggable="true"
          data-module-id="${String(config.id)}"
          data-module-type="${String(config.module_type)}"
          title="${String(config.description ?? '')}"
        >
          <span>${String(config.name)}</span>
          <button
            type="button"
            class="btn btn-small workflow-add-module"
            data-module-id="${String(config.id)}"
            data-module-type="${String(config.module_type)}"
          >
            Add
          </button>
        </div>`,
    )}`;
}

export function workflowEditorPage(ctx: RequestContext, workflow: Workflow, modules: EditorModules): Html {
  const boot = {
    workflow: { id: workflow.id, name: workflow.name, data: workflow.data },
    modules,
    csrfKey: issueCsrfKey(ctx.session),
  };
  return page(ctx, {
    title: `Workflow editor: ${workflow.name}`,
    head: html`<link rel="stylesheet" href="/css/drawflow.min.css" />
      <style>
        ${trusted(EDITOR_STYLE)}
      </style>
      <script src="/js/drawflow.min.js"></script>`,
    content: html`<div class="workflows editor">
      <h2>Workflow editor</h2>
      <p>
        <label for="WorkflowName" style="display:inline">Name</label>
        <input type="text" id="WorkflowName" value="${workflow.name}" />
        <span>Trigger: <code>${workflow.trigger_id}</code></span>
        <button type="button" class="btn btn-primary" id="workflow-save-button">Save</button>
        <a href="/workflows/view/${workflow.id}">View</a> · <a href="/workflows/triggers">Triggers</a>
      </p>
      <div id="workflow-save-message" role="status"></div>
      <div class="workflow-editor">
        <div class="workflow-palette" id="workflow-palette">
          ${palette('Logic', modules.logic)} ${palette('Action', modules.action)}
        </div>
        <div id="drawflow"></div>
      </div>
      <script type="application/json" id="workflow-editor-data">
        ${scriptJson(boot)}
      </script>
      <script>
        ${trusted(EDITOR_SCRIPT)};
      </script>
    </div>`,
  });
}
