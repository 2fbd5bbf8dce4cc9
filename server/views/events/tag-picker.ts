/**
 * The fragments of MISP 2.5.1's tag picker, loaded into a popover by the event page's script
 * (markup observed on a real MISP: fixtures/misp-samples-observed/workshop-pages.json): the
 * pre-picker pills, the tag list with its Submit, the addTag form that carries the CSRF token,
 * and the "Remove tag" prompt.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields } from '../layout.ts';

export type TagScope = 'event' | 'attribute';

interface PickerTarget {
  id: string;
  scope: TagScope;
  local: boolean;
}

const localSuffix = (local: boolean): string => (local ? '/local:1' : '');

/** /tags/selectTaxonomy/<id>[/attribute]: the pills MISP shows when no taxonomy is enabled. */
export function preTagPicker(target: PickerTarget): Html {
  const base = `/tags/selectTag/${target.id}`;
  const pills: Array<[string, string]> = [
    ['collections', 'Tag Collections'],
    ['0', 'Custom Tags'],
    ['all', 'All Tags'],
  ];
  return html`<div
    class="generic_picker"
    data-popover-title="${target.local ? 'Add a local tag' : 'Add a tag'}"
  >
    <ul class="nav nav-pills">
      ${pills.map(([kind, label]) => {
        const endpoint = `${base}/${kind}/${target.scope}${localSuffix(target.local)}`;
        return html`<li>
          <a
            href="#"
            data-toggle="pill"
            class="pill-pre-picker"
            data-endpoint="${endpoint}"
            data-name="${label}"
            >${label}</a
          >
        </li>`;
      })}
    </ul>
    <div class="generic-picker-wrapper hidden"></div>
  </div>`;
}

/** /tags/selectTag/<id>/<kind>/<scope>: a multiple select of the tags, then Submit. */
export function tagList(
  target: PickerTarget,
  tags: Array<{ id: string; name: string; colour: string }>,
): Html {
  const form =
    target.scope === 'attribute'
      ? { url: `/attributes/addTag/${target.id}`, field: 'data[Attribute][tag]' }
      : { url: `/events/addTag/${target.id}`, field: 'data[Event][tag]' };
  return html`<div class="generic_picker">
    <select
      id="gp_tags_${target.scope}_${target.id}"
      multiple
      data-chosen="1"
      style="display: none;"
      data-functionname="quickSubmitTagForm"
      data-additionaldata="${JSON.stringify({ id: target.id, local: target.local })}"
    >
      <option></option>
      ${tags.map((tag) => html`<option value="${tag.id}">${tag.name}</option>`)}
    </select>
    <button
      class="btn btn-primary"
      data-tag-submit="${form.url}${localSuffix(target.local)}"
      data-tag-field="${form.field}"
    >
      Submit
    </button>
  </div>`;
}

/** GET /events/addTag/<id> or /attributes/addTag/<id>: the form whose token the picker posts. */
export function addTagForm(ctx: RequestContext, target: PickerTarget): Html {
  const model = target.scope === 'attribute' ? 'Attribute' : 'Event';
  const action = `/${target.scope === 'attribute' ? 'attributes' : 'events'}/addTag/${target.id}${localSuffix(target.local)}`;
  return html`<form action="${action}" id="${model}AddTagForm" method="post" accept-charset="utf-8">
    ${formSecurityFields(ctx)}
    ${
      target.scope === 'attribute'
        ? html`<input type="hidden" name="data[Attribute][attribute_ids]" value="" />`
        : ''
    }
    <input type="hidden" name="data[${model}][tag]" value="" id="${model}Tag" />
  </form>`;
}

/** GET /events/removeTag/<id>/<tag>: MISP's "Remove tag" prompt inside the popover. */
export function removeTagPrompt(
  ctx: RequestContext,
  target: { id: string; scope: TagScope; label: string },
  tag: { id: string; name: string; colour: string; local: boolean },
): Html {
  const controller = target.scope === 'attribute' ? 'attributes' : 'events';
  return html`<div class="confirmation" data-popover-title="Remove tag">
    <form
      action="/${controller}/removeTag/${target.id}/${tag.id}"
      style="margin:0px;"
      id="PromptForm"
      method="post"
      accept-charset="utf-8"
    >
      ${formSecurityFields(ctx)}
      <div style="padding-left:5px;padding-right:5px;padding-bottom:5px;">
        <p>
          Remove ${tag.local ? 'local' : 'global'} tag
          <span class="tag-container"
            ><span class="tag" style="background-color: ${tag.colour}; color: white">${tag.name}</span></span
          >
          from ${target.scope} ${target.label}?
        </p>
        <table>
          <tr>
            <td style="vertical-align:top">
              <span id="PromptYesButton" class="btn btn-primary" title="Remove" role="button" tabindex="0"
                >Yes</span
              >
            </td>
            <td style="width:540px;"></td>
            <td style="vertical-align:top;">
              <span class="btn btn-inverse" id="PromptNoButton" title="Cancel" role="button" tabindex="0"
                >No</span
              >
            </td>
          </tr>
        </table>
      </div>
    </form>
  </div>`;
}
