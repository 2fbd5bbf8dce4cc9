/**
 * The workflow list pages as MISP shows them: the access-gate error view, the trigger list (with
 * Enable/Disable per trigger, the editor link and "View execution logs"), the workflow index and
 * a workflow's view page.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import { GATE_INTRO, GATE_TITLE } from '../../workflows/access-gate.ts';
import type { Workflow } from '../../workflows/workflow-repository.ts';

/**
 * What MISP 2.5.1 really shows while the workflow system is off (observed on a real MISP):
 * beforeFilter renders `Workflows/error` before it has set the list of missing components, so
 * the view names none, and the action then fails with HTTP 500. The fragment comes first, then
 * MISP's internal-error answer: its error page for a browser, its JSON error for REST.
 */
export function workflowGateFragment(): Html {
  return html`<div class="actions sideMenu">
      <ul class="nav nav-list">
        <li id="liindex_trigger"><a href="/workflows/triggers">List Triggers</a></li>
        <li id="liindex_module"><a href="/workflows/moduleIndex">List Modules</a></li>
        <li id="liindex"><a href="/workflowBlueprints/index">List Workflow Blueprints</a></li>
      </ul>
    </div>
    <div class="index">
      <div class="alert alert-danger" id="workflowAccessError">
        <strong>${GATE_TITLE}</strong>
        <p>${GATE_INTRO}</p>
      </div>
    </div>`;
}

export function workflowGatePage(ctx: RequestContext): Html {
  return page(ctx, {
    title: 'Error',
    content: html`${workflowGateFragment()}
      <div class="misp-error-container">
        <h2>${INTERNAL_ERROR}</h2>
        <p class="error"><strong>Error: </strong>${INTERNAL_ERROR} ${INTERNAL_ERROR_HINT}</p>
      </div>`,
  });
}

export const INTERNAL_ERROR = 'An Internal Error Has Occurred.';
const INTERNAL_ERROR_HINT =
  'Please try your action again. If the problem persists, please contact administrator.';

/** A POST link as CakePHP's postLink renders it: a tiny form with the CSRF token. */
export function postButton(ctx: RequestContext, action: string, label: string, attrs: Html = html``): Html {
  return html`<form method="post" action="${action}" style="display:inline">
    ${formSecurityFields(ctx)}<button type="submit" class="btn btn-small" ${attrs}>${label}</button>
  </form>`;
}

export interface TriggerRow {
  config: Record<string, unknown>;
  enabled: boolean;
  workflow?: Workflow;
}

/** The side menu of MISP's workflow pages (List Triggers, List Modules, List Workflow Blueprints). */
export function workflowSideMenu(active: 'trigger' | 'module' | 'blueprint'): Html {
  const item = (id: string, key: typeof active, href: string, text: string) =>
    html`<li id="${id}" class="${active === key ? 'active' : ''}"><a href="${href}">${text}</a></li>`;
  return html`<div class="actions sideMenu">
    <ul class="nav nav-list">
      ${item('liindex_trigger', 'trigger', '/workflows/triggers', 'List Triggers')}
      ${item('liindex_module', 'module', '/workflows/moduleIndex', 'List Modules')}
      ${item('liindex', 'blueprint', '/workflowBlueprints/index', 'List Workflow Blueprints')}
    </ul>
  </div>`;
}

/**
 * MISP's Enable/Disable action on the trigger and module lists (observed on 2.5.1): a hidden
 * postLink form and an icon link titled "Enable" (play) or "Disable" (stop) that asks
 * "Are you sure you want to enable this trigger?" before submitting it.
 */
export function toggleLink(ctx: RequestContext, action: string, enable: boolean, what: string): Html {
  const name = `post_${action.replace(/[^A-Za-z0-9]/g, '_')}`;
  const label = enable ? 'Enable' : 'Disable';
  const question = `Are you sure you want to ${enable ? 'enable' : 'disable'} this ${what}?`;
  return html`<form action="${action}" name="${name}" id="${name}" style="display:none;" method="post">
      ${formSecurityFields(ctx)}
    </form>
    <a
      href="#"
      class="fas fa-${enable ? 'play' : 'stop'} black"
      title="${label}"
      aria-label="${label}"
      onclick="if (confirm(${JSON.stringify(question)})) { document.${name}.submit(); } event.returnValue = false; return false;"
    ></a>`;
}

const yesNo = (yes: boolean) =>
  yes
    ? html`<i class="fa fa-check green" role="img" aria-label="Yes"></i>`
    : html`<i class="fa fa-times grey" role="img" aria-label="No"></i>`;

export function workflowTriggersPage(ctx: RequestContext, rows: TriggerRow[]): Html {
  return page(ctx, {
    title: 'Triggers',
    content: html`${workflowSideMenu('trigger')}
      <div class="workflows triggers index">
        <h2>Triggers</h2>
        <p>List the available triggers that can be listened to by workflows.</p>
        <table class="table table-striped" id="workflowTriggersTable">
          <thead>
            <tr>
              <th>Trigger name</th>
              <th>Scope</th>
              <th>Description</th>
              <th>Run counter</th>
              <th>Blocking Workflow</th>
              <th>Workflow ID</th>
              <th>Enabled</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(({ config, enabled, workflow }) => {
              const id = String(config.id);
              return html`<tr data-row-id="${id}">
                <td class="bold" data-path="name">${String(config.name)}</td>
                <td data-path="scope">${String(config.scope)}</td>
                <td data-path="description">${String(config.description)}</td>
                <td data-path="Workflow.counter">${workflow ? String(workflow.counter) : ''}</td>
                <td class="short" data-path="blocking">${yesNo(config.blocking === true)}</td>
                <td class="short" data-path="Workflow.id">
                  ${workflow ? html`<a href="/workflows/view/${workflow.id}">${workflow.id}</a>` : ''}
                </td>
                <td class="short" data-path="disabled">${yesNo(enabled)}</td>
                <td class="short action-links">
                  ${toggleLink(ctx, `/workflows/toggleModule/${id}/${enabled ? 0 : 1}/1`, !enabled, 'trigger')}
                  <a href="/workflows/editor/${id}" title="Edit associated workflows">Edit</a>
                  ${
                    workflow
                      ? html`<a
                          href="/admin/logs/index/model:Workflow/action:execute_workflow/model_id:${workflow.id}"
                          class="view-execution-logs"
                          title="View execution logs"
                          >View execution logs</a
                        >`
                      : ''
                  }
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`,
  });
}

export function workflowIndexPage(ctx: RequestContext, workflows: Workflow[]): Html {
  return page(ctx, {
    title: 'Workflows',
    content: html`<div class="workflows index">
      <h2>Workflows</h2>
      <table class="table table-striped" id="workflowIndexTable">
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Trigger</th>
            <th>Counter</th>
            <th>Debug</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          ${workflows.map(
            (workflow) =>
              html`<tr data-workflow-id="${workflow.id}">
                <td>${workflow.id}</td>
                <td><a href="/workflows/view/${workflow.id}">${workflow.name}</a></td>
                <td>${workflow.trigger_id}</td>
                <td>${workflow.counter}</td>
                <td>${workflow.debug_enabled ? 'Yes' : 'No'}</td>
                <td>
                  <a href="/workflows/editor/${workflow.id}">Edit</a>
                  ${postButton(ctx, `/workflows/delete/${workflow.id}`, 'Delete')}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`,
  });
}

export function workflowViewPage(ctx: RequestContext, workflow: Workflow, json: unknown): Html {
  return page(ctx, {
    title: workflow.name,
    content: html`<div class="workflows view">
      <h2>${workflow.name}</h2>
      <table class="table" id="workflowViewTable">
        <tr>
          <th>Id</th>
          <td>${workflow.id}</td>
        </tr>
        <tr>
          <th>UUID</th>
          <td>${workflow.uuid}</td>
        </tr>
        <tr>
          <th>Name</th>
          <td>${workflow.name}</td>
        </tr>
        <tr>
          <th>Description</th>
          <td>${workflow.description}</td>
        </tr>
        <tr>
          <th>Trigger</th>
          <td>${workflow.trigger_id}</td>
        </tr>
        <tr>
          <th>Counter</th>
          <td>${workflow.counter}</td>
        </tr>
        <tr>
          <th>Debug enabled</th>
          <td>${workflow.debug_enabled ? 'Yes' : 'No'}</td>
        </tr>
      </table>
      <p>
        <a href="/workflows/editor/${workflow.id}" class="btn btn-primary">Open editor</a>
        <a href="/admin/logs/index/model:Workflow/action:execute_workflow/model_id:${workflow.id}"
          >View execution logs</a
        >
      </p>
      <h3>Data</h3>
      <pre id="workflowData">${JSON.stringify(json, null, 2)}</pre>
    </div>`,
  });
}

export function workflowEditFormPage(ctx: RequestContext, workflow: Workflow): Html {
  return page(ctx, {
    title: 'Edit Workflow',
    content: html`<form id="WorkflowEditForm" method="post" action="/workflows/edit/${workflow.id}">
      ${formSecurityFields(ctx)}
      <fieldset>
        <legend>Edit Workflow</legend>
        <label for="WorkflowName">Name</label
        ><input type="text" name="data[Workflow][name]" id="WorkflowName" value="${workflow.name}" />
        <label for="WorkflowDescription">Description</label
        ><input
          type="text"
          name="data[Workflow][description]"
          id="WorkflowDescription"
          value="${workflow.description}"
        />
        <label for="WorkflowData">Data</label
        ><textarea name="data[Workflow][data]" id="WorkflowData" rows="12">
${JSON.stringify(workflow.data)}</textarea>
      </fieldset>
      <button type="submit" class="btn btn-primary">Submit</button>
    </form>`,
  });
}
