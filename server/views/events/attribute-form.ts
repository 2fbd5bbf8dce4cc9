/**
 * MISP 2.5.1's Add Attribute page (observed: fixtures/misp-samples-observed/workshop-pages.json):
 * form#AttributeAddForm.genericForm posting data[Attribute][category|type|distribution|value|
 * comment|batch_import|to_ids|disable_correlation|first_seen|last_seen] with the CSRF token, each
 * checkbox after its hidden "0", and a "Submit" button. MISP dresses category and type with
 * chosen and filters types by category in JavaScript; here both are plain selects listing
 * every category and type (the server still refuses a type the category does not allow).
 */
import type { RequestContext } from '../../http/context.ts';
import { DESCRIBE_TYPES } from '../../events/describe-types.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import { ATTRIBUTE_DISTRIBUTION_LEVELS } from './labels.ts';

function options(values: Array<[string, string]>, selected: string): Html[] {
  return values.map(
    ([value, label]) =>
      html`<option value="${value}" ${value === selected ? html`selected="selected"` : ''}>${label}</option>`,
  );
}

function checkbox(field: string, id: string, label: string): Html {
  return html`<div class="input checkbox">
    <input type="hidden" name="data[Attribute][${field}]" id="${id}_" value="0" /><input
      type="checkbox"
      name="data[Attribute][${field}]"
      value="1"
      id="${id}"
    /><label for="${id}">${label}</label>
  </div>`;
}

export function attributeAddPage(ctx: RequestContext, eventId: number): Html {
  const categories = DESCRIBE_TYPES.categories.map((c): [string, string] => [c, c]);
  const types = Object.keys(DESCRIBE_TYPES.sane_defaults).map((t): [string, string] => [t, t]);
  const distributions = Object.entries(ATTRIBUTE_DISTRIBUTION_LEVELS).filter(([value]) => value !== '4');
  return page(ctx, {
    title: 'Add Attribute',
    content: html`<div class="side-menu">
        <ul class="nav-list" id="eventSideMenu">
          <li><a href="/events/view/${eventId}">View Event</a></li>
          <li id="liaddAttribute" class="active"><a href="/attributes/add/${eventId}">Add Attribute</a></li>
        </ul>
      </div>
      <div class="attributes form">
        <form
          action="/attributes/add/${eventId}"
          class="genericForm"
          id="AttributeAddForm"
          method="post"
          accept-charset="utf-8"
        >
          ${formSecurityFields(ctx)}
          <fieldset>
            <legend>Add Attribute</legend>
            <div class="input select">
              <label for="AttributeCategory">Category</label>
              <select name="data[Attribute][category]" id="AttributeCategory">
                ${options([['', '(choose one)'], ...categories], '')}
              </select>
            </div>
            <div class="input select">
              <label for="AttributeType">Type</label>
              <select name="data[Attribute][type]" id="AttributeType">
                ${options([['', '(choose category first)'], ...types], '')}
              </select>
            </div>
            <div class="input select">
              <label for="AttributeDistribution">Distribution</label>
              <select name="data[Attribute][distribution]" id="AttributeDistribution" required="required">
                ${options(distributions, '5')}
              </select>
            </div>
            <div class="input clear required">
              <label for="AttributeValue">Value</label>
              <textarea
                name="data[Attribute][value]"
                cols="30"
                rows="6"
                id="AttributeValue"
                required="required"
              ></textarea>
            </div>
            <div class="input clear">
              <label for="AttributeComment">Contextual Comment</label>
              <input name="data[Attribute][comment]" type="text" id="AttributeComment" />
            </div>
            ${checkbox('batch_import', 'AttributeBatchImport', 'Batch import')}
            ${checkbox('to_ids', 'AttributeToIds', 'For Intrusion Detection System')}
            ${checkbox('disable_correlation', 'AttributeDisableCorrelation', 'Disable Correlation')}
            <input name="data[Attribute][first_seen]" type="hidden" id="AttributeFirstSeen" value="" />
            <input name="data[Attribute][last_seen]" type="hidden" id="AttributeLastSeen" value="" />
          </fieldset>
          <button type="submit" class="btn btn-primary">Submit</button>
        </form>
      </div>`,
  });
}
