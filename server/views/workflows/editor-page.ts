/**
 * /workflows/editor/<trigger|id> with the landmarks of real MISP 2.5.1's editor (observed on a
 * running MISP): a top bar with "Trigger index", "Workflow: <trigger>" and #saveWorkflow with
 * #workflow-saved-text; a sidebar whose tabs (#block-tabs) hold the panes #container-actions
 * (filters Enabled / misp-module / Blocking / All) and #container-logic, one
 * `.sidebar-workflow-block[data-blockid]` per module (disabled ones marked and not draggable);
 * the Drawflow canvas #drawflow. Drawflow itself is served from node_modules; the behaviour is
 * EDITOR_SCRIPT, the look EDITOR_STYLE.
 */
import type { RequestContext } from '../../http/context.ts';
import { issueCsrfKey } from '../../http/session.ts';
import { html, trusted, type Html } from '../html.ts';
import { page } from '../layout.ts';
import type { Workflow } from '../../workflows/workflow-repository.ts';
import { EDITOR_SCRIPT } from './editor-script.ts';
import { EDITOR_STYLE } from './editor-style.ts';

type Config = Record<string, unknown>;

export interface EditorModules {
  trigger: Config[];
  logic: Config[];
  action: Config[];
}

/** JSON inside <script>: `<` escaped so no value can close the tag. */
function scriptJson(value: unknown): Html {
  return trusted(JSON.stringify(value).replace(/</g, '\\u003c'));
}

function sidebarBlock(config: Config, kind: 'action' | 'logic'): Html {
  const disabled = Boolean(config.disabled);
  const version = config.version
    ? html`<small style="margin-left: 2px;">v${String(config.version)}</small>`
    : '';
  return html`<div
    id="${String(config.id)}"
    class="sidebar-workflow-block block-type-${kind}${disabled ? ' disabled' : ''}"
    data-blockid="${String(config.id)}"
    data-block-disabled="${disabled ? '1' : '0'}"
    data-is-misp-module="${config.is_misp_module ? '1' : ''}"
    data-is-blocking="${config.blocking ? '1' : ''}"
    title="${disabled ? 'This module is disabled' : String(config.description ?? '')}"
  >
    <div class="icon"><i class="fas fa-${String(config.icon ?? 'cube')} fa-fw"></i></div>
    <div>
      <div style="display: flex;">
        <strong style="font-size: large;">${String(config.name)}</strong>${version}
        ${
          config.blocking
            ? html`<span style="margin-left: 2px;" class="text-error"
                ><i title="This module can block execution" class="fa-fw fas fa-stop-circle"></i
              ></span>`
            : ''
        }
      </div>
      <div class="muted">${String(config.description ?? '')}</div>
    </div>
  </div>`;
}

function topBar(workflow: Workflow, trigger: Config | undefined): Html {
  return html`<div class="topbar">
    <a href="/workflows/triggers"><i class="fa-fw fas fa-caret-left"></i>Trigger index</a>
    <span class="workflow-title">
      <h3 style="display: inline-block;">
        <span style="font-weight:normal;">Workflow:</span>
        <strong>${workflow.trigger_id}</strong>
      </h3>
      ${
        trigger?.blocking
          ? html`<span
              class="label label-important"
              title="This workflow is a blocking worklow and can prevent the default MISP behavior to execute"
              >Blocking</span
            >`
          : ''
      }
    </span>
    <span class="workflow-save">
      <button id="saveWorkflow" class="btn btn-primary" type="button">Save</button>
      <span id="workflow-saved-text" class="text-success">saved</span>
      <span id="workflow-saved-text-details"></span>
    </span>
    <span class="workflow-links">
      <a
        href="/admin/logs/index/model:Workflow/action:execute_workflow/model_id:${workflow.id}"
        title="View execution logs"
        >Execution logs</a
      >
    </span>
  </div>`;
}

function sidebar(modules: EditorModules): Html {
  const filters = ['Enabled', 'misp-module', 'Blocking', 'All'];
  const filterTypes = ['enabled', 'misp-module', 'is-blocking', 'all'];
  return html`<div class="sidebar">
    <div class="side-panel">
      <ul class="nav nav-tabs" id="block-tabs">
        <li class="active"><a href="#container-actions">Actions</a></li>
        <li><a href="#container-logic">Logic</a></li>
        <li><a href="#container-blueprints">Blueprints</a></li>
      </ul>
      <div class="tab-content">
        <div class="tab-pane active" id="container-actions">
          <div id="block-filter-group" class="btn-group">
            ${filters.map(
              (label, i) =>
                html`<button
                  type="button"
                  class="btn btn-primary${i === 0 ? ' active' : ''}"
                  data-type="${filterTypes[i]!}"
                >
                  ${label}
                </button>`,
            )}
          </div>
          <div class="block-container">${modules.action.map((config) => sidebarBlock(config, 'action'))}</div>
        </div>
        <div class="tab-pane" id="container-logic">
          <div class="block-container">${modules.logic.map((config) => sidebarBlock(config, 'logic'))}</div>
        </div>
        <div class="tab-pane" id="container-blueprints">
          <p class="muted">Blueprints: <a href="/workflowBlueprints/index">List Workflow Blueprints</a></p>
        </div>
      </div>
    </div>
  </div>`;
}

export function workflowEditorPage(ctx: RequestContext, workflow: Workflow, modules: EditorModules): Html {
  const trigger = modules.trigger.find((config) => config.id === workflow.trigger_id);
  const boot = {
    workflow: {
      id: workflow.id,
      name: workflow.name,
      description: workflow.description,
      data: workflow.data,
    },
    modules,
    csrfKey: issueCsrfKey(ctx.session),
  };
  return page(ctx, {
    title: 'Workflows',
    head: html`<link rel="stylesheet" href="/css/drawflow.min.css" />
      <style>
        ${trusted(EDITOR_STYLE)}
      </style>
      <script src="/js/drawflow.min.js"></script>`,
    fullWidth: true,
    content: html`<div class="workflow-editor-container">
      ${topBar(workflow, trigger)}
      <div class="main-container">
        ${sidebar(modules)}
        <div class="canvas"><div id="drawflow" data-workflowid="${String(workflow.id)}"></div></div>
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
