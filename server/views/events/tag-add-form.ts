/**
 * MISP's Add Tag form (app/View/Tags/add.ctp as 2.5.1 renders it, observed on a real MISP):
 * form TagAddForm, fields data[Tag][name|colour|org_id|user_id|exportable|hide_tag|local_only]
 * with ids TagName, TagColour, …, Exportable ticked by default, and a "Submit" button.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import { checkbox, select } from '../users/form-fields.ts';

export interface TagFormValues {
  name: string;
  colour: string;
}

export function tagAddPage(
  ctx: RequestContext,
  values: TagFormValues = { name: '', colour: '' },
  errors: Record<string, string[]> = {},
): Html {
  const fieldErrors = (field: string) =>
    errors[field] ? html`<div class="error-message">${errors[field].join(' ')}</div>` : '';
  return page(ctx, {
    title: 'Add Tag',
    content: html`<div class="actions sideMenu">
        <ul class="nav nav-list">
          <li><a href="/tags/index">List Tags</a></li>
          <li class="active"><a href="/tags/add">Add Tag</a></li>
        </ul>
      </div>
      <div class="form">
        <form action="/tags/add" class="genericForm" id="TagAddForm" method="post" accept-charset="utf-8">
          ${formSecurityFields(ctx)}
          <fieldset>
            <legend>Add Tag</legend>
            <div class="input text required">
              <label for="TagName">Name</label>
              <input
                name="data[Tag][name]"
                maxlength="255"
                type="text"
                id="TagName"
                required="required"
                value="${values.name}"
              />
              ${fieldErrors('name')}
            </div>
            <div class="input text required">
              <label for="TagColour">Colour</label>
              <input
                name="data[Tag][colour]"
                maxlength="7"
                type="text"
                id="TagColour"
                required="required"
                value="${values.colour}"
              />
              ${fieldErrors('colour')}
            </div>
            ${select('Tag', 'org_id', 'Restrict tagging to org', [['0', 'Unrestricted']], '0')}
            ${select('Tag', 'user_id', 'Restrict tagging to user', [['0', 'Unrestricted']], '0')}
            ${checkbox('Tag', 'exportable', 'Exportable', true)}
            ${checkbox('Tag', 'hide_tag', 'Hide Tag', false)}
            ${checkbox('Tag', 'local_only', 'Enforce this tag to be used as local only', false)}
          </fieldset>
          <button type="submit" class="btn btn-primary">Submit</button>
        </form>
      </div>`,
  });
}
