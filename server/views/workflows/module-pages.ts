/** /workflows/moduleIndex and /workflows/moduleView/<id>: modules with their state and params. */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { postButton } from './workflow-pages.ts';

type Config = Record<string, unknown>;

export function moduleIndexPage(ctx: RequestContext, configs: Config[]): Html {
  return page(ctx, {
    title: 'Workflow modules',
    content: html`<div class="workflows moduleIndex">
      <h2>Workflow modules</h2>
      <p>
        <a href="/workflows/moduleIndex/type:logic">Logic</a> ·
        <a href="/workflows/moduleIndex/type:action">Action</a> ·
        <a href="/workflows/moduleIndex/type:all">All</a>
      </p>
      <p class="muted">Disabled modules that are blocking will also stop the execution</p>
      <table class="table table-striped" id="workflowModuleTable">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Description</th>
            <th>Blocking</th>
            <th>Enabled</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          ${configs.map((config) => {
            const id = String(config.id);
            return html`<tr data-module-id="${id}">
              <td><a href="/workflows/moduleView/${id}">${String(config.name)}</a></td>
              <td>${String(config.module_type)}</td>
              <td>${String(config.description ?? '')}</td>
              <td>${config.blocking ? 'Yes' : 'No'}</td>
              <td class="module-enabled">${config.disabled ? 'No' : 'Yes'}</td>
              <td>
                ${
                  config.disabled
                    ? postButton(ctx, `/workflows/toggleModule/${id}/1`, 'Enable')
                    : postButton(ctx, `/workflows/toggleModule/${id}/0`, 'Disable')
                }
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
