/** /workflows/moduleIndex and /workflows/moduleView/<id>: modules with their state and params. */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { toggleLink, workflowSideMenu } from './workflow-pages.ts';

type Config = Record<string, unknown>;

/** The filter buttons MISP puts above the module list (observed on 2.5.1); Action is the default. */
const FILTERS: Array<[string, string]> = [
  ['type:all', 'All'],
  ['type:action', 'Action'],
  ['type:logic', 'Logic'],
];

export function moduleIndexPage(ctx: RequestContext, configs: Config[]): Html {
  const type = ctx.url.named.type ?? 'action';
  return page(ctx, {
    title: 'Workflow modules',
    content: html`${workflowSideMenu('module')}
      <div class="workflows moduleIndex index">
        <h2>Workflow Modules</h2>
        <div>List the available modules that can be used by workflows</div>
        <div class="btn-toolbar">
          <div class="btn-group">
            ${FILTERS.map(
              ([filter, label]) =>
                html`<a
                  class="btn btn-small ${filter === `type:${type}` ? 'btn-primary' : 'btn-inverse'}"
                  href="/workflows/moduleIndex/${filter}"
                  >${label}</a
                >`,
            )}
          </div>
        </div>
        <p class="muted">Disabled modules that are blocking will also stop the execution</p>
        <table class="table table-striped" id="workflowModuleTable">
          <thead>
            <tr>
              <th></th>
              <th>Name</th>
              <th>Description</th>
              <th>Module type</th>
              <th>Blocking</th>
              <th>Disabled</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            ${configs.map((config) => {
              const id = String(config.id);
              const disabled = config.disabled === true;
              return html`<tr data-row-id="${id}">
                <td><input class="select_attribute select" type="checkbox" data-id="${id}" /></td>
                <td class="bold shortish" data-path="name">${String(config.name)}</td>
                <td data-path="description">${String(config.description ?? '')}</td>
                <td class="short" data-path="module_type">${String(config.module_type)}</td>
                <td class="short" data-path="blocking">${config.blocking ? 'Yes' : 'No'}</td>
                <td class="short" data-path="disabled">${disabled ? 'Yes' : 'No'}</td>
                <td class="short action-links">
                  ${toggleLink(ctx, `/workflows/toggleModule/${id}/${disabled ? 1 : 0}`, disabled, 'module')}
                  <a href="/workflows/moduleView/${id}" title="View">View</a>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`,
  });
}

export function moduleViewPage(ctx: RequestContext, config: Config): Html {
  return page(ctx, {
    title: String(config.name),
    content: html`<div class="workflows moduleView">
      <h2>${String(config.name)}</h2>
      <p>${String(config.description ?? '')}</p>
      <pre id="workflowModuleConfig">${JSON.stringify(config, null, 2)}</pre>
    </div>`,
  });
}
