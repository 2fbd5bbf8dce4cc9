/** /workflowBlueprints/index, view, and the add/edit/import forms (MISP's field names). */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import type { Blueprint } from '../../workflows/blueprint-repository.ts';
import { postButton } from './workflow-pages.ts';

export function blueprintIndexPage(ctx: RequestContext, blueprints: Blueprint[]): Html {
  return page(ctx, {
    title: 'Workflow Blueprints',
    content: html`<div class="workflowBlueprints index">
      <h2>Workflow Blueprints</h2>
      <p>
        <a href="/workflowBlueprints/add">Add blueprint</a> ·
        <a href="/workflowBlueprints/import">Import blueprint</a>
      </p>
      <table class="table table-striped" id="blueprintIndexTable">
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Description</th>
            <th>Default</th>
            <th>Nodes</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          ${blueprints.map(
            (blueprint) =>
              html`<tr data-blueprint-id="${blueprint.id}">
                <td>${blueprint.id}</td>
                <td><a href="/workflowBlueprints/view/${blueprint.id}">${blueprint.name}</a></td>
                <td>${blueprint.description}</td>
                <td>${blueprint.default ? 'Yes' : 'No'}</td>
                <td>${blueprint.data.length}</td>
                <td>
                  <a href="/workflowBlueprints/export/${blueprint.id}">Export</a>
                  <a href="/workflowBlueprints/edit/${blueprint.id}">Edit</a>
                  ${postButton(ctx, `/workflowBlueprints/delete/${blueprint.id}`, 'Delete')}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`,
  });
}

export function blueprintViewPage(ctx: RequestContext, blueprint: Blueprint, json: unknown): Html {
  return page(ctx, {
    title: blueprint.name,
    content: html`<div class="workflowBlueprints view">
      <h2>${blueprint.name}</h2>
      <p>${blueprint.description}</p>
      <p><a href="/workflowBlueprints/export/${blueprint.id}">Export</a></p>
      <pre id="blueprintJson">${JSON.stringify(json, null, 2)}</pre>
    </div>`,
  });
}

export function blueprintImportPage(ctx: RequestContext, text = ''): Html {
  return page(ctx, {
    title: 'Import Workflow Blueprint',
    content: html`<form id="WorkflowBlueprintImportForm" method="post" action="/workflowBlueprints/import">
      ${formSecurityFields(ctx)}
      <fieldset>
        <legend>Import Workflow Blueprint</legend>
        <label for="WorkflowBlueprintJson">JSON</label>
        <textarea name="data[WorkflowBlueprint][json]" id="WorkflowBlueprintJson" rows="16" cols="100">
${text}</textarea>
      </fieldset>
      <button type="submit" class="btn btn-primary">Submit</button>
    </form>`,
  });
}

export function blueprintFormPage(ctx: RequestContext, action: string, blueprint?: Blueprint): Html {
  return page(ctx, {
    title: blueprint ? 'Edit Workflow Blueprint' : 'Add Workflow Blueprint',
    content: html`<form
      id="WorkflowBlueprint${blueprint ? 'Edit' : 'Add'}Form"
      method="post"
      action="${action}"
    >
      ${formSecurityFields(ctx)}
      <fieldset>
        <legend>${blueprint ? 'Edit' : 'Add'} Workflow Blueprint</legend>
        <label for="WorkflowBlueprintName">Name</label>
        <input
          type="text"
          name="data[WorkflowBlueprint][name]"
          id="WorkflowBlueprintName"
          value="${blueprint?.name ?? ''}"
        />
        <label for="WorkflowBlueprintDescription">Description</label>
        <input
          type="text"
          name="data[WorkflowBlueprint][description]"
          id="WorkflowBlueprintDescription"
          value="${blueprint?.description ?? ''}"
        />
        <label for="WorkflowBlueprintData">Data</label>
        <textarea name="data[WorkflowBlueprint][data]" id="WorkflowBlueprintData" rows="12" cols="100">
${JSON.stringify(blueprint?.data ?? [])}</textarea>
      </fieldset>
      <button type="submit" class="btn btn-primary">Submit</button>
    </form>`,
  });
}
