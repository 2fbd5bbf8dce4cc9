/**
 * "Add Object" as MISP 2.5.1 walks it (observed: fixtures/misp-samples-observed/
 * workshop-pages.json, "objectAdd"): a popover choosing the meta-category, then the template
 * (select[data-functionname=redirectAddObject]), then the template's form posting to
 * /objects/revise_object/add/<event>/<template>, whose review page posts data[Object][data]
 * (the filled rows as JSON) to /objects/add/<event>/<template> with "Create new object".
 */
import type { RequestContext } from '../../http/context.ts';
import {
  categoriesOf,
  defaultToIds,
  formElements,
  type ObjectTemplate,
} from '../../events/object-templates.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import { ATTRIBUTE_DISTRIBUTION_LEVELS } from './labels.ts';

const DISTRIBUTIONS = Object.entries(ATTRIBUTE_DISTRIBUTION_LEVELS).filter(([value]) => value !== '4');

function distributionOptions(selected: string): Html[] {
  return DISTRIBUTIONS.map(
    ([value, label]) =>
      html`<option value="${value}" ${value === selected ? html`selected="selected"` : ''}>${label}</option>`,
  );
}

/** GET /objectTemplates/objectMetaChoice/<event>: the meta-categories, then the template list. */
export function metaChoice(eventId: number, templates: ObjectTemplate[]): Html {
  const metas = [...new Set(templates.map((t) => t.metaCategory))];
  const choice = (meta: string) => `/objectTemplates/objectChoice/${eventId}/${meta}`;
  return html`<div class="generic_picker" data-popover-title=" ">
    <select id="gp_object_meta_${eventId}" data-chosen="1" style="display: none;">
      <option></option>
      <option value="${choice('0')}">All Objects</option>
      ${metas.map((meta) => html`<option value="${choice(meta)}">${meta}</option>`)}
    </select>
    <div class="generic-picker-wrapper hidden"></div>
  </div>`;
}

/** GET /objectTemplates/objectChoice/<event>/<meta>: the templates; choosing one opens its form. */
export function templateChoice(eventId: number, templates: ObjectTemplate[]): Html {
  return html`<div class="generic_picker">
    <select
      id="gp_object_templates_${eventId}"
      data-chosen="1"
      style="display: none;"
      data-functionname="redirectAddObject"
      data-redirect="/objects/add/${eventId}/"
    >
      <option></option>
      ${templates.map((t) => html`<option value="${String(t.id)}">${t.name}</option>`)}
    </select>
  </div>`;
}

/** A checkbox after its hidden "0", as CakePHP's FormHelper writes one. */
function checkbox(name: string, id: string, checked: boolean): Html {
  return html`<input type="hidden" name="${name}" value="0" /><input
      type="checkbox"
      name="${name}"
      value="1"
      id="${id}"
      ${checked ? 'checked' : ''}
    />`;
}

function elementRow(index: number, element: ReturnType<typeof formElements>[number]): Html {
  const name = (field: string) => `data[Attribute][${index}][${field}]`;
  const { preselected, offered } = categoriesOf(element);
  return html`<tr id="row_${index}" class="attribute_row">
    <td class="short">
      <input type="hidden" name="${name('object_relation')}" value="${element.relation}" /><input
        type="hidden"
        name="${name('type')}"
        value="${element.type}"
      /><span class="bold">${element.relation}</span><br />${element.type}
    </td>
    <td class="short">
      <select name="${name('category')}" id="Attribute${index}Category">
        ${offered.map(
          (c) =>
            html`<option value="${c}" ${c === preselected ? html`selected="selected"` : ''}>${c}</option>`,
        )}
      </select>
    </td>
    <td class="short">
      <div class="object_value_field">
        <textarea name="${name('value')}" cols="30" rows="6" id="Attribute${index}Value"></textarea>
      </div>
    </td>
    <td>${checkbox(name('to_ids'), `Attribute${index}ToIds`, defaultToIds(element))}</td>
    <td>
      ${checkbox(name('disable_correlation'), `Attribute${index}DisableCorrelation`, element.disableCorrelation)}
    </td>
    <td class="short">
      <select name="${name('distribution')}" id="Attribute${index}Distribution">
        ${distributionOptions('5')}
      </select>
    </td>
    <td class="short">
      <textarea name="${name('comment')}" cols="30" rows="1" id="Attribute${index}Comment"></textarea>
    </td>
  </tr>`;
}

/** GET /objects/add/<event>/<template>: MISP's "Add File Object" form. */
export function objectAddPage(ctx: RequestContext, eventId: number, template: ObjectTemplate): Html {
  const title = `Add ${template.name.charAt(0).toUpperCase()}${template.name.slice(1)} Object`;
  return page(ctx, {
    title,
    content: html`<form
      action="/objects/revise_object/add/${eventId}/${String(template.id)}"
      id="ObjectAddForm"
      enctype="multipart/form-data"
      method="post"
      accept-charset="utf-8"
    >
      ${formSecurityFields(ctx)}
      <h3>${title}</h3>
      <dl>
        <dt>Object Template</dt>
        <dd>${template.name} v${template.version}</dd>
        <dt>Description</dt>
        <dd>${template.description}</dd>
        <dt>Distribution</dt>
        <dd>
          <select name="data[Object][distribution]" id="ObjectDistribution">
            ${distributionOptions('5')}
          </select>
        </dd>
        <dt>Comment</dt>
        <dd><textarea name="data[Object][comment]" cols="30" rows="1" id="ObjectComment"></textarea></dd>
      </dl>
      <table id="editTable" class="table table-striped table-condensed">
        <tr>
          <th>Name :: type</th>
          <th>Category</th>
          <th>Value</th>
          <th>IDS</th>
          <th>Disable Correlation</th>
          <th>Distribution</th>
          <th>Comment</th>
        </tr>
        ${formElements(template).map((element, index) => elementRow(index, element))}
      </table>
      <button class="btn btn-primary" type="submit">Submit</button>
    </form>`,
  });
}

export interface RevisedObject {
  Object: { distribution: string; comment: string };
  Attribute: Record<string, Record<string, string>>;
}

/** POST /objects/revise_object/add/<event>/<template>: the review, then "Create new object". */
export function objectRevisePage(
  ctx: RequestContext,
  eventId: number,
  template: ObjectTemplate,
  revised: RevisedObject,
): Html {
  const rows = Object.values(revised.Attribute);
  return page(ctx, {
    title: 'Objects',
    content: html`<form
      action="/objects/add/${eventId}/${String(template.id)}"
      id="ObjectReviseForm"
      method="post"
      accept-charset="utf-8"
    >
      ${formSecurityFields(ctx)}
      <input type="hidden" name="data[Object][data]" value="${JSON.stringify(revised)}" id="ObjectData" />
      <table class="meta_table table table-striped table-condensed">
        <tr>
          <td class="meta_table_key">Name</td>
          <td class="meta_table_value">${template.name}</td>
        </tr>
        <tr>
          <td class="meta_table_key">Template version</td>
          <td class="meta_table_value">${template.version}</td>
        </tr>
        <tr>
          <td class="meta_table_key">Distribution</td>
          <td class="meta_table_value">
            ${ATTRIBUTE_DISTRIBUTION_LEVELS[revised.Object.distribution] ?? ''}
          </td>
        </tr>
      </table>
      <table id="attribute_table" class="table table-condensed table-striped">
        <tr>
          <th>Object name</th>
          <th>Category</th>
          <th>Type</th>
          <th>Value</th>
          <th>To IDS</th>
        </tr>
        ${rows.map(
          (row) =>
            html`<tr>
              <td>${row.object_relation ?? ''}</td>
              <td>${row.category ?? ''}</td>
              <td>${row.type ?? ''}</td>
              <td>${row.value ?? ''}</td>
              <td>${row.to_ids === '1' ? 'Yes' : 'No'}</td>
            </tr>`,
        )}
      </table>
      <button class="btn btn-primary" type="submit">Create new object</button>
    </form>`,
  });
}
