/**
 * MISP's event add form (app/View/Events/add.ctp): form id EventAddForm, fields named
 * data[Event][…] with ids EventDate, EventDistribution, …, and the publish confirmation prompt
 * (eventPublishConfirmationForm.ctp): form PromptForm, "Yes" is #PromptYesButton.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields, page } from '../layout.ts';
import { ANALYSIS_LEVELS, DISTRIBUTION_LEVELS, THREAT_LEVELS } from './labels.ts';

export interface EventFormValues {
  date: string;
  distribution: string;
  threat_level_id: string;
  analysis: string;
  info: string;
  extends_uuid: string;
}

function select(name: string, id: string, options: Record<string, string>, selected: string): Html {
  return html`<select name="data[Event][${name}]" id="${id}">
    ${Object.entries(options).map(
      ([value, label]) =>
        html`<option value="${value}" ${value === selected ? html`selected="selected"` : ''}>
          ${label}
        </option>`,
    )}
  </select>`;
}

function fieldErrors(errors: Record<string, string[]>, field: string): Html | string {
  const messages = errors[field];
  return messages ? html`<div class="error-message">${messages.join(' ')}</div>` : '';
}

export function eventAddPage(
  ctx: RequestContext,
  values: EventFormValues,
  errors: Record<string, string[]> = {},
): Html {
  return page(ctx, {
    title: 'Add Event',
    content: html`<div class="events form">
      <form action="/events/add" id="EventAddForm" method="post" accept-charset="utf-8">
        ${formSecurityFields(ctx)}
        <fieldset>
          <legend>Add Event</legend>
          <label for="EventDate">Date</label>
          <input type="text" name="data[Event][date]" id="EventDate" value="${values.date}" />
          ${fieldErrors(errors, 'date')}
          <label for="EventDistribution">Distribution</label>
          ${select('distribution', 'EventDistribution', DISTRIBUTION_LEVELS, values.distribution)}
          ${fieldErrors(errors, 'distribution')}
          <input type="hidden" name="data[Event][sharing_group_id]" id="EventSharingGroupId" value="0" />
          <label for="EventThreatLevelId">Threat Level</label>
          ${select('threat_level_id', 'EventThreatLevelId', THREAT_LEVELS, values.threat_level_id)}
          <label for="EventAnalysis">Analysis</label>
          ${select('analysis', 'EventAnalysis', ANALYSIS_LEVELS, values.analysis)}
          <label for="EventInfo">Event Info</label>
          <textarea name="data[Event][info]" id="EventInfo" rows="3" cols="60">${values.info}</textarea>
          ${fieldErrors(errors, 'info')}
          <label for="EventExtendsUuid">Extends Event</label>
          <input
            type="text"
            name="data[Event][extends_uuid]"
            id="EventExtendsUuid"
            value="${values.extends_uuid}"
          />
        </fieldset>
        <button type="submit" class="btn btn-primary">Submit</button>
      </form>
    </div>`,
  });
}

/** A yes/no prompt posting to `action` (publish and unpublish share it). */
export function promptPage(
  ctx: RequestContext,
  options: { title: string; legend: string; text: string; action: string; cancel: string },
): Html {
  return page(ctx, {
    title: options.title,
    content: html`<div class="confirmation">
      <form action="${options.action}" id="PromptForm" method="post" accept-charset="utf-8">
        ${formSecurityFields(ctx)}
        <legend>${options.legend}</legend>
        <div style="padding-left:5px;padding-right:5px;padding-bottom:5px;">
          <p>${options.text}</p>
          <table>
            <tr>
              <td style="vertical-align:top">
                <button
                  type="submit"
                  role="button"
                  tabindex="0"
                  aria-label="Publish"
                  title="Publish"
                  id="PromptYesButton"
                  class="btn btn-primary"
                >
                  Yes
                </button>
              </td>
              <td style="width:100%;"></td>
              <td style="vertical-align:top;">
                <a
                  href="${options.cancel}"
                  role="button"
                  tabindex="0"
                  aria-label="Cancel"
                  title="Cancel"
                  class="btn btn-inverse"
                  id="PromptNoButton"
                  >No</a
                >
              </td>
            </tr>
          </table>
        </div>
      </form>
    </div>`,
  });
}
